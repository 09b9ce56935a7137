// Checking the files on more than one thread, only where that pays. The files are cut into
// chunks that every thread claims one at a time from a shared counter, the main thread too:
// a worker that gets little CPU (a loaded machine) simply claims fewer, and a worker that
// never starts costs nothing. Each thread compiles the rules for itself, so a second one
// pays only beside a core left to V8's compiler: on two cores one thread is faster. A
// worker is started only when the main thread's first chunk shows enough work left to repay
// its start-up, and only as many as --jobs allows (by default one per core but one).
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { defaultJobs } from '../cores.js';
import type { Allowed } from '../sources.js';
import { checkAll, lostCheck, type FileOutcome } from './check-file.js';
import type { PostFile } from './files.js';

/** Files a thread claims at a time: small enough to share the end of the run, large enough that claims cost nothing. */
export const CHUNK = 256;
/** The work left (ms of one thread) below which a worker's start-up (loading its modules, tens of ms) is not repaid. */
const WORKER_WORTH_MS = 300;

export interface Job {
  configFile?: string;
  now: string;
  fix: boolean;
  body: boolean;
}

/** What a worker is given: the files (as JSON: one string is cloned at once), the job, the shared counter and its start flag. */
export interface WorkerData extends Job {
  files: string;
  /** Int32Array: [next chunk to claim]. */
  next: SharedArrayBuffer;
  /** Int32Array: per worker, the chunk it holds, IDLE, or NOT_STARTED until just before its first claim. */
  held: SharedArrayBuffer;
  slot: number;
}

export const IDLE = -1;
export const NOT_STARTED = -2;

/**
 * A chunk's outcomes, posted by a worker as JSON (FileOutcome[]): one string is cloned at
 * once, and JSON.parse rebuilds a chunk's diagnostics in a fraction of the time the
 * structured clone's reader takes over the objects (the main thread's time, which the
 * workers wait for at the end of the run).
 */
export interface ChunkDone {
  chunk: number;
  outcomes: string;
}

/** Every file's outcome, in the files' order, on `threads` threads at most (default: one per core but one, cores.ts). */
export async function checkFiles(files: readonly PostFile[], allowed: Allowed, job: Job, threads = defaultJobs()): Promise<FileOutcome[]> {
  const chunks = Math.ceil(files.length / CHUNK);
  // Workers run the compiled modules: from the TypeScript sources (tests), one thread.
  if (threads < 2 || chunks < 2 || !import.meta.url.endsWith('.js')) return checkAll(files, allowed, job.now, job.fix, job.body);
  const outcomes: (FileOutcome | undefined)[] = new Array(files.length);
  const next = new Int32Array(new SharedArrayBuffer(4));
  const held = new Int32Array(new SharedArrayBuffer(4 * (threads - 1))).fill(NOT_STARTED);
  const workers: Promise<void>[] = [];
  const terminate: (() => void)[] = [];
  for (let c = Atomics.add(next, 0, 1), first = true; c < chunks; c = Atomics.add(next, 0, 1), first = false) {
    const from = c * CHUNK;
    const began = performance.now();
    (await checkAll(files.slice(from, from + CHUNK), allowed, job.now, job.fix, job.body)).forEach((o, k) => (outcomes[from + k] = o));
    if (first && (performance.now() - began) * (chunks - 1) > WORKER_WORTH_MS) {
      const data = { ...job, files: JSON.stringify(files), next: next.buffer as SharedArrayBuffer, held: held.buffer as SharedArrayBuffer };
      for (let slot = 0; slot < threads - 1; slot++) {
        const worker = new Worker(new URL('./worker.js', import.meta.url), { workerData: { ...data, slot } satisfies WorkerData });
        workers.push(watch(worker, () => Atomics.load(held, slot), outcomes));
        terminate.push(() => void (Atomics.load(held, slot) === NOT_STARTED && worker.terminate()));
      }
    }
  }
  // Every chunk is claimed: a worker still starting up would claim none, and is stopped.
  for (const stop of terminate) stop();
  await Promise.all(workers);
  return Array.from(outcomes, (o) => o ?? lostCheck('its checking thread stopped before it'));
}

/** Collects a worker's chunks; a worker that dies (out of memory...) loses the chunk it held, not the run. */
function watch(worker: Worker, holding: () => number, outcomes: (FileOutcome | undefined)[]): Promise<void> {
  return new Promise((resolve) => {
    let failure: string | undefined;
    worker.on('message', ({ chunk, outcomes: done }: ChunkDone) => (JSON.parse(done) as FileOutcome[]).forEach((o, k) => (outcomes[chunk * CHUNK + k] = o)));
    worker.once('error', (error) => (failure = error.message));
    worker.once('exit', (code) => {
      const chunk = holding();
      if (chunk >= 0) for (let i = chunk * CHUNK; i < Math.min(outcomes.length, (chunk + 1) * CHUNK); i++) outcomes[i] ??= lostCheck(failure ?? `its checking thread ended (exit ${code})`);
      resolve();
    });
  });
}
