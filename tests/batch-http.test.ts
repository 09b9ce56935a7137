// batch against HTTP servers on several loopback addresses: mixed outcomes, retries,
// the journal and resume, shards, SIGINT, and kill -9 then rerun.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pressclip } from './cli.js';
import { readFixture, ROOT } from './helpers.js';
import { html, startServer, type Handler, type TestServer } from './server.js';

const PAGE = readFixture('tencent/real', 'raw_rain_20201130A0G1JJ00.html');
/** The real page with its article id replaced, so that each URL is a distinct article. */
const idFor = (n: number) => `20201130A${n.toString(36).toUpperCase().padStart(5, '0')}`;
const pageFor = (n: number) => PAGE.replaceAll('20201130A0G1JJ', idFor(n));
const article: Handler = (req, res) => html(pageFor(Number(/\/a\/(\d+)/.exec(req.url ?? '')?.[1] ?? 0)))(req, res);
const slowArticle =
  (ms: number): Handler =>
  (req, res) => {
    const timer = setTimeout(() => article(req, res), ms);
    res.on('close', () => clearTimeout(timer));
  };

/**
 * Answers the first `free` requests of /gated/a/<n>, on every server, and holds the rest until
 * `open()`: a test can act while a known number of requests is in flight, whatever the load.
 */
const gate = {
  free: 0,
  held: [] as (() => void)[],
  open() {
    this.free = Infinity;
    for (const answer of this.held.splice(0)) answer();
  },
};
const gated: Handler = (req, res) => {
  if (gate.free > 0) {
    gate.free--;
    article(req, res);
  } else gate.held.push(() => article(req, res));
};

const servers: TestServer[] = [];
const hits: { path: string; at: number }[] = [];
let attempts = new Map<string, number>();

beforeAll(async () => {
  const routes = (host: string): Record<string, Handler> => ({
    ...Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`/a/${i}`, article])),
    ...Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`/slow/a/${100 + i}`, slowArticle(250)])),
    ...Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`/gated/a/${200 + i}`, gated])),
    '/missing': html('nope', {}, 404),
    '/flaky/a/70': (req, res) => {
      const n = (attempts.get(`${host}/flaky`) ?? 0) + 1;
      attempts.set(`${host}/flaky`, n);
      if (n === 1) html('busy', {}, 500)(req, res);
      else article(req, res);
    },
    '/limited/a/71': (req, res) => {
      hits.push({ path: `${host}/limited`, at: Date.now() });
      const n = (attempts.get(`${host}/limited`) ?? 0) + 1;
      attempts.set(`${host}/limited`, n);
      if (n === 1) html('slow down', { 'retry-after': '1' }, 429)(req, res);
      else article(req, res);
    },
    '/reset': (req) => req.socket.destroy(),
    '/stall': () => undefined,
    '/loop': html('', { location: '/loop' }, 302),
    '/pdf': html(Buffer.from('%PDF'), { 'content-type': 'application/pdf' }),
  });
  for (const host of ['127.0.0.1', '127.0.0.2', '127.0.0.3']) servers.push(await startServer(routes(host), host));
});
afterAll(async () => {
  for (const s of servers) await s.close();
});

const tmp = () => mkdtempSync(path.join(tmpdir(), 'pressclip-batch-'));
const posts = (root: string) =>
  existsSync(path.join(root, 'content')) ? readdirSync(path.join(root, 'content'), { recursive: true }).map(String).filter((f) => f.endsWith('.md')).sort() : [];
const allFiles = (root: string) => readdirSync(root, { recursive: true }).map(String);
const FAST = ['--min-gap', '0', '--backoff', '50', '--retries', '2', '--timeout', '2'];

