// What every reliability category shares: running the real command line in a child
// process with a time limit, reading how it ended, and the row it adds to the table.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { IncomingMessage, Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root, from dist/reliability/ or from reliability/ (vitest runs the TypeScript). */
export const ROOT = (() => {
  const here = path.dirname(fileURLToPath(import.meta.url));
  return path.basename(path.dirname(here)) === 'dist' ? path.resolve(here, '../..') : path.resolve(here, '..');
})();

export interface Row {
  category: string;
  /** Inputs (or generated cases) tried. */
  tried: number;
  /** Ended well: a post, or the expected result. */
  ok: number;
  /** Ended with one clear error line and a non-zero exit, nothing written. */
  handled: number;
  /** An uncaught exception, a stack trace, a signal, an unexpected exit code or message. */
  crashes: number;
  /** Still running at the time limit. */
  hangs: number;
  /** A file left half-written, a wrong post, a post that does not read back. */
  damaged: number;
  /** A file written, changed or made outside the site's root (through a link, a path). */
  outsideRoot: number;
  /** Peak resident memory of the worst child process, MB. */
  peakMb: number;
  /** One line per problem, for the report. */
  problems: string[];
}

export const emptyRow = (category: string): Row => ({ category, tried: 0, ok: 0, handled: 0, crashes: 0, hangs: 0, damaged: 0, outsideRoot: 0, peakMb: 0, problems: [] });

export interface Ran {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  /** Peak RSS of the child in MB (from its own rusage), when it exited by itself. */
  peakMb: number;
  /** CPU time of the child, all threads, ms (0 when it was killed): unlike `ms`, what other processes do does not count. */
  cpuMs: number;
  ms: number;
}

const CHILD = path.join(ROOT, 'dist/reliability/child.js');

/**
 * When a child that has no deadline of its own is called hung. Far above any run seen
 * (seconds), since a busy 2-core machine is 5x slower: only a real hang reaches it.
 */
const HANG_MS = 300_000;

/** The environment for a child pressclip: no colour, and none of the runner's proxies. */
export const cleanEnv = () => {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env.FORCE_COLOR; // it overrules NO_COLOR, as in Node
  for (const key of Object.keys(env)) if (/^(https?|all|no)_proxy$/i.test(key)) delete env[key];
  return env;
};

/**
 * Runs `pressclip <args>` through a thin wrapper that reports the child's peak memory,
 * killed with SIGKILL when it outlives `limitMs`. `onSpawn` gets the child (to kill it at
 * a chosen moment, for the crash tests).
 */
export function runCli(args: string[], options: { cwd?: string; limitMs?: number; env?: NodeJS.ProcessEnv; onSpawn?: (kill: () => void) => void; fd3?: string; stdin?: string; fileSizeLimit?: number } = {}): Promise<Ran> {
  const dir = mkdtempSync(path.join(tmpdir(), 'pressclip-rss-'));
  const rssFile = path.join(dir, 'rss');
  const started = Date.now();
  return new Promise((resolve) => {
    const argv = [CHILD, rssFile, ...args];
    // A file-size limit (RLIMIT_FSIZE, as `ulimit -f` sets it) is set by prlimit(1) on the child.
    const node = options.fileSizeLimit === undefined ? [process.execPath] : ['prlimit', `--fsize=${options.fileSizeLimit}`, process.execPath];
    // `fd3`: text the child reads from /dev/fd/3, a pipe made by bash's <(cat) (Node's own
    // stdio pipes are sockets, which /dev/fd cannot open).
    const [command, commandArgs] = options.fd3 === undefined ? [node[0], [...node.slice(1), ...argv]] : ['bash', ['-c', 'exec "$0" "$@" 3< <(cat) < /dev/null', ...node, ...argv]];
    const child = spawn(command, commandArgs, { cwd: options.cwd ?? ROOT, env: { ...cleanEnv(), ...options.env }, stdio: ['pipe', 'pipe', 'pipe'] });
    child.stdin.on('error', () => undefined).end(options.fd3 ?? options.stdin ?? '');
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d.length + stdout.length > 1e6 ? '' : d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d.length + stderr.length > 1e6 ? '' : d));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.limitMs ?? HANG_MS);
    options.onSpawn?.(() => child.kill('SIGKILL'));
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      let peakMb = 0;
      let cpuMs = 0;
      try {
        const [rssKb, cpuMicros] = readFileSync(rssFile, 'utf8').split(' ').map(Number);
        [peakMb, cpuMs] = [rssKb / 1024, cpuMicros / 1000];
      } catch {
        // killed before it could say
      }
      rmSync(dir, { recursive: true, force: true });
      resolve({ code, signal, stdout, stderr, timedOut, peakMb, cpuMs, ms: Date.now() - started });
    });
  });
}

/**
 * Makes `server` also an HTTP proxy that tunnels every CONNECT back to itself, so that a
 * request for any host (news.example.com) reaches its routes through the real HTTP_PROXY path.
 */
export function tunnelToSelf(server: Server, host: string, port: number): void {
  server.on('connect', (_req: IncomingMessage, client: Socket, head: Buffer) => {
    const upstream = connect(port, host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client).pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
}

/** What a clean refusal looks like: exit 1, and each stderr line one message naming the input. */
export function isClearError(ran: Ran, input: string): boolean {
  const lines = ran.stderr.trim().split('\n');
  return ran.code === 1 && lines.length === 1 && lines[0].startsWith(`error ${input}: `) && !/\n\s+at /.test(ran.stderr);
}

/** Adds a child's ending to a row: a hang or a crash, or nothing when it ended by itself. */
export function noteEnding(row: Row, ran: Ran, label: string, codes: readonly number[] = [0, 1]): boolean {
  row.peakMb = Math.max(row.peakMb, Math.round(ran.peakMb));
  if (ran.timedOut) {
    row.hangs++;
    row.problems.push(`hang: ${label} (killed after ${ran.ms} ms)`);
    return false;
  }
  if (ran.signal || ran.code === null || !codes.includes(ran.code) || /\n\s+at |RangeError|TypeError|heap out of memory/.test(ran.stderr)) {
    row.crashes++;
    row.problems.push(`crash: ${label} (exit ${ran.code ?? ran.signal}): ${ran.stderr.trim().split('\n').slice(0, 3).join(' | ')}`);
    return false;
  }
  return true;
}

/** Runs tasks `width` at a time, keeping their order in the results. */
export async function inParallel<T, R>(items: T[], width: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await task(items[i]);
      }
    }),
  );
  return out;
}

/** A small seeded generator, so that a failing case can be run again. */
export function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function renderTable(rows: Row[]): string {
  const head = ['category', 'tried', 'ok', 'failures handled', 'crashes', 'hangs', 'files damaged', 'outside root', 'peak MB'];
  const body = rows.map((r) => [r.category, r.tried, r.ok, r.handled, r.crashes, r.hangs, r.damaged, r.outsideRoot, r.peakMb || '-'].map(String));
  const total = ['total', ...[1, 2, 3, 4, 5, 6, 7].map((i) => String(body.reduce((n, r) => n + (Number(r[i]) || 0), 0))), String(Math.max(...rows.map((r) => r.peakMb)))];
  const all = [head, ...body, total];
  const widths = head.map((_, i) => Math.max(...all.map((r) => r[i].length)));
  const line = (r: string[]) => `| ${r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  return [line(head), `|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : '-'.repeat(w + 1) + ':')).join('|')}|`, ...body.map(line), line(total)].join('\n');
}
