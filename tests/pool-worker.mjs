// A worker for tests/pool.test.ts, in the shape of src/pool-worker.ts: its "page" URL says
// what to do, so that the pool is tried on a worker that hangs, runs out of heap, exits
// or throws, deterministically (and `thread:` names the worker that answers).
import { parentPort, threadId } from 'node:worker_threads';

parentPort.on('message', (page) => {
  const [what, arg] = page.url.split(':');
  if (what === 'spin') for (;;);
  if (what === 'grow') {
    const held = [];
    for (;;) held.push(new Array(1e5).fill(held.length));
  }
  if (what === 'exit') process.exit(Number(arg));
  if (what === 'throw') setImmediate(() => {
    throw new Error(arg);
  });
  else parentPort.postMessage(what === 'fail' ? { error: arg } : { article: { title: what === 'thread' ? String(threadId) : arg } });
});
parentPort.postMessage({ ready: true });