describe('batch with mixed outcomes over several hosts', () => {
  it('imports what it can, retries what is worth it, and reports the rest', async () => {
    attempts = new Map();
    const [a, b, c] = servers;
    const root = tmp();
    const list = path.join(root, 'list.txt');
    writeFileSync(
      list,
      [
        '# a list with comments, blanks, duplicates and garbage',
        '',
        ...[1, 2, 3].map((n) => `  ${a.url(`/a/${n}`)}  `),
        b.url('/a/4'),
        c.url('/a/5'),
        a.url('/a/1'),
        a.url('/missing'),
        b.url('/flaky/a/70'),
        c.url('/limited/a/71'),
        a.url('/reset'),
        b.url('/stall'),
        c.url('/loop'),
        a.url('/pdf'),
        'not a url',
      ].join('\n') + '\n',
    );
    const report = path.join(root, 'report.json');
    const run = await pressclip(['batch', list, '--root', root, '--report', report, ...FAST], { cwd: root });
    expect(run.code).toBe(1);
    expect(run.stdout.trim().split('\n').sort()).toEqual([1, 2, 3, 4, 5, 70, 71].map((n) => `content/zh-CN/news/qq/${idFor(n)}.zh-CN.md`).sort());
    expect(posts(root)).toHaveLength(7);
    // the 429 was retried after its Retry-After, not at once
    const limited = hits.filter((h) => h.path === '127.0.0.3/limited');
    expect(limited).toHaveLength(2);
    expect(limited[1].at - limited[0].at).toBeGreaterThanOrEqual(950);
    const r = JSON.parse(readFileSync(report, 'utf8'));
    expect(r.counts).toMatchObject({ imported: 7, failed: 6, duplicates: 1 });
    expect(r.byReason.map((x: { reason: string }) => x.reason).sort()).toEqual(
      ['HTTP 404', 'network error (UND_ERR_SOCKET)', 'not an HTML page (content-type application/pdf)', 'not an http(s) URL or a file', 'timed out waiting for a response (limit 2 s)', 'too many redirects (more than 5)'].sort(),
    );
    expect(run.stderr).toContain(`failed ${a.url('/missing')} (${list}:9): HTTP 404`);
    expect(run.stderr).toContain(`failed ${list}:16: not an http(s) URL or a file: not a url`);
    expect(run.stderr).toMatch(/batch finished in [\d.]+ s: 7 imported, 1 skipped \(1 duplicate inputs\), 6 failed/);
    const failed = readFileSync(path.join(root, '.pressclip/failed.txt'), 'utf8').trim().split('\n');
    expect(failed.sort()).toEqual([a.url('/missing'), a.url('/reset'), b.url('/stall'), c.url('/loop'), a.url('/pdf')].sort());

    // A second run skips what is done and retries only what failed.
    const before = new Map(attempts);
    const again = await pressclip(['batch', list, '--root', root, ...FAST], { cwd: root });
    expect(again.code).toBe(1);
    expect(again.stdout).toBe('');
    expect(again.stderr).toMatch(/0 imported, 8 skipped \(7 done in an earlier run, 1 duplicate inputs\), 6 failed/);
    expect(attempts).toEqual(before); // flaky and limited were not asked again

    // --retry-failed runs the failures only; the failed list can be fed back in.
    const retried = await pressclip(['batch', path.join(root, '.pressclip/failed.txt'), '--root', root, '--retry-failed', ...FAST], { cwd: root });
    expect(retried.stderr).toMatch(/0 imported, 0 skipped, 5 failed/);
    expect(posts(root)).toHaveLength(7);
  });

  it('skips posts already in the archive, in either id form, without a request', async () => {
    const [a] = servers;
    const root = tmp();
    const first = await pressclip(['batch', '-', '--root', root, ...FAST], {});
    expect(first.code).toBe(0); // an empty standard input is an empty batch
    const seed = await pressclip(['import', a.url('/a/9'), '--root', root], { cwd: root });
    expect(seed.code).toBe(0);
    const list = path.join(root, 'l.txt');
    writeFileSync(list, `https://new.qq.com/rain/a/${idFor(9)}00\nhttps://news.qq.com/rain/a/${idFor(9)}?from=x\n`);
    const run = await pressclip(['batch', list, '--root', root, ...FAST, '--timeout', '1'], { cwd: root });
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/0 imported, 2 skipped \(1 already in the archive, 1 duplicate inputs\), 0 failed/);
  });
});

