// pressclip on a terminal: a real pseudo-terminal made by script(1) (util-linux), and the
// exact bytes it received - the progress bar of batch and the lines printed around it,
// and colour. (node-pty would need a native build; script is on every Debian machine.)
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanEnv } from '../reliability/harness.js';
import { ROOT, readFixture } from './helpers.js';

const sh = (word: string) => `'${word.replace(/'/g, `'\\''`)}'`;

/**
 * Runs pressclip with stdin, stdout and stderr on a pseudo-terminal of `columns` columns
 * (stdout to `stdoutTo` when given) and returns everything the terminal received. The
 * terminal turns each \n into \r\n, as a real one does.
 */
function onTerminal(args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; columns?: number; stdoutTo?: string }): Promise<{ code: number | null; bytes: string }> {
  const command = `stty cols ${options.columns ?? 70} rows 24; exec ${[process.execPath, path.join(ROOT, 'bin/pressclip.cjs'), ...args].map(sh).join(' ')}${options.stdoutTo ? ` > ${sh(options.stdoutTo)}` : ''}`;
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qfec', command, '/dev/null'], { cwd: options.cwd, env: { ...cleanEnv(), NO_COLOR: '', TERM: 'xterm', ...options.env }, stdio: ['ignore', 'pipe', 'inherit'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    const hang = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(hang);
      resolve({ code, bytes: Buffer.concat(chunks).toString('utf8') });
    });
  });
}

const CLEAR = '\r\u001b[K';
const RED = (text: string) => `\u001b[31m${text}\u001b[39m`;
/** The one figure that depends on time: the run's duration in the summary. */
const untimed = (bytes: string) => bytes.replace(/ in \d+\.\d s:/, ' in <S> s:');

/** A list of three URLs and a malformed line, planned with --dry-run: no request, every outcome at once. */
function listSite(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'pressclip-tty-'));
  mkdirSync(path.join(dir, 'site'));
  writeFileSync(path.join(dir, 'list.txt'), 'https://a.example/1\nhttps://b.example/2\nnot a url\nhttps://c.example/3\n');
  return dir;
}
const BATCH = ['batch', 'list.txt', '--root', 'site', '--dry-run'];
const SUMMARY = `batch finished in <S> s: 3 to import, 0 skipped, 1 failed\r\nfailures by reason:\r\n       1  not an http(s) URL or a file\r\n`;

describe('batch on a terminal', () => {
  it('prints each path and failure above the bar, which is cleared before and drawn again after', async () => {
    const dir = listSite();
    const run = await onTerminal(BATCH, { cwd: dir });
    expect(run.code).toBe(1);
    const bar = (filled: number, text: string) => `${CLEAR}[${'#'.repeat(filled)}${'.'.repeat(24 - filled)}] ${text}`;
    expect(untimed(run.bytes)).toBe(
      'would fetch https://a.example/1\r\n' +
        bar(6, '1/4 done, 1 imported, 0 skipped, 0 failed') +
        `${CLEAR}would fetch https://b.example/2\r\n` +
        bar(12, '2/4 done, 2 imported, 0 skipped, 0 failed') +
        `${CLEAR}${RED('failed')} list.txt:3: not an http(s) URL or a file: not a url\r\n` +
        bar(18, '3/4 done, 2 imported, 0 skipped, 1 failed') +
        `${CLEAR}would fetch https://c.example/3\r\n` +
        bar(24, '4/4 done, 3 imported, 0 skipped, 1 failed') +
        CLEAR +
        SUMMARY,
    );
  });

  it('fits the bar to a narrow terminal: the graphic goes first, then the end of the line', async () => {
    const run = await onTerminal([...BATCH, '--no-color'], { cwd: listSite(), columns: 40 });
    // 39 columns: never the last one, where a terminal would wrap.
    expect(untimed(run.bytes)).toBe(
      'would fetch https://a.example/1\r\n' +
        `${CLEAR}1/4 done, 1 imported, 0 skipped, 0 fail` +
        `${CLEAR}would fetch https://b.example/2\r\n` +
        `${CLEAR}2/4 done, 2 imported, 0 skipped, 0 fail` +
        `${CLEAR}failed list.txt:3: not an http(s) URL or a file: not a url\r\n` +
        `${CLEAR}3/4 done, 2 imported, 0 skipped, 1 fail` +
        `${CLEAR}would fetch https://c.example/3\r\n` +
        `${CLEAR}4/4 done, 3 imported, 0 skipped, 1 fail` +
        CLEAR +
        SUMMARY,
    );
  });

  it('leaves the bar alone for paths that go to a file: only stderr shares the terminal', async () => {
    const dir = listSite();
    writeFileSync(path.join(dir, 'list.txt'), 'https://a.example/1\nnot a url\n');
    const run = await onTerminal(BATCH, { cwd: dir, stdoutTo: 'out.txt', env: { NO_COLOR: '1' } });
    expect(untimed(run.bytes)).toBe(
      `${CLEAR}[############............] 1/2 done, 1 imported, 0 skipped, 0 failed` +
        `${CLEAR}failed list.txt:2: not an http(s) URL or a file: not a url\r\n` +
        `${CLEAR}[########################] 2/2 done, 1 imported, 0 skipped, 1 failed` +
        CLEAR +
        SUMMARY.replace('3 to import', '1 to import'),
    );
    expect(readFileSync(path.join(dir, 'out.txt'), 'utf8')).toBe('would fetch https://a.example/1\n');
  });
});

