// validate on the files themselves (issue 10, items 9, 10, 12 and 14): symbolic links read
// as Hugo reads them, loops and FIFOs reported, --fix that changes no byte of the body and
// keeps the file's mode, owner and hard links, and front matter too big to read at all.
import { execFileSync } from 'node:child_process';
import { chownSync, linkSync, mkdirSync, mkdtempSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pressclip, problemLines } from './cli.js';
import { readFixture } from './helpers.js';

const SEED = readFixture('archive-sample', '20250209A06L0J.zh-CN.md');
const OTHER = readFixture('archive-sample', '20250211A05FI7.zh-CN.md');
const QQ = 'content/zh-CN/news/qq';
const HANG = { timeoutMs: 30_000 };

/** A site folder holding the given posts under content/zh-CN/news/qq (name -> text or bytes). */
function site(posts: Record<string, string | Buffer>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'pressclip-vfiles-'));
  mkdirSync(path.join(root, QQ), { recursive: true });
  for (const [name, text] of Object.entries(posts)) writeFileSync(path.join(root, QQ, name), text);
  return root;
}
/** A real post with its lists unindented: --fix has something to do. */
const unindented = (text: string) => text.replace(/^ {2}- "/gm, '- "');

describe('symbolic links, as Hugo follows them', () => {
  it('checks posts behind a linked file and a linked folder, and reports a loop and a link to nothing', async () => {
    const root = site({ '20250209A06L0J.zh-CN.md': SEED });
    const elsewhere = mkdtempSync(path.join(tmpdir(), 'pressclip-elsewhere-'));
    writeFileSync(path.join(elsewhere, 'post.md'), OTHER.replace('date: "2025-02-11', 'date: "2025-02-31'));
    mkdirSync(path.join(root, 'content/zh-CN/news/sina'));
    symlinkSync(path.join(elsewhere, 'post.md'), path.join(root, QQ, '20250211A05FI7.zh-CN.md'));
    symlinkSync(path.join(root, QQ), path.join(root, 'content/zh-CN/news/sina/linked'));
    symlinkSync('..', path.join(root, QQ, 'loop'));
    symlinkSync('nowhere.md', path.join(root, QQ, 'gone.zh-CN.md'));
    const run = await pressclip(['validate'], { cwd: root, ...HANG });
    expect(run.code).toBe(1);
    const rules = problemLines(run.stdout).split('\n').filter((l) => /^content\//.test(l)).map((l) => `${l.split(':')[0]} ${l.split(' ').at(-1)}`);
    expect(rules).toEqual([
      'content/zh-CN/news/qq/20250211A05FI7.zh-CN.md date-invalid',
      'content/zh-CN/news/qq/gone.zh-CN.md file-unreadable',
      'content/zh-CN/news/qq/loop symlink-loop',
      // Hugo publishes the linked folder's posts a second time: the same articles twice.
      'content/zh-CN/news/sina/linked/20250209A06L0J.zh-CN.md path-shape',
      'content/zh-CN/news/sina/linked/20250209A06L0J.zh-CN.md duplicate-link',
      'content/zh-CN/news/sina/linked/20250211A05FI7.zh-CN.md path-shape',
      'content/zh-CN/news/sina/linked/20250211A05FI7.zh-CN.md date-invalid',
      'content/zh-CN/news/sina/linked/20250211A05FI7.zh-CN.md duplicate-link',
      'content/zh-CN/news/sina/linked/gone.zh-CN.md file-unreadable',
      'content/zh-CN/news/sina/linked/loop symlink-loop',
    ]);
    expect(problemLines(run.stdout)).toContain('gone.zh-CN.md:1:1 error not read: no such file (a symbolic link to nothing, or removed meanwhile) file-unreadable');
    expect(problemLines(run.stdout)).toContain('loop:1:1 error a symbolic link to a folder that holds it: not followed');
  });

  it('--fix writes through no link: a linked file or folder is reported, its target left alone', async () => {
    const elsewhere = mkdtempSync(path.join(tmpdir(), 'pressclip-elsewhere-'));
    const target = path.join(elsewhere, 'post.md');
    writeFileSync(target, unindented(OTHER));
    const root = site({});
    symlinkSync(target, path.join(root, QQ, '20250211A05FI7.zh-CN.md'));
    symlinkSync(elsewhere, path.join(root, 'content/zh-CN/news/sina'));
    const run = await pressclip(['validate', '--fix'], { cwd: root });
    expect(run.code).toBe(1);
    expect(problemLines(run.stdout)).toContain(`${QQ}/20250211A05FI7.zh-CN.md:1:1 error --fix left the file as it was: content/${QQ.slice(8)}/20250211A05FI7.zh-CN.md is a symbolic link (to ${target}): nothing is written through a link not-fixed`);
    expect(problemLines(run.stdout)).toContain('content/zh-CN/news/sina/post.md:1:1 error --fix left the file as it was: content/zh-CN/news/sina is a symbolic link');
    expect(readFileSync(target, 'utf8')).toBe(unindented(OTHER));
  });
});

describe('what is not a regular file', () => {
  it('reports a FIFO named like a post instead of hanging on it, named or found', async () => {
    const root = site({ '20250209A06L0J.zh-CN.md': SEED });
    execFileSync('mkfifo', [path.join(root, QQ, 'fifo.zh-CN.md')]);
    mkdirSync(path.join(root, QQ, 'folder.zh-CN.md'));
    for (const args of [['validate'], ['validate', `${QQ}/fifo.zh-CN.md`]]) {
      const run = await pressclip(args, { cwd: root, ...HANG });
      expect(run.code).toBe(1);
      expect(problemLines(run.stdout)).toContain(`${QQ}/fifo.zh-CN.md:1:1 error not read: a FIFO, not a regular file file-unreadable`);
    }
  });
});

describe('--fix changes no byte it does not mean to', () => {
  it('carries a body of invalid UTF-8 over as bytes, and keeps mode and owner', async () => {
    const text = unindented(SEED);
    const cut = text.indexOf('\n---\n', 4) + 5;
    const bytes = Buffer.concat([Buffer.from(text.slice(0, cut)), Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0x80]), Buffer.from(text.slice(cut))]);
    const root = site({ '20250209A06L0J.zh-CN.md': bytes });
    const file = path.join(root, QQ, '20250209A06L0J.zh-CN.md');
    execFileSync('chmod', ['0640', file]);
    const owned = process.getuid?.() === 0;
    if (owned) chownSync(file, 4321, 4321);
    const run = await pressclip(['validate', '--fix'], { cwd: root });
    expect(run.stdout).toBe('1 file checked: no problems, 1 file fixed\n');
    const seedCut = SEED.indexOf('\n---\n', 4) + 5;
    expect(readFileSync(file).equals(Buffer.concat([Buffer.from(SEED.slice(0, seedCut)), Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0x80]), Buffer.from(SEED.slice(seedCut))]))).toBe(true);
    const stats = statSync(file);
    expect(stats.mode & 0o7777).toBe(0o640);
    if (owned) expect([stats.uid, stats.gid]).toEqual([4321, 4321]);
  });

  it('leaves a file with two hard links alone, and says why', async () => {
    const root = site({ '20250209A06L0J.zh-CN.md': unindented(SEED) });
    const file = path.join(root, QQ, '20250209A06L0J.zh-CN.md');
    linkSync(file, path.join(root, 'backup.md'));
    const run = await pressclip(['validate', '--fix', 'content'], { cwd: root });
    expect(run.code).toBe(1);
    expect(problemLines(run.stdout)).toContain('1:1 error --fix left the file as it was: the file has 2 hard links: rewriting it would split them (copy it to break the link, then fix it) not-fixed');
    expect(readFileSync(path.join(root, 'backup.md'), 'utf8')).toBe(unindented(SEED));
    expect(statSync(file).nlink).toBe(2);
  });

  it('reports a front matter that is not UTF-8 (Hugo refuses it) and does not touch it', async () => {
    const bytes = Buffer.from(unindented(SEED).replace('title: "', 'title: "\u0000'));
    bytes[bytes.indexOf(0)] = 0xff;
    const root = site({ '20250209A06L0J.zh-CN.md': bytes });
    const run = await pressclip(['validate', '--fix'], { cwd: root });
    expect(problemLines(run.stdout)).toContain(`${QQ}/20250209A06L0J.zh-CN.md:2:1 error the front matter holds bytes that are not UTF-8`);
    expect(readFileSync(path.join(root, QQ, '20250209A06L0J.zh-CN.md')).equals(bytes)).toBe(true);
  });
});