describe('--shard', () => {
  it('covers every input exactly once across n shards', async () => {
    const root = tmp();
    const list = path.join(root, 'list.txt');
    writeFileSync(list, Array.from({ length: 300 }, (_, i) => `https://site${i % 7}.example/article/${i}`).join('\n'));
    const seen: string[] = [];
    for (const i of [1, 2, 3]) {
      const run = await pressclip(['batch', list, '--root', root, '--dry-run', '--json', '--shard', `${i}/3`], { cwd: root });
      const inputs = run.stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l).input);
      expect(inputs.length).toBeGreaterThan(60);
      seen.push(...inputs);
    }
    expect(seen).toHaveLength(300);
    expect(new Set(seen).size).toBe(300);
    expect((await pressclip(['batch', list, '--shard', '4/3'])).code).toBe(2);
  });
});

/** Starts a batch, waits until `ready()`, then sends `signal` (and calls `signalled` once it was handled); resolves with how it ended. */
function interrupt(root: string, list: string, signal: NodeJS.Signals, ready: () => boolean, signalled = () => {}): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/pressclip.cjs'), 'batch', list, '--root', root, '--concurrency', '4', '--per-host', '2', '--min-gap', '0'], { env: { ...process.env, NO_COLOR: '1' } });
    let stderr = '';
    let sent = false;
    child.stderr.on('data', (d) => {
      stderr += d;
      if (sent && stderr.includes('stopping: no new inputs')) signalled();
    });
    const timer = setInterval(() => {
      if (ready()) {
        clearInterval(timer);
        sent = true;
        child.kill(signal);
      }
    }, 20);
    child.on('exit', (code, sig) => {
      clearInterval(timer);
      resolve({ code, signal: sig, stderr });
    });
  });
}

describe('interrupts', () => {
  const slowList = (root: string) => {
    const list = path.join(root, 'list.txt');
    writeFileSync(list, Array.from({ length: 40 }, (_, i) => servers[i % 3].url(`/slow/a/${100 + i}`)).join('\n') + '\n');
    return list;
  };
  const complete = (root: string) => posts(root).every((f) => /\n\[qq\]\(https:\/\/new\.qq\.com\/rain\/a\/\w+\)\n$/.test(readFileSync(path.join(root, 'content', f), 'utf8')));

  it('SIGINT stops taking inputs, finishes the running ones, and a rerun completes', async () => {
    const root = tmp();
    const list = path.join(root, 'list.txt');
    writeFileSync(list, Array.from({ length: 40 }, (_, i) => servers[i % 3].url(`/gated/a/${200 + i}`)).join('\n') + '\n');
    // Five articles answered and written, four requests held in flight (--concurrency 4): then
    // SIGINT; once it is handled the held four are answered. Exactly nine posts, whatever the load.
    gate.free = 5;
    const stopped = await interrupt(root, list, 'SIGINT', () => posts(root).length === 5 && gate.held.length === 4, () => gate.open());
    gate.open();
    expect(stopped.code).toBe(1);
    expect(stopped.stderr).toContain('stopping: no new inputs');
    expect(stopped.stderr).toMatch(/batch interrupted in/);
    expect(posts(root)).toHaveLength(9);
    expect(complete(root)).toBe(true);
    const journal = readFileSync(path.join(root, '.pressclip/journal.jsonl'), 'utf8').trim().split('\n');
    expect(journal).toHaveLength(9);
    const rerun = await pressclip(['batch', list, '--root', root, '--min-gap', '0'], { cwd: root });
    expect(rerun.code).toBe(0);
    expect(posts(root)).toHaveLength(40);
    expect(complete(root)).toBe(true);
  });

  it('kill -9 mid-run, then a rerun: every post once, none corrupt, no temporary file left', async () => {
    const root = tmp();
    const list = slowList(root);
    const killed = await interrupt(root, list, 'SIGKILL', () => posts(root).length >= 8);
    expect(killed.signal).toBe('SIGKILL');
    const rerun = await pressclip(['batch', list, '--root', root, '--min-gap', '0'], { cwd: root });
    expect(rerun.code).toBe(0);
    expect(posts(root)).toHaveLength(40);
    expect(complete(root)).toBe(true);
    expect(allFiles(root).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const check = await pressclip(['validate'], { cwd: root });
    expect(check.stdout).toBe('40 files checked: no problems\n');
  });
});
