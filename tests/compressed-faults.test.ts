// Compressed bodies (gzip, brotli, deflate) cut off, stalled or reset mid-stream, from a real
// server on 127.0.0.1: each input gets its own error line and the others go on (import),
// inspect fails with its error, and batch finishes - and stops at once when told to.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pressclip } from './cli.js';
import { readFixture, ROOT } from './helpers.js';
import { html, startServer, type Handler, type TestServer } from './server.js';

const PAGE = readFixture('tencent/real', 'raw_rain_20201130A0G1JJ00.html');
const ENCODINGS = { gzip: gzipSync(PAGE), br: brotliCompressSync(PAGE), deflate: deflateSync(PAGE) };

/** The first half of a compressed body, then: the end of the response, nothing more, or a reset. */
const broken =
  (encoding: keyof typeof ENCODINGS, how: 'cut' | 'stall' | 'reset'): Handler =>
  (_req, res) => {
    const body = ENCODINGS[encoding];
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-encoding': encoding });
    res.write(body.subarray(0, body.length >> 1));
    if (how === 'cut') res.end();
    if (how === 'reset') setTimeout(() => res.socket?.destroy(), 20);
  };

const EXPECTED = { cut: /compressed body cut short \(unexpected end of file\)/, stall: /timed out reading the page \(limit 2 s\)/, reset: /network error \(UND_ERR_SOCKET\)/ };
const FAULTS = Object.keys(ENCODINGS).flatMap((encoding) => (['cut', 'stall', 'reset'] as const).map((how) => ({ route: `/${encoding}/${how}`, encoding: encoding as keyof typeof ENCODINGS, how })));

let server: TestServer;
beforeAll(async () => {
  server = await startServer({
    '/ok': html(PAGE),
    '/500': html('busy', {}, 500),
    ...Object.fromEntries(FAULTS.map((f) => [f.route, broken(f.encoding, f.how)])),
  });
});
afterAll(() => server.close());

const tmp = () => mkdtempSync(path.join(tmpdir(), 'pressclip-compressed-'));

describe('compressed bodies that break mid-stream', () => {
  // The deadline only for the stalls: a busy machine must not turn a cut or a reset into a timeout.
  it.each([
    ['cut off or reset', FAULTS.filter((f) => f.how !== 'stall'), '30'],
    ['stalled', FAULTS.filter((f) => f.how === 'stall'), '2'],
  ])('import gives each body %s its error line and goes on with the others', async (_, faults, timeout) => {
    const inputs = [...faults.map((f) => server.url(f.route)), server.url('/ok')];
    const run = await pressclip(['import', ...inputs, '--timeout', timeout, '--stdout']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('\n[qq](https://new.qq.com/rain/a/20201130A0G1JJ00)\n');
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(faults.length);
    faults.forEach((f, i) => {
      expect(lines[i].startsWith(`error ${server.url(f.route)}: `)).toBe(true);
      expect(lines[i]).toMatch(EXPECTED[f.how]);
    });
  });

  it('inspect exits 1 with its error', async () => {
    const run = await pressclip(['inspect', server.url('/br/reset')]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`error ${server.url('/br/reset')}: network error (UND_ERR_SOCKET)\n`);
  });

  it('batch finishes with those inputs failed', async () => {
    const root = tmp();
    const list = path.join(root, 'list.txt');
    writeFileSync(list, [...FAULTS.map((f) => server.url(f.route)), server.url('/ok')].join('\n') + '\n');
    const run = await pressclip(['batch', list, '--root', root, '--timeout', '3', '--retries', '0', '--min-gap', '0', '--per-host', '4']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/batch finished in [\d.]+ s: 1 imported, 0 skipped, 9 failed/);
  });
});

/** Starts a batch; when the server has seen `route` requested, sends SIGTERM, and with `twice` again once the first was handled. */
function terminateWhenAsked(root: string, list: string, route: string, twice: boolean, args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/pressclip.cjs'), 'batch', list, '--root', root, '--min-gap', '0', ...args], { env: { ...process.env, NO_COLOR: '1' } });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
      if (twice && stderr.includes('stopping: no new inputs')) child.kill('SIGTERM');
    });
    const before = server.hits.get(route) ?? 0;
    const timer = setInterval(() => {
      if ((server.hits.get(route) ?? 0) > before) {
        clearInterval(timer);
        child.kill('SIGTERM');
      }
    }, 20);
    child.on('exit', (code) => {
      clearInterval(timer);
      resolve({ code, stderr });
    });
  });
}

describe('batch stops when told to, whatever it waits on', () => {
  it('SIGTERM during a stalled brotli body: the request ends at its deadline and the summary is written', async () => {
    const root = tmp();
    const list = path.join(root, 'list.txt');
    writeFileSync(list, `${server.url('/br/stall')}\n${server.url('/ok')}\n`);
    const run = await terminateWhenAsked(root, list, '/br/stall', false, ['--timeout', '2', '--concurrency', '1']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`failed ${server.url('/br/stall')} (${list}:1): timed out reading the page (limit 2 s)`);
    expect(run.stderr).toMatch(/batch interrupted in [\d.]+ s: 0 imported, 0 skipped, 1 failed/);
  });

  it('SIGTERM during a retry wait of two minutes: the wait ends at once', async () => {
    const root = tmp();
    const list = path.join(root, 'list.txt');
    writeFileSync(list, `${server.url('/500')}\n`);
    const run = await terminateWhenAsked(root, list, '/500', false, ['--retries', '3', '--backoff', '600000']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/batch interrupted in [\d.]+ s: 0 imported, 0 skipped, 1 failed/);
  });

  it('a second SIGTERM quits at once', async () => {
    const root = tmp();
    const list = path.join(root, 'list.txt');
    writeFileSync(list, `${server.url('/gzip/stall')}\n`);
    const run = await terminateWhenAsked(root, list, '/gzip/stall', true, ['--timeout', '600']);
    expect(run.code).toBe(143);
  });
});
