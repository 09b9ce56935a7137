// Network faults from a real server on 127.0.0.1: every failure mode a crawler meets,
// each imported on its own (it must get its own error), all of them in one import (each
// its own line: none may swallow the inputs after it), the compressed ones inspected, then
// all of them in one batch (which must finish).
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, constants, deflateSync, gzipSync } from 'node:zlib';
import { emptyRow, inParallel, isClearError, noteEnding, ROOT, runCli, type Row } from './harness.js';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

interface Fault {
  route: string;
  handler: Handler;
  /** The error `import` must give; undefined when a post is expected. */
  error?: RegExp;
  /** What `batch` ends with, where it differs from `import` (it retries). */
  batch?: 'imported';
  /**
   * Only the deadline ends it (imported with --timeout 3). Every other fault is imported with
   * a deadline far beyond what it takes, so that which error it gives (a size cap's, a reset's)
   * never depends on how busy the machine is.
   */
  stalls?: boolean;
  /** A compressed body that breaks mid-stream (also inspected). */
  compressed?: boolean;
}

const page = readFileSync(path.join(ROOT, 'fixtures/tencent/real/raw_rain_20201130A0G1JJ00.html'));
const gbkPage = readFileSync(path.join(ROOT, 'fixtures/pages/sohu/cwce_33a95b71-b49b-42c1-9c0a-ab8e3feba3cf.html'));
const send = (body: Buffer | string, headers: Record<string, string> = {}, status = 200): Handler => (_req, res) => {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', ...headers });
  res.end(body);
};
const redirect = (location: string): Handler => (_req, res) => {
  res.writeHead(302, { location });
  res.end();
};

function faults(): Fault[] {
  // Counted per URL: each row asks with its own query, and meets the failure first.
  const flaky = new Map<string, number>();
  const zeros = Buffer.alloc(200 * 1024 * 1024, 0x20);
  const gzipBomb = gzipSync(zeros, { level: 9 });
  const brotliBomb = brotliCompressSync(zeros, { params: { [constants.BROTLI_PARAM_QUALITY]: 1 } });
  return [
    { route: '/ok', handler: send(page) },
    { route: '/gbk-declared-utf8', handler: send(gbkPage, { 'content-type': 'text/html; charset=utf-8' }) },
    { route: '/gzip', handler: send(gzipSync(page), { 'content-encoding': 'gzip' }) },
    { route: '/redirected', handler: redirect('/ok') },
    { route: '/404', handler: send('<h1>gone</h1>', {}, 404), error: /HTTP 404/ },
    {
      route: '/500-then-ok',
      handler: (req, res) => {
        const n = flaky.get(req.url ?? '') ?? 0;
        flaky.set(req.url ?? '', n + 1);
        (n % 2 === 0 ? send('oops', {}, 500) : send(page))(req, res);
      },
      error: /HTTP 500/,
      batch: 'imported',
    },
    { route: '/429', handler: send('slow down', { 'retry-after': '1' }, 429), error: /HTTP 429/ },
    { route: '/reset', handler: (req) => req.socket.destroy(), error: /network error/ },
    { route: '/no-answer', handler: () => undefined, error: /timed out/, stalls: true },
    { route: '/headers-then-stall', handler: (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).write('<html><head><title>'), error: /timed out/, stalls: true },
    { route: '/trickle', handler: trickle, error: /timed out/, stalls: true },
    { route: '/redirect-loop', handler: redirect('/redirect-loop'), error: /too many redirects/ },
    { route: '/redirect-ftp', handler: redirect('ftp://127.0.0.1/file'), error: /non-http URL \(ftp:\)/ },
    { route: '/redirect-javascript', handler: redirect('javascript:alert(1)'), error: /non-http URL \(javascript:\)/ },
    { route: '/redirect-file', handler: redirect('file:///etc/passwd'), error: /non-http URL \(file:\)/ },
    { route: '/pdf', handler: send('%PDF-1.4', { 'content-type': 'application/pdf' }), error: /not an HTML page/ },
    { route: '/gzip-bomb', handler: send(gzipBomb, { 'content-encoding': 'gzip' }), error: /larger than 10 MB/ },
    { route: '/brotli-bomb', handler: send(brotliBomb, { 'content-encoding': 'br' }), error: /larger than 10 MB/ },
    { route: '/huge', handler: send(Buffer.alloc(30 * 1024 * 1024, 0x61)), error: /larger than 10 MB/ },
    { route: '/huge-chunked', handler: chunked(Buffer.alloc(30 * 1024 * 1024, 0x61)), error: /larger than 10 MB/ },
    { route: '/broken-gzip', handler: send(Buffer.from('this is not gzip at all'), { 'content-encoding': 'gzip' }), error: /broken compressed body/ },
    { route: '/short-body', handler: (_req, res) => { res.writeHead(200, { 'content-type': 'text/html', 'content-length': '100000' }); res.write('<html><body>'); setTimeout(() => res.socket?.destroy(), 50); }, error: /network error/ },
    { route: '/empty', handler: send(''), error: /no title found|no article body/ },
    ...compressedFaults(),
  ];
}

