// batch over every crawler feed in fixtures/feeds: the paths generate.py would name,
// its skips, and none of the archive's defects in what is written.
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { feedFolder, feedItemLines } from '../src/batch/feed-file.js';
import { langFromTag } from '../src/lang.js';
import { md5Id } from '../src/post/path.js';
import { pressclip } from './cli.js';
import { feedItems, fixture, listFixtures } from './helpers.js';
import { markdownDefects } from './markdown-checks.js';

/** The file generate.py writes for an item, or why it writes none. */
function expectedPath(file: string, item: Record<string, unknown>): string | 'skip' | 'malformed' {
  if (String(item.kind) === '2' || !item.language) return 'skip';
  const lang = langFromTag(String(item.language));
  const title = String(item.title ?? '').replace(/^\s*<!\[CDATA\[([\s\S]*?)\]\]>\s*$/, '$1').replace(/\s+/g, ' ').trim();
  if (!lang || !title || !item.pub_date) return 'malformed';
  const folder = file.split('__')[0];
  const raw = item.id ? String(item.id) : md5Id(title, String(item.pub_date));
  const id = (folder === 'qq' ? raw.replace(/00$/, '') : raw).replace(/[\\/*?:"<>|]/g, '');
  return `content/${lang}/news/${folder}/${id}.${lang}.md`;
}

describe('batch over every crawler feed', async () => {
  const root = mkdtempSync(path.join(tmpdir(), 'pressclip-feeds-'));
  const feeds = listFixtures('feeds', '.json').map((f) => fixture('feeds', f));
  // --register: generate.py writes every feed's folder; the site's config learns them as it goes.
  const run = await pressclip(['batch', ...feeds, '--root', root, '--json', '--register'], { cwd: root });
  const records = run.stdout.trim().split('\n').map((l) => JSON.parse(l));

  it('reads all 120 feeds', () => expect(feeds.length).toBe(120));

  it('writes each item where generate.py would, and skips what it skips', () => {
    const written = new Set(records.filter((r) => r.status === 'written').map((r) => r.path));
    let checked = 0;
    const seenLinks = new Set<string>();
    for (const { file, item } of feedItems()) {
      // One article is written once: a second feed item with the same link (pingwest's two lists) is a duplicate.
      if (seenLinks.has(String(item.link))) continue;
      seenLinks.add(String(item.link));
      const want = expectedPath(file, item as Record<string, unknown>);
      if (want === 'skip') continue;
      if (want === 'malformed') continue;
      // pub_date in another form (RFC 2822) is converted to Beijing time, so its md5 id differs
      if (!item.id && !/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/.test(String(item.pub_date))) continue;
      expect(written.has(want), `${file}: ${want}`).toBe(true);
      checked++;
    }
    expect(checked).toBeGreaterThan(700);
  });

  it('reports malformed items with their file and line, and goes on', () => {
    const malformed = records.filter((r) => r.status === 'failed');
    expect(malformed.length).toBeGreaterThan(0);
    for (const r of malformed) expect(r.where).toMatch(/feeds\/[\w-]+__[\w-]+\.json:\d+$/);
    const cna = malformed.find((r) => r.where.includes('channelnewsasia'))!;
    expect(cna.error).toBe('malformed feed item: no usable pub_date ("")');
    expect(run.code).toBe(1);
  });

  it('writes no post with a defect of ARCHIVE.md section 4', () => {
    const files: string[] = readdirSync(path.join(root, 'content'), { recursive: true }).map(String).filter((f: string) => f.endsWith('.md'));
    expect(files.length).toBeGreaterThan(750);
    for (const f of files) {
      const text = readFileSync(path.join(root, 'content', f), 'utf8');
      const body = text.slice(text.indexOf('\n---\n', 4) + 5);
      expect(markdownDefects(body), f).toEqual([]);
    }
  });

  it('writes posts that validate, the folders the archive lacks registered in the config on the way', async () => {
    const check = await pressclip(['validate', '--max-warnings', '0'], { cwd: root });
    expect(check.stdout).toMatch(/no problems/);
    expect(check.code).toBe(0);
  });

  it('finds the line of each item', () => {
    const json = readFixture('qq__list.json');
    const lines = feedItemLines(json);
    const data = JSON.parse(json).data;
    expect(lines).toHaveLength(data.length);
    expect(feedFolder('/x/news/data/qq/list.json')).toBe('qq');
    expect(feedFolder('fixtures/feeds/qq__list.json')).toBe('qq');
  });
});

const readFixture = (name: string) => readFileSync(fixture('feeds', name), 'utf8');
