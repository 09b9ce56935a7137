// Starting the pool's workers (pool.ts), the first of them before the pool exists. In the
// bundle this module is CommonJS (scripts/bundle.mjs), which bin/pressclip.cjs requires at
// its first line for `import`, before Node's ES module loader has started, and which the
// pool's ES module imports: Node gives both the same instance, which hands the worker over.
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Article } from './pipeline.js';
import type { PoolWorkerData } from './pool-worker.js';

/**
 * The heap of one worker. A page at the parser's element cap (parse.ts: MAX_ELEMENTS)
 * needs about 150 MB at its peak; with the main thread, one worker stays under 500 MB
 * of resident memory.
 */
export const WORKER_HEAP_MB = 256;

/**
 * The worker's young generation (three times V8's semi-space): 24 MB, semi-spaces of 8 MB,
 * half of V8's default. A page's parse tree and extraction live for that page only, yet
 * under the default a worker grows its semi-spaces to 16 MB once some hundred pages have
 * passed: `import` of 500 saved pages peaked at 125 MB against 95 MB for 50, the same
 * work (README, Benchmark). Halved, 500 pages peak at 109 MB for the same CPU; a quarter
 * of the default (4 MB) cost mixed pages half as much CPU again in collections.
 */
export const WORKER_YOUNG_MB = 24;

export type WorkerMessage = { ready?: true; article?: Article; error?: string };

/** A worker of `script` (a file), given the bundle's pipeline beside it (pool-worker.ts). */
export function startWorker(script: string, heapMb: number): Worker {
  const workerData: PoolWorkerData = { pipeline: path.join(path.dirname(script), 'pipeline.cjs') };
  return new Worker(script, { workerData, resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: WORKER_YOUNG_MB } });
}

/** A worker started before its pool, and what it said until the pool took it. */
export interface Early {
  worker: Worker;
  script: string;
  ready: boolean;
  gone: boolean;
  /** Removes the listeners that kept the above (not all: the Worker has listeners of its own). */
  release(): void;
}
let early: Early | undefined;

/**
 * Starts the first worker now, before the command line is loaded: a worker takes about as
 * long to start as the main thread takes to load and to read its arguments, and the two
 * then overlap on a second core. The command's pool takes it; a run that ends without
 * one (--help, a usage error) does not wait for it.
 */
export function startEarly(script: string): Worker {
  const worker = startWorker(script, WORKER_HEAP_MB);
  const said = (msg: WorkerMessage) => (started.ready ||= Boolean(msg.ready));
  const gone = () => (started.gone = true);
  const started: Early = { worker, script, ready: false, gone: false, release: () => worker.off('message', said).off('error', gone).off('exit', gone) };
  worker.on('message', said).on('error', gone).on('exit', gone).unref();
  early = started;
  return worker;
}

/** The worker startEarly started, for a pool of such workers, unless it is gone. */
export function takeEarly(script: string, heapMb: number): Early | undefined {
  const taken = early;
  early = undefined;
  if (!taken || taken.gone || taken.script !== script || heapMb !== WORKER_HEAP_MB) {
    void taken?.worker.terminate();
    return undefined;
  }
  taken.release();
  taken.worker.ref();
  return taken;
}