describe('a front matter too big to read', () => {
  it('is one error for its file, and the other files are still checked', async () => {
    const title = SEED.match(/^title: "(.*)"$/m)![1];
    const keys = Array.from({ length: 300_000 }, (_, i) => `k${i}: ${i}`).join('\n');
    const root = site({
      '20250209A06L0J.zh-CN.md': SEED,
      'a.zh-CN.md': SEED.replace(/^title: ".*"$/m, `title: "${'x'.repeat(10_000_000)}"`),
      'b.zh-CN.md': SEED.replace('---\n', `---\n${keys}\n`),
      'c.zh-CN.md': SEED.replace('---\n', `---\nx: ${'['.repeat(3000)}${']'.repeat(3000)}\n`),
      'd.zh-CN.md': OTHER.replace('date: "2025-02-11', 'date: "2025-02-31'),
    });
    const run = await pressclip(['validate'], { cwd: root, ...HANG });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    const chars = (SEED.indexOf('\n---\n', 4) - 3 - title.length + 10_000_000).toLocaleString('en');
    expect(problemLines(run.stdout)).toContain(`${QQ}/a.zh-CN.md:1:1 error the front matter holds ${chars} characters: at most 8,192 are read (the archive's hold under 1,000) frontmatter-size\n`);
    expect(problemLines(run.stdout)).toMatch(new RegExp(`${QQ}/b\\.zh-CN\\.md:1:1 error the front matter holds [\\d,]+ characters: .* frontmatter-size\\n`));
    expect(problemLines(run.stdout)).toMatch(new RegExp(`${QQ}/c\\.zh-CN\\.md:2:\\d+ error YAML: nested too deeply to read yaml-syntax`));
    expect(problemLines(run.stdout)).toContain(`${QQ}/d.zh-CN.md:3:7 error date "2025-02-31`);
  });

  it('is never written by import: a page with a megabyte cover URL is one error', async () => {
    const root = site({});
    const page = path.join(root, 'page.html');
    const prose = `<p>${'An ordinary sentence of an article, long enough to count as a body. '.repeat(12)}</p>`;
    writeFileSync(page, `<!doctype html><html><head><meta charset="utf-8"><title>An ordinary headline</title><meta property="og:image" content="https://img.example.com/${'a'.repeat(1_000_000)}.jpg"></head><body><article>${prose}</article></body></html>`);
    const run = await pressclip(['import', page, '--url', 'https://news.example.com/a/1', '--root', root, '--register', '--date-fallback', 'fetch-time']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error \S+: the front matter would hold 1,000,\d{3} characters, at most 8,192: a title, summary or cover URL that long is no article's\n$/);
  });
});