/** Sent without a length, so that only the bytes counted as they come can stop it. */
const chunked = (body: Buffer): Handler => (_req, res) => {
  res.writeHead(200, { 'content-type': 'text/html' });
  for (let at = 0; at < body.length; at += 1 << 20) res.write(body.subarray(at, at + (1 << 20)));
  res.end();
};

/** gzip, brotli and deflate bodies that end, stall or are reset halfway, and one that trickles. */
function compressedFaults(): Fault[] {
  const bodies = { gzip: gzipSync(page), br: brotliCompressSync(page), deflate: deflateSync(page) };
  const ways = {
    cut: { error: /compressed body cut short/, then: (res: ServerResponse) => res.end(), stalls: false },
    stall: { error: /timed out reading the page/, then: () => undefined, stalls: true },
    reset: { error: /network error/, then: (res: ServerResponse) => setTimeout(() => res.socket?.destroy(), 20), stalls: false },
  };
  const out: Fault[] = [];
  for (const [encoding, body] of Object.entries(bodies)) {
    for (const [how, way] of Object.entries(ways)) {
      const handler: Handler = (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': encoding });
        res.write(body.subarray(0, body.length >> 1));
        way.then(res);
      };
      out.push({ route: `/${encoding}-${how}`, handler, error: way.error, compressed: true, stalls: way.stalls });
    }
  }
  // A byte of gzip a second: the body never stalls long enough for undici's body timeout.
  const trickle: Handler = (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' });
    let at = 0;
    const timer = setInterval(() => res.write(bodies.gzip.subarray(at, ++at)), 1000);
    res.on('close', () => clearInterval(timer));
  };
  out.push({ route: '/gzip-trickle', handler: trickle, error: /timed out reading the page/, compressed: true, stalls: true });
  return out;
}

/** One byte a second, forever: only a whole-request deadline stops it. */
function trickle(_req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'text/html' });
  const timer = setInterval(() => res.write('<'), 1000);
  res.on('close', () => clearInterval(timer));
}

