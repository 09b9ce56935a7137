// Two articles bound for one path (feed items of one id with different links, as a crawler
// gives for two articles of one slug): batch writes both, the first in input order at the
// path and the second beside it with a hash of its link, as `import` one after the other
// would - never, by which write reaches the disk first, one of them skipped.
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
  it('writes both, the first at the path, every run alike', async () => {
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
      // The plain name holds the first item of the pair; the second has its own.
      expect(readFileSync(path.join(folder, `story-${i}.en.md`), 'utf8')).toContain(`(https://example.com/a/story-${i})`);
      const second = files.filter((f) => new RegExp(`^story-${i}-[0-9a-f]{8}\\.en\\.md$`).test(f));
      expect(second).toHaveLength(1);
      expect(readFileSync(path.join(folder, second[0]), 'utf8')).toContain(`(https://example.com/b/story-${i})`);
    }
  });
});
