// `pressclip dedupe`: which copy stays (the documented rule, step by step), that a copy with
// text of its own is never removed, and each way of carrying the plan out.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { md5Id } from '../src/post/path.js';
import { missingWords, planDedupe, readerWords, type StoredPost } from '../src/validate/duplicates.js';
import { pressclip } from './cli.js';
import { readFixture } from './helpers.js';

const post = (file: string, link: string, extra: Partial<StoredPost> = {}): StoredPost => ({ file, link, title: 'T', date: '2025-02-09 10:00:00', body: '正文一段。', ...extra });
const QQ = 'content/zh-CN/news/qq';

describe('which copy stays', () => {
  it("first the one whose id follows the source's id rule", () => {
    const [group] = planDedupe([post(`${QQ}/20250209A06L0J00.zh-CN.md`, 'https://new.qq.com/rain/a/20250209A06L0J00', { date: '2025-02-01 00:00:00' }), post(`${QQ}/20250209A06L0J.zh-CN.md`, 'http://new.qq.com/rain/a/20250209A06L0J')]);
    expect(group.keep.file).toBe(`${QQ}/20250209A06L0J.zh-CN.md`);
    expect(group.why).toBe("its id follows the source's id rule");
    expect(group.remove.map((p) => p.file)).toEqual([`${QQ}/20250209A06L0J00.zh-CN.md`]);
  });
  it('then the earliest date (md5 ids follow the rule for their own title and date)', () => {
    const dir = 'content/zh-HK/news/mingpao';
    const early = post(`${dir}/${md5Id('T', '2025-02-09 10:00:00')}.zh-HK.md`, 'https://finance.mingpao.com/fin/a/1');
    const late = post(`${dir}/${md5Id('T', '2025-02-09 10:00:01')}.zh-HK.md`, 'https://finance.mingpao.com/fin/a/1/', { date: '2025-02-09 10:00:01' });
    const [group] = planDedupe([late, early]);
    expect([group.keep, group.why]).toEqual([early, 'the earliest date']);
  });
  it('then the longest body, then the first path', () => {
    const long = post('content/en/news/techcrunch/b.en.md', 'https://techcrunch.com/x', { body: 'one two three' });
    const short = post('content/en/news/techcrunch/a.en.md', 'http://techcrunch.com/x/', { body: 'one two' });
    expect(planDedupe([short, long])[0]).toMatchObject({ keep: long, why: 'the longest body', remove: [short] });
    const same = { ...long, file: 'content/en/news/techcrunch/c.en.md' };
    expect(planDedupe([same, long])[0]).toMatchObject({ keep: long, why: 'the first path' });
  });
  it('never removes a copy holding text the kept one lacks', () => {
    const kept = post(`${QQ}/20250209A06L0J.zh-CN.md`, 'https://new.qq.com/rain/a/20250209A06L0J00', { body: '甲乙丙' });
    const richer = post(`${QQ}/20250209A06L0J00.zh-CN.md`, 'https://new.qq.com/rain/a/20250209A06L0J00', { body: '甲乙丙丁丁' });
    const [group] = planDedupe([kept, richer]);
    expect(group.remove).toEqual([]);
    expect(group.alsoKept).toEqual([{ post: richer, missing: ['丁', '丁'] }]);
  });
  it('reads words as a reader sees them: Markdown syntax, image and link targets aside', () => {
    expect(readerWords('**粗体** [link](https://x.example/a) ![图](https://i.example/p.png) a\\_b')).toEqual(['粗', '体', 'link', 'a', 'b']);
    expect(missingWords(['a', 'b'], ['a', 'a', 'c'])).toEqual(['a', 'c']);
  });
});

const SEED = readFixture('archive-sample', '20250209A06L0J.zh-CN.md');

/** A site with the seed post, its copy under the id with 00 (http link), and a copy with text of its own under another link form. */
function site(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'pressclip-dedupe-'));
  mkdirSync(path.join(root, QQ), { recursive: true });
  writeFileSync(path.join(root, QQ, '20250209A06L0J.zh-CN.md'), SEED);
  writeFileSync(path.join(root, QQ, '20250209A06L0J00.zh-CN.md'), SEED.replace('(https://new.qq.com/', '(http://new.qq.com/'));
  return root;
}

describe('pressclip dedupe', () => {
  const kept = `${QQ}/20250209A06L0J.zh-CN.md`;
  const copy = `${QQ}/20250209A06L0J00.zh-CN.md`;

  it('--dry-run prints the plan as a git rm script and removes nothing', async () => {
    const root = site();
    const run = await pressclip(['dedupe', '--dry-run'], { cwd: root });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`#!/bin/sh\n# pressclip dedupe: one post per article link (run from ${root})\nset -e\n# keep ${kept} (its id follows the source's id rule): https://new.qq.com/rain/a/20250209A06L0J00\ngit rm --quiet -- '${copy}'\n`);
    expect(run.stderr).toBe('1 article stored more than once in 2 posts: would remove 1 file\n');
    expect(existsSync(path.join(root, copy))).toBe(true);
  });

  it('--script writes the same plan to a file', async () => {
    const root = site();
    const run = await pressclip(['dedupe', '--script', 'dedupe.sh'], { cwd: root });
    expect(run.stdout).toBe('');
    expect(readFileSync(path.join(root, 'dedupe.sh'), 'utf8')).toContain(`git rm --quiet -- '${copy}'`);
    expect(existsSync(path.join(root, copy))).toBe(true);
  });

  it('removes the copies, and then validate finds no duplicate', async () => {
    const root = site();
    const run = await pressclip(['dedupe'], { cwd: root });
    expect([run.code, run.stdout]).toEqual([0, `removed ${copy} (kept ${kept})\n`]);
    expect(existsSync(path.join(root, copy))).toBe(false);
    expect((await pressclip(['validate'], { cwd: root })).stdout).not.toContain('duplicate-link');
    expect((await pressclip(['dedupe'], { cwd: root })).stderr).toBe('0 articles stored more than once in 1 posts: removed 0 files\n');
  });

  it('--git stages the removal in the work tree', async () => {
    const root = site();
    const git = (...args: string[]) => spawnSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], { cwd: root, encoding: 'utf8' });
    git('init', '-q');
    git('add', '.');
    git('commit', '-qm', 'archive');
    const run = await pressclip(['dedupe', '--git'], { cwd: root });
    expect(run.code).toBe(0);
    expect(git('status', '--porcelain').stdout).toBe(`D  ${copy}\n`);
  });

  it('--git outside a work tree is a usage error, and nothing is removed', async () => {
    const root = site();
    const run = await pressclip(['dedupe', '--git'], { cwd: root, env: { GIT_CEILING_DIRECTORIES: path.dirname(root) } });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('not in a git work tree');
    expect(existsSync(path.join(root, copy))).toBe(true);
  });

  it('keeps a copy with text of its own, says so, and exits 1', async () => {
    const root = site();
    writeFileSync(path.join(root, copy), SEED.replace('\n\n[qq](', '\n\n只在这一份里的一句话。\n\n[qq]('));
    const run = await pressclip(['dedupe'], { cwd: root });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`kept ${copy}: the same article as ${kept}, with text that one lacks (只 在 这 一 份 里 的 一)`);
    expect(existsSync(path.join(root, copy))).toBe(true);
  });
});