describe('colour on a terminal', () => {
  const site = () => {
    const root = mkdtempSync(path.join(tmpdir(), 'pressclip-tty-'));
    mkdirSync(path.join(root, 'content/zh-CN/news/qq'), { recursive: true });
    writeFileSync(path.join(root, 'content/zh-CN/news/qq/20250211A05FI7.zh-CN.md'), readFixture('archive-sample', '20250211A05FI7.zh-CN.md').replace('sidebar: "right"', 'sidebar: right'));
    return root;
  };
  const PLAIN = '\r\ncontent/zh-CN/news/qq/20250211A05FI7.zh-CN.md\r\n  21:10  warning  sidebar is not double-quoted  string-quoting\r\n\r\n\u2716 1 problem (0 errors, 1 warning) in 1 of 1 file\r\n';
  const COLOUR =
    '\r\n\u001b[4mcontent/zh-CN/news/qq/20250211A05FI7.zh-CN.md\u001b[24m\r\n  \u001b[2m21:10\u001b[22m  \u001b[33mwarning\u001b[39m  sidebar is not double-quoted  \u001b[2mstring-quoting\u001b[22m\r\n\r\n\u001b[1m\u001b[33m\u2716 1 problem (0 errors, 1 warning) in 1 of 1 file\u001b[39m\u001b[22m\r\n';

  it.each([
    ['by default', [], {}, COLOUR],
    ['NO_COLOR set', [], { NO_COLOR: '1' }, PLAIN],
    ['NO_COLOR empty (no-color.org: only a value counts)', [], { NO_COLOR: '' }, COLOUR],
    ['FORCE_COLOR=0', [], { FORCE_COLOR: '0' }, PLAIN],
    ['TERM=dumb', [], { TERM: 'dumb' }, PLAIN],
    ['--no-color over FORCE_COLOR', ['--no-color'], { FORCE_COLOR: '3' }, PLAIN],
    ['--color over NO_COLOR', ['--color'], { NO_COLOR: '1' }, COLOUR],
    ['FORCE_COLOR=1 over NO_COLOR, as in Node', [], { FORCE_COLOR: '1', NO_COLOR: '1' }, COLOUR],
  ])('validate: %s', async (_, flags, env, expected) => {
    const run = await onTerminal(['validate', ...flags], { cwd: site(), env });
    expect(run.bytes).toBe(expected);
  });

  it('stderr is decided alone: colour there, none in stdout going to a file', async () => {
    const dir = listSite();
    const run = await onTerminal(BATCH, { cwd: dir, stdoutTo: 'out.txt' });
    expect(run.bytes).toContain(`${RED('failed')} list.txt:3`);
    expect(readFileSync(path.join(dir, 'out.txt'), 'utf8')).not.toContain('\u001b');
  });
});
