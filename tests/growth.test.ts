// Every stage linear (issue 10, items 4 to 6): each shape that was quadratic, timed at two
// sizes in this process. Never a wall-clock limit: the CPU time at 4n over the CPU time at
// n is about 4 when the work is linear and 16 when it is quadratic; the bound, 8, leaves
// room for noise. Each run starts from a collected heap: garbage left by the run before
// made linear work measure anywhere from 1 to 12.
import fc from 'fast-check';
import v8 from 'node:v8';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { assignedJson } from '../src/extract/script-json.js';
import { toMarkdown } from '../src/markdown/index.js';
import { MAX_ELEMENTS, parseHtml } from '../src/parse.js';
import { bodyContent } from '../src/pipeline.js';
import { readFileSync } from 'node:fs';
import { fixture } from './helpers.js';

const LINEAR = 8;

v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;

const cpuMs = () => {
  const used = process.cpuUsage();
  return (used.user + used.system) / 1000;
};

/** The least CPU time of three runs, ms: CPU time, so that other processes on a busy machine do not count. */
function leastTime(work: () => unknown): number {
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    collectGarbage();
    const started = cpuMs();
    work();
    best = Math.min(best, cpuMs() - started);
  }
  return best;
}

/**
 * Time at 4n over time at n, both compiled before they are timed. The least of up to
 * three tries: noise can make one try of linear work look worse than quadratic, never
 * all three of quadratic work look linear.
 */
function growth(make: (n: number) => () => unknown, n: number): number {
  const small = make(n);
  const large = make(4 * n);
  small();
  large();
  let best = Infinity;
  for (let i = 0; i < 3 && best >= LINEAR; i++) best = Math.min(best, leastTime(large) / leastTime(small));
  return best;
}

const markdownOf = (html: string) => () => toMarkdown(html);

describe('the fingerprints’ script JSON scan', () => {
  it('is linear in a run of unclosed assignments (`window.DATA = {` repeated)', () => {
    const page = (n: number) => `<script>${'window.DATA = {'.repeat(n)}</script>`;
    expect(growth((n) => () => assignedJson(page(n), /window\.DATA\s*=\s*/), 50_000)).toBeLessThan(LINEAR);
  });
  it('is linear in assignments nested in one another, and parses none of the nesting ones', () => {
    const page = (n: number) => `<script>${'window.DATA = {"a":'.repeat(n)}{}${'}'.repeat(n)}</script>`;
    expect(growth((n) => () => assignedJson(page(n), /window\.DATA\s*=\s*/), 80_000)).toBeLessThan(LINEAR);
    expect(assignedJson(page(3), /window\.DATA\s*=\s*/)).toEqual([{ a: {} }]);
  });
  it('still skips a broken assignment for the real one, and reads strings as strings', () => {
    const html = `<script>window.DATA = {"a": "unterminated
window.DATA = {"id": "x}{", "b": {"c": 'q'}}; var s = "window.DATA = {}";</script><script>window.DATA = {"id": 2}</script>`;
    expect(assignedJson(html, /window\.DATA\s*=\s*/)).toEqual([{ id: 2 }]);
    const good = `<script>window.DATA = {"broken": </script><script>window.DATA = {"id": "a}\\"{"} window.DATA = {"id": 3}</script>`;
    expect(assignedJson(good, /window\.DATA\s*=\s*/)).toEqual([{ id: 'a}"{' }, { id: 3 }]);
  });
});

