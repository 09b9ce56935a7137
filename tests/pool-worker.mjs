// A worker for tests/pool.test.ts, in the shape of src/pool-worker.ts: its "page" URL says
// what to do, so that the pool is tried on a worker that hangs, runs out of heap, exits
// or throws, deterministically (and `thread:` names the worker that answers).
import { getHeapSpaceStatistics } from 'node:v8';
import { parentPort, threadId } from 'node:worker_threads';

/** MB of the young generation's semi-spaces after a page's worth of short-lived objects, many times over. */
function youngAfterChurn() {
  let live = [];
  for (let i = 0; i < 400_000; i++) {
    live.push({ i, text: `node ${i}`, children: [] });
    if (live.length > 40_000) live = [];
  }
  return getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size / 1048576;
}

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
  else parentPort.postMessage(what === 'fail' ? { error: arg } : { article: { title: what === 'thread' ? String(threadId) : what === 'young' ? String(youngAfterChurn()) : arg } });
});
parentPort.postMessage({ ready: true });
