// A worker thread of validate (pool.ts): claims chunks of the files from the shared counter
// until none is left, and posts each chunk's outcomes back.
import { parentPort, workerData } from 'node:worker_threads';
import { Registry } from '../sources.js';
import { checkAll } from './check-file.js';
import type { PostFile } from './files.js';
import { CHUNK, IDLE, type ChunkDone, type WorkerData } from './pool.js';

const job = workerData as WorkerData;
const files = JSON.parse(job.files) as PostFile[];
const next = new Int32Array(job.next);
const held = new Int32Array(job.held);
const allowed = Registry.load(job.configFile);
// Started: from here on the main thread waits for this worker instead of stopping it.
Atomics.store(held, job.slot, IDLE);
for (let chunk = Atomics.add(next, 0, 1); chunk * CHUNK < files.length; chunk = Atomics.add(next, 0, 1)) {
  Atomics.store(held, job.slot, chunk);
  const outcomes = await checkAll(files.slice(chunk * CHUNK, (chunk + 1) * CHUNK), allowed, job.now, job.fix, job.body);
  parentPort!.postMessage({ chunk, outcomes: JSON.stringify(outcomes) } satisfies ChunkDone);
  Atomics.store(held, job.slot, IDLE);
}
