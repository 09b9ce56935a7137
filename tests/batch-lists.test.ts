// The inputs of a batch read once, as a stream: process substitution and named FIFOs work,
// the progress total is given only where counting costs no second read, an overlong line is
// one malformed input, and a feed over its size cap is refused.
import { execFile, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, openSync, closeSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_FEED_BYTES } from '../src/batch/inputs.js';
import { pressclip } from './cli.js';
import { ROOT } from './helpers.js';

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
    expect(run.stderr).toMatch(/failed \/dev\/fd\/\d+:4: not an http\(s\) URL: not a url/);
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
    expect(run.stderr).toContain('failed fifo:4: not an http(s) URL: not a url');
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
