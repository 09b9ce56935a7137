// The inputs of a batch read once, as a stream: process substitution and named FIFOs work,
// the progress total is given only where counting costs no second read, an overlong line is
// one malformed input, and a feed over its size cap is refused. Saved pages in a list
// (`path` or `path<TAB>original-url`), as issue 14 asks.
import { execFile, spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, openSync, closeSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_FEED_BYTES } from '../src/batch/inputs.js';
import { pressclip } from './cli.js';
import { fixture, ROOT } from './helpers.js';

const tmp = () => mkdtempSync(path.join(tmpdir(), 'pressclip-lists-'));
const BIN = path.join(ROOT, 'bin/pressclip.cjs');
const LIST = ['https://example.com/news/1', '# a comment', 'https://example.com/news/2', 'not a url', ''].join('\n');
const planned = (stdout: string) => stdout.split('\n').filter((l) => /^would (write|fetch) /.test(l)).length;

/** Runs a shell command line (for `<(...)`), with a generous limit so that a hang fails instead of waiting forever. */
function shell(command: string, cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('bash', ['-c', command], { cwd, timeout: 30_000, env: { ...process.env, NO_COLOR: '1' } }, (error, stdout, stderr) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? null) : 0, stdout, stderr }),
    );
  });
}

describe('lists read once', () => {
  it('batch <(cat list) reads every line', async () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'list.txt'), LIST);
    const run = await shell(`node ${BIN} batch <(cat list.txt) --dry-run --root site`, dir);
    expect(run.stderr).toMatch(/failed \/dev\/fd\/\d+:4: not an http\(s\) URL or a file: not a url/);
    expect(planned(run.stdout)).toBe(2);
    // A pipe is not counted beforehand: the progress has no total.
    expect(run.stderr).toMatch(/^progress: 1 done,/m);
  });

  it('a named FIFO is read, its writer started after pressclip', async () => {
    const dir = tmp();
    const fifo = path.join(dir, 'fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const batch = shell(`node ${BIN} batch fifo --dry-run --root site`, dir);
    // Opening for writing blocks until pressclip opens the FIFO for reading.
    const writer = spawn('bash', ['-c', 'cat > fifo'], { cwd: dir, stdio: ['pipe', 'ignore', 'ignore'] });
    writer.stdin.end(LIST);
    const run = await batch;
    expect(run.code).toBe(1);
    expect(planned(run.stdout)).toBe(2);
    expect(run.stderr).toContain('failed fifo:4: not an http(s) URL or a file: not a url');
  });

  it('a folder given as a list is a usage error', async () => {
    const dir = tmp();
    const run = await pressclip(['batch', dir, '--dry-run', '--root', path.join(dir, 'site')]);
    expect(run.stderr).toBe(`usage error: ${dir}: a folder, not a list\n`);
    expect(run.code).toBe(2);
  });

  it('a regular file is counted for the progress total', async () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'list.txt'), LIST);
    const run = await pressclip(['batch', 'list.txt', '--dry-run', '--root', 'site'], { cwd: dir });
    expect(run.stderr).toMatch(/^progress: 1\/3 done,/m);
  });
});

