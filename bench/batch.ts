// Rows for `pressclip batch` and `import` at scale (issue 14, items 1 and 5): throughput
// against local servers that answer after a fixed delay with a real page, beside a plain
// fetch loop over the same URLs; peak memory for 1,000 and 3,000 URLs, for 50 and 500
// saved pages imported in one run, and for 1,000 and 100,000 list lines (dry run); feed
// items converted per second.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { printTable } from './table.js';

const DELAY_MS = 100;
const URLS = 1000;
const HOSTS = 10;
const CONCURRENCY = 16;
/** A real Tencent page (85 KB), its id varied so that each URL is another article. */
const PAGE = 'fixtures/tencent/real/gne_qq_20190907A081B0.html';
const PAGE_ID = '20190907A081B0';
const idOf = (n: number) => `20190907A${n.toString(36).toUpperCase().padStart(5, '0')}`;

/** First request in, last response out, as the servers saw them. */
const span = { first: 0, last: 0 };

async function delayedServers(page: string, count: number): Promise<{ urls: string[]; close: () => void }> {
  const servers: Server[] = [];
  const bases: string[] = [];
  for (let h = 1; h <= HOSTS; h++) {
    const server = createServer((req, res) => {
      span.first ||= Date.now();
      res.on('finish', () => (span.last = Date.now()));
      const n = Number(/\/a\/(\d+)/.exec(req.url ?? '')?.[1] ?? 0);
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(page.replaceAll(PAGE_ID, idOf(n)));
      }, DELAY_MS);
    });
    await new Promise<void>((r) => server.listen(0, `127.0.0.${h}`, r));
    servers.push(server);
    bases.push(`http://127.0.0.${h}:${(server.address() as AddressInfo).port}`);
  }
  const urls = Array.from({ length: count }, (_, i) => `${bases[i % HOSTS]}/a/${i}`);
  return { urls, close: () => servers.forEach((s) => (s.closeAllConnections(), s.close())) };
}

/**
 * Runs a command as a child (the servers stay responsive in this process): wall seconds,
 * exit, and peak RSS through GNU time where the machine has it.
 */