describe('Markdown', () => {
  it('is linear in the rows of a wide table', () => {
    const table = (rows: number) => `<table>${`<tr>${'<td>cell</td>'.repeat(300)}</tr>`.repeat(rows)}</table>`;
    expect(growth((n) => markdownOf(table(n)), 10)).toBeLessThan(LINEAR);
    expect(toMarkdown(table(2)).split('\n')).toHaveLength(3);
  });
  it('is linear in a run of <br> before more text', () => {
    expect(growth((n) => markdownOf(`<p>start${'<br>'.repeat(n)}end</p>`), 5_000)).toBeLessThan(LINEAR);
    expect(toMarkdown('<p>start<br><br><br>end</p>')).toBe('start\n\nend');
  });
  it('is linear in runs of spaces that turndown keeps (non-breaking ones, and in <pre>)', () => {
    expect(growth((n) => markdownOf(`<p>a${'&nbsp;'.repeat(n)}b</p>`), 50_000)).toBeLessThan(LINEAR);
    expect(growth((n) => markdownOf(`<pre>a${' '.repeat(n)}b${'\n'.repeat(n)}c</pre>`), 200_000)).toBeLessThan(LINEAR);
  });
  it('is linear in a run of `[` and of `![` (link and image marks)', () => {
    expect(growth((n) => markdownOf(`<p>${'[x'.repeat(n)}](y)</p>`), 50_000)).toBeLessThan(LINEAR);
    expect(growth((n) => markdownOf(`<h2>${'![x'.repeat(n)}</h2><p>${'![x'.repeat(n)}</p>`), 40_000)).toBeLessThan(LINEAR);
    expect(toMarkdown('<p>[a][b](c)</p>')).toBe('[a]\\[b](c)');
  });
  it('is linear in the items of a numbered list', () => {
    expect(growth((n) => markdownOf(`<ol>${'<li>item</li>'.repeat(n)}</ol>`), 4_000)).toBeLessThan(LINEAR);
    expect(toMarkdown('<ol start="3"><li>a</li><li>b</li></ol>')).toBe('3. a\n4. b');
  });
});

describe('the body measure of the short-body check', () => {
  it('is linear in a line of image and link marks that never close', () => {
    expect(growth((n) => () => bodyContent(`${'![x'.repeat(n)}${'](y'.repeat(n)}`), 100_000)).toBeLessThan(LINEAR);
    expect(bodyContent('![a](b) text [l](u) ![c](d')).toEqual({ text: 'text l ! c (d', images: 1 });
  });
  it('folds markup and whitespace as the two replaces it stands for would', () => {
    const reference = (text: string) => text.replace(/[*_#>|`[\]\-]+/g, ' ').replace(/\s+/g, ' ').trim();
    // No `![` or `](`: the image and link steps before the fold leave such text as it is.
    const piece = fc.constantFrom(...'*_#>|`[]- \t\n\u00a0\u2003\u3000\ufeff\u200bax字()\ud83d\ude00');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), (pieces) => {
        const text = pieces.join('');
        fc.pre(!text.includes('![') && !text.includes(']('));
        expect(bodyContent(text).text).toBe(reference(text));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('the parser', () => {
  it('refuses a page of more elements than MAX_ELEMENTS, its tree never larger, in linear time', () => {
    expect(() => parseHtml('<br>'.repeat(MAX_ELEMENTS + 1))).toThrow(`page too large to extract: 100,001 HTML elements (the limit is 100,000)`);
    expect(() => parseHtml(`<p>x</p>`.repeat(MAX_ELEMENTS))).not.toThrow();
    expect(growth((n) => () => expect(() => parseHtml('<li>x'.repeat(n))).toThrow(/too large/), MAX_ELEMENTS * 2)).toBeLessThan(LINEAR);
  });
  it('builds the same tree from a page in parts, wherever the parts are cut', () => {
    // decode.ts hands the parser a page in parts; a cut may fall inside a tag, an attribute,
    // an entity, a comment or a script.
    const page = readFileSync(fixture('pages/sina/cwce_0d931936-d510-4904-a714-88bb267b62da.html'), 'utf8');
    const whole = parseHtml(page).html();
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: page.length - 1 }), { maxLength: 40 }), (cuts) => {
        const at = [0, ...cuts.sort((a, b) => a - b), page.length];
        expect(parseHtml(at.slice(1).map((end, i) => page.slice(at[i], end))).html()).toBe(whole);
      }),
      { numRuns: 60 },
    );
  });
  it('parses a page nested past the source depth limit, whose parts went too deep, in linear time', () => {
    const nested = (n: number) => [`<article><p>prose</p>`, '<div>'.repeat(n), 'deep text', '</div>'.repeat(n), '</article>'];
    expect(parseHtml(nested(5_000)).text()).toContain('deep text');
    expect(growth((n) => () => parseHtml(nested(n)), 40_000)).toBeLessThan(LINEAR);
  });
});
