// Every body of every crawler feed (all sources) converted to Markdown: none of the
// archive's defects, and no text lost.
import { describe, expect, it } from 'vitest';
import { tencent } from '../src/extract/adapters/tencent.js';
import { parseFragment } from '../src/parse.js';
import { bodyFromHtml } from '../src/pipeline.js';
import { blockText } from '../src/text.js';
import { feedItems } from './helpers.js';
import { markdownDefects, markdownText, retention } from './markdown-checks.js';

const items = feedItems().filter(({ item }) => item.description?.trim());

/** Text a reader sees in the body HTML, before any cleaning; the labels of form controls are not text. */
function visibleText(html: string): string {
  const $ = parseFragment(`<div>${html}</div>`);
  $('button, select, option, input, textarea').remove();
  return blockText($.root().toArray());
}

const converted = items.map(({ file, index, item }) => {
  // Bodies of the source with an adapter get that adapter's cleaning, as import does.
  const clean = file.startsWith('qq__') ? tencent.clean : {};
  const { markdown } = bodyFromHtml(item.description!, item.link || 'https://example.invalid/', clean);
  return { where: `${file}#${index}`, item, markdown };
});

describe('feed bodies to Markdown', () => {
  it('covers every feed source', () => {
    expect(new Set(items.map((i) => i.file)).size).toBeGreaterThanOrEqual(100);
    expect(items.length).toBeGreaterThan(700);
  });

  it('has none of the archive defects', () => {
    const bad = converted.map((c) => ({ where: c.where, defects: markdownDefects(c.markdown) })).filter((c) => c.defects.length);
    expect(bad).toEqual([]);
  });

  it('keeps at least 99% of the visible text of each body, and prints the worst', () => {
    const scores = converted.map((c) => ({ where: c.where, ...retention(visibleText(c.item.description!), markdownText(c.markdown)) }));
    const worst = [...scores].filter((s) => s.lost.length).sort((a, b) => a.ratio - b.ratio).slice(0, 8);
    const total = scores.reduce((n, s) => n + s.total, 0);
    const kept = scores.reduce((n, s) => n + s.kept, 0);
    console.log(`text kept over ${scores.length} bodies: ${((100 * kept) / total).toFixed(3)}% of ${total} tokens; worst bodies:`);
    if (!worst.length) console.log('  no body lost any text');
    for (const w of worst) console.log(`  ${(100 * w.ratio).toFixed(2)}%  ${w.where}  lost: ${w.lost.slice(0, 12).join(' ')}`);
    expect(scores.filter((s) => s.ratio < 0.99).map((s) => `${s.where} ${(100 * s.ratio).toFixed(2)}%`)).toEqual([]);
  });

  it('never breaks Chinese text with escapes or stray spaces', () => {
    for (const c of converted) {
      expect(c.markdown, c.where).not.toMatch(/\p{Script=Han}\\[#\[\]\-.!]/u);
      expect(c.markdown, c.where).not.toMatch(/\\[，。：；！？、（）“”《》【】]/u);
    }
  });
});