export async function runNetworkFaults(): Promise<Row[]> {
  const list = faults();
  const routes = new Map(list.map((f) => [f.route, f.handler]));
  const server = createServer((req, res) => (routes.get((req.url ?? '/').split('?')[0]) ?? send('nothing here', {}, 404))(req, res));
  // As an HTTP proxy it drops every CONNECT: undici keeps reconnecting, the deadline must end it.
  server.on('connect', (_req, socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const work = mkdtempSync(path.join(tmpdir(), 'pressclip-net-'));
  try {
    const rows = [await importEach(list, base, work), await importAllInOne(list, base, work), await inspectCompressed(list, base), await batchAll(list, base, work)];
    await brokenProxy(rows[0], base, work);
    return rows;
  } finally {
    server.closeAllConnections();
    server.close();
    rmSync(work, { recursive: true, force: true });
  }
}

const deadline = (f: Fault) => (f.stalls ? '3' : '60');

async function importEach(list: Fault[], base: string, work: string): Promise<Row> {
  const row = emptyRow('network faults (import)');
  const results = await inParallel(list, 4, async (f) => {
    const site = path.join(work, `import${f.route.replace(/\W/g, '-')}`);
    return { f, site, ran: await runCli(['import', base + f.route, '--root', site, '--timeout', deadline(f), '--folder', 'net', '--register'], { limitMs: 90_000 }) };
  });
  for (const { f, site, ran } of results) {
    row.tried++;
    if (!noteEnding(row, ran, f.route)) continue;
    const wrote = existsSync(path.join(site, 'content'));
    if (!f.error) {
      if (ran.code === 0 && wrote) row.ok++;
      else {
        row.crashes++;
        row.problems.push(`${f.route}: expected a post, got exit ${ran.code}: ${ran.stderr.trim()}`);
      }
    } else if (isClearError(ran, base + f.route) && f.error.test(ran.stderr) && !wrote) row.handled++;
    else {
      row.crashes++;
      row.problems.push(`${f.route}: expected ${f.error}, got exit ${ran.code}: ${ran.stderr.trim().slice(0, 200)}${wrote ? ' (and wrote a file)' : ''}`);
    }
  }
  return row;
}

/**
 * Every fault in one `import` (two: the stalls with a short deadline, the others with a long
 * one): each input must end with its own line, a post or a skip for the good ones (they are
 * one article), the error for the others.
 */
async function importAllInOne(list: Fault[], base: string, work: string): Promise<Row> {
  const row = emptyRow('network faults (one import)');
  for (const stalls of [false, true]) {
    const faults = list.filter((f) => Boolean(f.stalls) === stalls);
    const inputs = faults.map((f) => `${base}${f.route}?in=one`);
    const ran = await runCli(['import', ...inputs, '--root', path.join(work, 'one'), '--folder', 'net', '--register', '--timeout', stalls ? '3' : '60'], { limitMs: 180_000 });
    row.tried += faults.length;
    if (!noteEnding(row, ran, 'one import')) continue;
    const lines = ran.stderr.trim().split('\n');
    faults.forEach((f, i) => {
      const line = lines.find((l) => l.startsWith(`error ${inputs[i]}: `) || l.startsWith(`skipped ${inputs[i]}: `));
      if (f.error ? line && f.error.test(line) && line.startsWith('error') : !line || line.startsWith('skipped')) {
        if (f.error) row.handled++;
        else row.ok++;
      } else {
        row.crashes++;
        row.problems.push(`one import: ${f.route}: expected ${f.error ?? 'a post'}, got ${line ?? 'no line'}`);
      }
    });
    const expectedLines = faults.filter((f) => f.error).length;
    if (ran.code !== 1 || lines.filter((l) => l.startsWith('error ')).length !== expectedLines) {
      row.crashes++;
      row.problems.push(`one import: exit ${ran.code}, ${lines.length} lines for ${expectedLines} failing inputs: ${ran.stderr.slice(-300)}`);
    }
  }
  return row;
}

/** `inspect` of each broken compressed body: exit 1 with its one error line. */
async function inspectCompressed(list: Fault[], base: string): Promise<Row> {
  const row = emptyRow('network faults (inspect)');
  const faults = list.filter((f) => f.compressed || f.route === '/gzip');
  const results = await inParallel(faults, 4, async (f) => ({ f, ran: await runCli(['inspect', base + f.route, '--timeout', deadline(f)], { limitMs: 90_000 }) }));
  for (const { f, ran } of results) {
    row.tried++;
    if (!noteEnding(row, ran, `inspect ${f.route}`)) continue;
    if (!f.error && ran.code === 0 && ran.stdout.includes('--- Markdown')) row.ok++;
    else if (f.error && isClearError(ran, base + f.route) && f.error.test(ran.stderr)) row.handled++;
    else {
      row.crashes++;
      row.problems.push(`inspect ${f.route}: expected ${f.error ?? 'a page'}, got exit ${ran.code}: ${ran.stderr.trim().slice(0, 200)}`);
    }
  }
  return row;
}

async function batchAll(list: Fault[], base: string, work: string): Promise<Row> {
  const row = emptyRow('network faults (one batch)');
  const site = path.join(work, 'batch');
  const listFile = path.join(work, 'urls.txt');
  writeFileSync(listFile, list.map((f) => base + f.route).join('\n') + '\n');
  const report = path.join(work, 'report.json');
  const args = ['batch', listFile, '--root', site, '--folder', 'net', '--register', '--timeout', '3', '--retries', '2', '--backoff', '100', '--min-gap', '0', '--per-host', '8', '--report', report];
  const ran = await runCli(args, { limitMs: 120_000 });
  row.tried = list.length;
  if (!noteEnding(row, ran, 'batch')) return row;
  const expectedOk = list.filter((f) => !f.error || f.batch === 'imported').length;
  const summary = existsSync(report) ? (JSON.parse(readFileSync(report, 'utf8')).counts as { imported: number; skipped: number; failed: number }) : undefined;
  // Several routes serve one article: the first imports it, the others find it written.
  const good = summary ? summary.imported + summary.skipped : 0;
  if (ran.code === 1 && summary && good === expectedOk && summary.failed === list.length - expectedOk) {
    row.ok = good;
    row.handled = summary.failed;
  } else {
    row.crashes++;
    row.problems.push(`batch: exit ${ran.code}, report ${JSON.stringify(summary)}, expected ${expectedOk} imported: ${ran.stderr.slice(-400)}`);
  }
  return row;
}

/** A proxy that drops every tunnel: the import ends with a timeout at its deadline, no hang. */
async function brokenProxy(row: Row, base: string, work: string): Promise<void> {
  const input = 'http://news.example.com/through-a-broken-proxy';
  const ran = await runCli(['import', input, '--root', path.join(work, 'proxy'), '--timeout', '3'], { limitMs: 30_000, env: { HTTP_PROXY: base } });
  row.tried++;
  if (!noteEnding(row, ran, 'broken proxy')) return;
  if (isClearError(ran, input) && /timed out/.test(ran.stderr)) row.handled++;
  else {
    row.crashes++;
    row.problems.push(`broken proxy: expected a timeout, got exit ${ran.code}: ${ran.stderr.trim().slice(0, 200)}`);
  }
}
