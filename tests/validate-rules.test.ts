// validate: every real post passes; each rule is caught on a mutated real post, at its line.
import { describe, expect, it } from 'vitest';
import { ARCHIVE } from '../src/sources.js';
import { fixPost } from '../src/validate/fix.js';
import { readFrontMatter } from '../src/validate/frontmatter.js';
import { checkPost, RULES } from '../src/validate/rules.js';
import { readSource } from '../src/validate/source.js';
import { listFixtures, readFixture } from './helpers.js';

const allowed = ARCHIVE;
const NOW = '2026-11-29 12:00:00';
const check = (file: string, text: string) => {
  const { head, ending } = readSource(Buffer.from(text));
  return checkPost({ file, ending, fm: readFrontMatter(head), allowed, now: NOW }).diagnostics;
};

/** Where each sample post lives in the archive (its PROVENANCE.txt). */
const archivePath = new Map(
  readFixture('archive-sample', 'PROVENANCE.txt')
    .split('\n')
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => l.split('\t'))
    .map((cols) => [cols[0], cols[3]] as const),
);
const posts = listFixtures('archive-sample', '.md');

describe('validate accepts the real archive', () => {
  it.each(posts)('%s', (name) => {
    expect(check(`/site/${archivePath.get(name)}`, readFixture('archive-sample', name))).toEqual([]);
  });
});

const SEED = '20250209A06L0J.zh-CN.md';
const seedPath = `/site/content/zh-CN/news/qq/${SEED}`;
const seed = readFixture('archive-sample', SEED);
const lineOf = (text: string, start: string) => text.split('\n').findIndex((l) => l.startsWith(start)) + 1;
const replaceLine = (start: string, replacement: string | null) => {
  const lines = seed.split('\n');
  const i = lines.findIndex((l) => l.startsWith(start));
  if (replacement === null) lines.splice(i, 1);
  else lines[i] = replacement;
  return lines.join('\n');
};

type Case = [rule: keyof typeof RULES, text: string, line: number, file?: string];
const cases: Case[] = [
  ['frontmatter-missing', seed.slice(4), 1],
  ['frontmatter-unclosed', seed.slice(0, seed.indexOf('\n---\n', 4) + 1), 1],
  ['yaml-syntax', replaceLine('title:', 'title: "unterminated'), 2],
  ['duplicate-key', replaceLine('lead:', 'lead: ""\ntitle: "again"'), lineOf(seed, 'lead:') + 1],
  ['key-unknown', replaceLine('lead:', 'lead: ""\nauthor: "someone"'), lineOf(seed, 'lead:') + 1],
  ['key-missing', replaceLine('lead:', null), 1],
  ['key-order', replaceLine('toc:', 'mathjax: false').replace(/mathjax: false\nsidebar/, 'toc: false\nsidebar'), lineOf(seed, 'toc:')],
  ['value-type', replaceLine('title:', 'title: 2025'), 2],
  ['yaml11-boolean', replaceLine('title:', 'title: no'), 2],
  ['yaml11-boolean', replaceLine('sidebar:', 'sidebar: on'), lineOf(seed, 'sidebar:')],
  ['string-quoting', replaceLine('title:', 'title: A plain title'), 2],
  ['title-empty', replaceLine('title:', 'title: ""'), 2],
  ['date-format', replaceLine('date:', 'date: "2025-02-09T23:38:55+08:00"'), 3],
  ['date-invalid', replaceLine('date:', 'date: "2025-02-30 23:38:55"'), 3],
  ['date-future', replaceLine('date:', 'date: "2099-01-01 00:00:00"'), 3],
  ['summary-shape', replaceLine('summary:', `summary: "${'字'.repeat(85)}"`), 4],
  ['summary-shape', replaceLine('summary:', `summary: "${'字'.repeat(82)}..."`), 4],
  ['category-mismatch', seed.replace('tags:\n  - "qq"', 'tags:\n  - "news"'), lineOf(seed, 'tags:') + 1],
  ['source-category', seed.replace(/"qq"/g, '"sina_us_stock"').replace('[qq](', '[sina_us_stock]('), 1],
  ['source-folder', seed, 1, `/site/content/zh-CN/news/nosuchsource/${SEED}`],
  ['lang-mismatch', seed.replace('lang:\n  - "zh-CN"', 'lang:\n  - "zh-HK"'), lineOf(seed, 'lang:') + 1],
  ['lang-unknown', seed.replace(/"zh-CN"/g, '"fr"'), lineOf(seed, 'lang:') + 1, '/site/content/fr/news/qq/20250209A06L0J.fr.md'],
  ['thumbnail-url', replaceLine('thumbnail:', 'thumbnail: "inews.gtimg.com/x.jpg"'), lineOf(seed, 'thumbnail:')],
  ['fixed-value', replaceLine('comments:', 'comments: true'), lineOf(seed, 'comments:')],
  ['path-shape', seed, 1, '/site/content/zh-CN/news/qq/20250209A06L0J.md'],
  ['last-line-link', seed.replace('[qq](https://new.qq.com/rain/a/20250209A06L0J00)', '[qq](new.qq.com/rain/a/20250209A06L0J00)'), seed.split('\n').length - 1],
  ['final-newline', seed + '\n', seed.split('\n').length],
  ['control-character', replaceLine('title:', 'title: "a\u0001b\u001b[31mc\u007f"'), 2],
  ['control-character', replaceLine('thumbnail:', 'thumbnail: "https://x.example/\uffff.jpg"'), lineOf(seed, 'thumbnail:')],
  ['frontmatter-size', replaceLine('title:', `title: "${'x'.repeat(9000)}"`), 1],
  ['frontmatter-size', replaceLine('lead:', `lead: ""\n${Array.from({ length: 120 }, (_, i) => `k${i}: "v"`).join('\n')}`), 1],
];
/** Rules about the file rather than its text, checked through the command line in tests/validate-files.test.ts. */
const FILE_RULES = ['duplicate-link', 'file-unreadable', 'symlink-loop', 'not-fixed', 'check-failed', 'frontmatter-encoding'];