function runChild(command: string[]): Promise<{ seconds: number; code: number | null; stderr: string; peakMb?: number }> {
  const started = process.hrtime.bigint();
  const timed = existsSync('/usr/bin/time') ? ['/usr/bin/time', '-f', 'peak-kb %M', ...command] : command;
  return new Promise((resolve) => {
    const child = spawn(timed[0], timed.slice(1), { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => {
      const kb = Number(/^peak-kb (\d+)$/m.exec(stderr)?.[1]);
      resolve({ seconds: Number(process.hrtime.bigint() - started) / 1e9, code, stderr, peakMb: Number.isFinite(kb) ? kb / 1024 : undefined });
    });
  });
}

const cli = (root: string, args: string[]) => runChild([process.execPath, path.join(root, 'bin/pressclip.cjs'), ...args]);

function peakMb(root: string, args: string[]): { mb: number | undefined; seconds: number } {
  const started = process.hrtime.bigint();
  const run = existsSync('/usr/bin/time')
    ? spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, path.join(root, 'bin/pressclip.cjs'), ...args], { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 28 })
    : spawnSync(process.execPath, [path.join(root, 'bin/pressclip.cjs'), ...args], { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
  const kb = Number(run.stderr.trim().split('\n').at(-1));
  return { mb: Number.isFinite(kb) ? kb / 1024 : undefined, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

const postsIn = (site: string) => (existsSync(path.join(site, 'content')) ? readdirSync(path.join(site, 'content'), { recursive: true }).filter((f) => String(f).endsWith('.md')).length : 0);
const mb = (n: number | undefined) => n?.toFixed(0) ?? 'n/a';
const ratio = (a: number | undefined, b: number | undefined) => (a && b ? `${(a / b).toFixed(2)}x` : 'n/a');

/** `pressclip batch` over `count` URLs of the delayed servers, writing posts. */
async function batchRun(root: string, work: string, page: string, count: number) {
  const { urls, close } = await delayedServers(page, count);
  const list = path.join(work, `urls-${count}.txt`);
  writeFileSync(list, urls.join('\n') + '\n');
  const site = path.join(work, `site-${count}`);
  span.first = span.last = 0;
  const run = await cli(root, ['batch', list, '--root', site, '--concurrency', String(CONCURRENCY), '--per-host', '2', '--min-gap', '0']);
  const requests = (span.last - span.first) / 1000;
  close();
  return { ...run, requests, written: postsIn(site), list };
}

export async function runBatchBench(root: string): Promise<void> {
  const work = mkdtempSync(path.join(tmpdir(), 'pressclip-bench-batch-'));
  const page = readFileSync(path.join(root, PAGE), 'utf8');

  const batch = await batchRun(root, work, page, URLS);
  // The same URLs (the same pages) again, fetched by the plain loop.
  const { urls, close } = await delayedServers(page, URLS);
  const list = path.join(work, 'urls-loop.txt');
  writeFileSync(list, urls.join('\n') + '\n');
  const loop = await runChild([process.execPath, path.join(root, 'dist/bench/fetch-loop.js'), list, String(CONCURRENCY)]);
  close();
  const ideal = (URLS * DELAY_MS) / 1000 / CONCURRENCY;
  printTable(
    `batch beside a plain fetch loop: ${URLS} URLs over ${HOSTS} hosts (127.0.0.1-${HOSTS}), each answering after ${DELAY_MS} ms with a real ${Math.round(page.length / 1024)} KB page, concurrency ${CONCURRENCY} (target: within 1.25x of the loop)`,
    ['tool', 'posts written', 'exit', 'wall s', 'peak MB', 'vs the loop', 'vs ideal (N x delay / concurrency)'],
    [
      ['pressclip batch (fetch, extract, write)', batch.written, String(batch.code), batch.seconds.toFixed(2), mb(batch.peakMb), ratio(batch.seconds, loop.seconds), ratio(batch.seconds, ideal)],
      ['plain undici loop (fetch only), bench/fetch-loop.ts', '-', String(loop.code), loop.seconds.toFixed(2), mb(loop.peakMb), '1.00x', ratio(loop.seconds, ideal)],
    ],
  );

  // Memory flat in the number of inputs: three times the URLs, ten times the files.
  const triple = await batchRun(root, work, page, 3 * URLS);
  const saved = (count: number) => {
    const dir = path.join(work, `pages-${count}`);
    mkdirSync(dir);
    return Array.from({ length: count }, (_, i) => {
      const file = path.join(dir, `${i}.html`);
      writeFileSync(file, page.replaceAll(PAGE_ID, idOf(i)));
      return file;
    });
  };
  const imports: { count: number; written: number; seconds: number; peakMb?: number }[] = [];
  // And 2,000: whether what 500 adds over 50 is growth or the heap reaching its working size.
  for (const count of [50, 500, 2000]) {
    const site = path.join(work, `import-${count}`);
    const run = await cli(root, ['import', ...saved(count), '--root', site]);
    imports.push({ count, ...run, written: postsIn(site) });
  }
  printTable(
    'peak memory (RSS) by the number of inputs (target: 3x the URLs or 10x the files within 1.2x of the memory)',
    ['run', 'posts written', 'wall s', 'peak MB', 'vs the smaller run'],
    [
      [`batch, ${URLS.toLocaleString('en')} URLs`, batch.written, batch.seconds.toFixed(2), mb(batch.peakMb), '1.00x'],
      [`batch, ${(3 * URLS).toLocaleString('en')} URLs`, triple.written, triple.seconds.toFixed(2), mb(triple.peakMb), ratio(triple.peakMb, batch.peakMb)],
      ...imports.map((r) => [`import, ${r.count} saved pages in one run`, r.written, r.seconds.toFixed(2), mb(r.peakMb), ratio(r.peakMb, imports[0].peakMb)]),
    ],
  );

  const rows: (string | number)[][] = [];
  for (const lines of [1_000, 100_000]) {
    const file = path.join(work, `list-${lines}.txt`);
    writeFileSync(file, Array.from({ length: lines }, (_, i) => `https://news${i % 50}.example.com/2026/08/article-${i}.html`).join('\n') + '\n');
    const m = peakMb(root, ['batch', file, '--root', path.join(work, `dry-${lines}`), '--dry-run']);
    rows.push([lines.toLocaleString('en'), m.mb?.toFixed(0) ?? 'n/a', m.seconds.toFixed(2)]);
  }
  printTable('batch --dry-run peak memory (target: under 200 MB, and about the same for both)', ['list lines', 'peak MB', 'seconds'], rows);

  const shared = path.resolve(root, '../shared/data/feeds');
  const feedDir = existsSync(shared) ? shared : path.join(root, 'fixtures/feeds');
  const feeds = readdirSync(feedDir).filter((f) => f.endsWith('.json')).map((f) => path.join(feedDir, f));
  const items = feeds.reduce((n, f) => n + ((JSON.parse(readFileSync(f, 'utf8')).data as unknown[]).length ?? 0), 0);
  const conv = await cli(root, ['batch', ...feeds, '--root', path.join(work, 'feeds-site')]);
  printTable(`feed conversion: every item of ${feeds.length} feeds in ${feedDir} (CLI end to end, writing posts)`, ['items', 'seconds', 'items/s'], [[items, conv.seconds.toFixed(2), Math.round(items / conv.seconds)]]);
}
