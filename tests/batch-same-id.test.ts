// Two articles bound for one path (feed items of one id with different links, as a crawler
// gives for two articles of one slug): batch writes both, the one that reaches the path first
// at the path and the other beside it with a hash of its link, as `import` one after the
// other would - never, by which write reaches the disk first, one of them skipped. Which of
// the two is first depends on when each is ready (the pages of a batch are built at once).
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pressclip } from './cli.js';

const PAIRS = 12;
const item = (id: string, link: string, n: number) => ({
  title: `Article ${link.split('/').pop()}`,
  description: `<p>${`Paragraph ${n} of the article, long enough to be a body. `.repeat(8)}</p>`,
  link,
  id,
  pub_date: '2026-08-22 11:54:08',
  source: 'sameid',
  kind: 1,
  language: 'en',
});

describe('batch, two inputs of one id and different links', () => {
  it('writes both, one at the path and the other beside it', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'pressclip-same-id-'));
    // Pairs next to each other: both of a pair run at once (feed items touch no host).
    const data = Array.from({ length: PAIRS }, (_, i) => [item(`story-${i}`, `https://example.com/a/story-${i}`, 2 * i), item(`story-${i}`, `https://example.com/b/story-${i}`, 2 * i + 1)]).flat();
    const feed = path.join(root, 'sameid__list.json');
    writeFileSync(feed, JSON.stringify({ data }, null, 1));
    const run = await pressclip(['batch', feed, '--root', root, '--register', '--json', '--concurrency', '8'], { cwd: root });
    expect(run.stderr).toMatch(new RegExp(`${2 * PAIRS} imported, 0 skipped, 0 failed`));
    expect(run.code).toBe(0);
    const folder = path.join(root, 'content/en/news/sameid');
    const files = readdirSync(folder);
    expect(files).toHaveLength(2 * PAIRS);
    for (let i = 0; i < PAIRS; i++) {
      // The plain name holds one item of the pair; the other has a name of its own.
      const links = [`(https://example.com/a/story-${i})`, `(https://example.com/b/story-${i})`];
      const atPath = readFileSync(path.join(folder, `story-${i}.en.md`), 'utf8');
      const held = links.findIndex((link) => atPath.includes(link));
      expect(held).toBeGreaterThanOrEqual(0);
      const beside = files.filter((f) => new RegExp(`^story-${i}-[0-9a-f]{8}\\.en\\.md$`).test(f));
      expect(beside).toHaveLength(1);
      expect(readFileSync(path.join(folder, beside[0]), 'utf8')).toContain(links[1 - held]);
    }
  });
});