describe('each rule on a mutated real post', () => {
  it('covers every rule but those about files and the body rules (tests/body-rules.test.ts)', () => {
    expect(new Set(cases.map((c) => c[0]))).toEqual(new Set(Object.keys(RULES).filter((r) => !FILE_RULES.includes(r) && !r.startsWith('body-'))));
  });
  it.each(cases)('%s', (rule, text, line, file = seedPath) => {
    const found = check(file, text);
    expect(found.map((d) => d.rule)).toEqual(found.map(() => rule));
    expect(found.length).toBeGreaterThan(0);
    expect(found[0].line).toBe(line);
    expect(found[0].severity).toBe(RULES[rule][0]);
  });
});

describe('--fix', () => {
  const damaged = (() => {
    let t = seed.replace('sidebar: "right"', 'sidebar: right').replace('menu: ""\n', '').replace('widgets:\n  - "search"\n  - "recent"\n  - "taglist"', 'widgets:\n    - search\n    - recent\n    - taglist');
    t = t.replace('title: "奥特曼：GPT-4.5已经实现，AI编程年底完胜人类，AGI特朗普任内将至"', "title: '奥特曼：GPT-4.5已经实现，AI编程年底完胜人类，AGI特朗普任内将至'");
    const lines = t.split('\n');
    [lines[2], lines[3]] = [lines[3], lines[2]];
    return lines.join('\n').replace(/\n$/, '');
  })();

  it('gives back the original post from a damaged copy', () => {
    expect(check(seedPath, damaged).length).toBeGreaterThan(3);
    expect(fixPost(damaged, readFrontMatter(damaged))).toBe(seed);
  });
  it('changes nothing the second time', () => {
    expect(fixPost(seed, readFrontMatter(seed))).toBe(seed);
  });
  it('keeps every real post as it is', () => {
    for (const name of posts) {
      const text = readFixture('archive-sample', name);
      expect(fixPost(text, readFrontMatter(text)), name).toBe(text);
    }
  });
  it('removes control characters as the renderer does', () => {
    const text = replaceLine('title:', `title: "\u0001${seed.match(/^title: "(.*)"$/m)![1]}\u001b\u007f\uffff"`);
    expect(fixPost(text, readFrontMatter(text))).toBe(seed);
  });
  it('leaves alone what is not mechanical', () => {
    for (const text of [replaceLine('comments:', 'comments: true'), replaceLine('lead:', 'lead: ""\nauthor: "x"'), replaceLine('title:', null)]) {
      expect(fixPost(text, readFrontMatter(text))).toBeUndefined();
    }
  });
});
