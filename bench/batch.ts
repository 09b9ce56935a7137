// Rows for `pressclip batch`: throughput against a local server that answers after a
// fixed delay, peak memory for 1,000 and 100,000 list lines (dry run), and feed items
// converted per second.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { printTable } from './table.js';

const DELAY_MS = 100;
const URLS = 2000;
const HOSTS = 20;
const CONCURRENCY = 16;

/** First request in, last response out, as the servers saw them. */
const span = { first: 0, last: 0 };

async function delayedServers(page: string): Promise<{ urls: string[]; close: () => void }> {
  const servers: Server[] = [];
  const bases: string[] = [];
  for (let h = 1; h <= HOSTS; h++) {
    const server = createServer((req, res) => {
      span.first ||= Date.now();
      res.on('finish', () => (span.last = Date.now()));
      const n = Number(/\/a\/(\d+)/.exec(req.url ?? '')?.[1] ?? 0);
      const id = `20201130A${n.toString(36).toUpperCase().padStart(5, '0')}`;
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(page.replaceAll('20201130A0G1JJ', id));
      }, DELAY_MS);
    });
    await new Promise<void>((r) => server.listen(0, `127.0.0.${h}`, r));
    servers.push(server);
    bases.push(`http://127.0.0.${h}:${(server.address() as AddressInfo).port}`);
  }
  const urls = Array.from({ length: URLS }, (_, i) => `${bases[i % HOSTS]}/a/${i}`);
  return { urls, close: () => servers.forEach((s) => (s.closeAllConnections(), s.close())) };
}

/** Runs the CLI as a child (the servers stay responsive in this process); wall seconds and exit. */
function runCli(root: string, args: string[]): Promise<{ seconds: number; code: number | null; stderr: string }> {
  const started = process.hrtime.bigint();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(root, 'bin/pressclip.cjs'), ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => resolve({ seconds: Number(process.hrtime.bigint() - started) / 1e9, code, stderr }));
  });
}

function peakMb(root: string, args: string[]): { mb: number | undefined; seconds: number } {
  const started = process.hrtime.bigint();
  const run = existsSync('/usr/bin/time')
    ? spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, path.join(root, 'bin/pressclip.cjs'), ...args], { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 28 })
    : spawnSync(process.execPath, [path.join(root, 'bin/pressclip.cjs'), ...args], { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
  const kb = Number(run.stderr.trim().split('\n').at(-1));
  return { mb: Number.isFinite(kb) ? kb / 1024 : undefined, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

export async function runBatchBench(root: string): Promise<void> {
  const work = mkdtempSync(path.join(tmpdir(), 'pressclip-bench-batch-'));
  const page = readFileSync(path.join(root, 'fixtures/tencent/real/raw_rain_20201130A0G1JJ00.html'), 'utf8');

  const { urls, close } = await delayedServers(page);
  const list = path.join(work, 'urls.txt');
  writeFileSync(list, urls.join('\n') + '\n');
  const site = path.join(work, 'site');
  const run = await runCli(root, ['batch', list, '--root', site, '--concurrency', String(CONCURRENCY), '--per-host', '2', '--min-gap', '0']);
  close();
  const ideal = (URLS * DELAY_MS) / 1000 / CONCURRENCY;
  const written = existsSync(path.join(site, 'content')) ? readdirSync(path.join(site, 'content'), { recursive: true }).filter((f) => String(f).endsWith('.md')).length : 0;
  printTable(
    `batch throughput: ${URLS} URLs over ${HOSTS} hosts (127.0.0.1-${HOSTS}), each answering after ${DELAY_MS} ms with a real page, concurrency ${CONCURRENCY} (target: within 10% of ideal)`,
    ['posts written', 'exit', 'wall s (process)', 'requests s (first in to last out)', 'ideal s (N x delay / concurrency)', 'wall / ideal', 'requests / ideal'],
    [[written, String(run.code), run.seconds.toFixed(2), ((span.last - span.first) / 1000).toFixed(2), ideal.toFixed(2), (run.seconds / ideal).toFixed(3), ((span.last - span.first) / 1000 / ideal).toFixed(3)]],
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
  const conv = await runCli(root, ['batch', ...feeds, '--root', path.join(work, 'feeds-site')]);
  printTable(`feed conversion: every item of ${feeds.length} feeds in ${feedDir} (CLI end to end, writing posts)`, ['items', 'seconds', 'items/s'], [[items, conv.seconds.toFixed(2), Math.round(items / conv.seconds)]]);
}