describe('lines and feeds over their limits', () => {
  it('a line over 64 KB is one malformed input with its file:line, and the next lines are read', async () => {
    const dir = tmp();
    const list = path.join(dir, 'list.txt');
    const fd = openSync(list, 'w');
    writeSync(fd, 'https://example.com/news/1\n');
    // 8 MB on one line, written in pieces: the reader never gets it in one chunk.
    const piece = Buffer.alloc(1 << 20, 'a');
    writeSync(fd, 'https://example.com/');
    for (let i = 0; i < 8; i++) writeSync(fd, piece);
    writeSync(fd, '\nhttps://example.com/news/3\n');
    closeSync(fd);
    const run = await pressclip(['batch', list, '--dry-run', '--root', path.join(dir, 'site')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`failed ${list}:2: a line longer than 64 KB (8,388,628 bytes): not a URL\n`);
    expect(run.stderr).toMatch(/2 to import, 0 skipped, 1 failed/);
    expect(run.stderr).toMatch(/ {6}1 {2}a line longer than 64 KB: not a URL/);
  });

  it(`a feed over ${MAX_FEED_BYTES / 1048576} MB is refused as one malformed input`, async () => {
    const dir = tmp();
    const feed = path.join(dir, 'big.json');
    const item = { title: 'x', link: 'https://example.com/news/1', description: 'y'.repeat(MAX_FEED_BYTES), pub_date: '2024-01-01 00:00:00', language: 'en' };
    writeFileSync(feed, JSON.stringify({ data: [item] }));
    const run = await pressclip(['batch', feed, '--dry-run', '--root', path.join(dir, 'site'), '--folder', 'example']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`failed ${feed}:1: a feed larger than 32 MB (a feed is read whole: split it)\n`);
  });
});

describe('saved pages in a list', () => {
  /** A page that names its article (Tencent), and one that names no URL and has no site adapter. */
  const setUp = () => {
    const dir = tmp();
    mkdirSync(path.join(dir, 'pages'));
    copyFileSync(fixture('tencent/real/gne_qq_20190907A081B0.html'), path.join(dir, 'pages/qq.html'));
    copyFileSync(fixture('pages/other/gne_guancha_2.html'), path.join(dir, 'pages/guancha.html'));
    return dir;
  };
  const GUANCHA_URL = 'https://www.guancha.cn/politics/2020_04_17_547034.shtml';

  it('imports `path` and `path<TAB>original-url` lines beside URLs; what names no file, or no URL where one is needed, fails with its line', async () => {
    const dir = setUp();
    const lines = ['pages/qq.html', 'pages/guancha.html', `pages/guancha.html\t${GUANCHA_URL}`, 'pages/missing.html', `pages\t${GUANCHA_URL}`, 'pages/qq.html\tftp://example.com/a'];
    writeFileSync(path.join(dir, 'list.txt'), lines.join('\n') + '\n');
    const args = ['batch', 'list.txt', '--root', 'site', '--register', '--min-gap', '0'];
    const run = await pressclip(args, { cwd: dir, env: { NO_COLOR: '1' } });
    expect(run.code).toBe(1);
    // Posts are printed as they are written: in the order their pages finish, not the list's.
    const written = run.stdout.trim().split('\n').sort();
    expect(written).toHaveLength(2);
    const [guancha, qq] = written;
    expect(qq).toBe('site/content/zh-CN/news/qq/20190907A081B0.zh-CN.md');
    expect(readFileSync(path.join(dir, guancha), 'utf8')).toContain(`[guancha](${GUANCHA_URL})`);
    expect(run.stderr).toContain('failed pages/guancha.html (list.txt:2): a saved page of a site without an adapter needs its original URL');
    expect(run.stderr).toContain('failed list.txt:4: not an http(s) URL or a file: pages/missing.html\n');
    expect(run.stderr).toContain('failed list.txt:5: a folder, not a saved page: pages\n');
    expect(run.stderr).toContain('failed list.txt:6: after the tab, not an http(s) URL: ftp://example.com/a\n');
    expect(run.stderr).toMatch(/2 imported, 0 skipped, 4 failed/);
    // The failed list holds what can run again: the page, by its absolute path, to be given its URL.
    const failed = path.join(dir, 'site/.pressclip/failed.txt');
    expect(readFileSync(failed, 'utf8')).toBe(`${path.join(dir, 'pages/guancha.html')}\n`);

    // Run again: nothing is imported twice; the failed list, given the URL, names a post that exists.
    const again = await pressclip(args, { cwd: dir, env: { NO_COLOR: '1' } });
    expect(again.stdout).toBe('');
    expect(again.stderr).toMatch(/0 imported, 2 skipped \(2 done in an earlier run\), 4 failed/);
    writeFileSync(failed, `${readFileSync(failed, 'utf8').trim()}\t${GUANCHA_URL}\n`);
    const retried = await pressclip(['batch', failed, '--root', 'site', '--force'], { cwd: dir, env: { NO_COLOR: '1' } });
    expect(retried.code, retried.stderr).toBe(0);
    expect(retried.stdout).toBe(`${guancha}\n`);
  });

  it('--dry-run reads no page and says which it would read', async () => {
    const dir = setUp();
    writeFileSync(path.join(dir, 'list.txt'), `pages/qq.html\npages/guancha.html\t${GUANCHA_URL}\n`);
    const run = await pressclip(['batch', 'list.txt', '--root', 'site', '--dry-run'], { cwd: dir, env: { NO_COLOR: '1' } });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe('would read pages/qq.html\nwould read pages/guancha.html\n');
    expect(existsSync(path.join(dir, 'site/content'))).toBe(false);
  });
});
