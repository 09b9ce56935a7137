// The worker pool of import and batch (src/pool.ts, built: its workers are dist/ modules):
// a worker that overruns its budget, runs out of heap, exits or throws costs its own
// input only, and the inputs after it are built by its replacement.
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { BuildPool } from '../dist/src/pool.js';
import { startEarly, WORKER_HEAP_MB, WORKER_YOUNG_MB } from '../dist/src/pool-start.js';

const page = (url: string) => ({ bytes: new Uint8Array(0), contentType: undefined, url, fetchedAt: 0 });

describe('the build pool', () => {
  it('fails only the input whose worker hangs, runs out of memory, exits or throws, and goes on', async () => {
    const pool = new BuildPool({ size: 1, budgetMs: 1500, heapMb: 32, script: new URL('./pool-worker.mjs', import.meta.url) });
    try {
      const inputs = ['spin:', 'ok:1', 'grow:', 'ok:2', 'exit:3', 'ok:3', 'throw:boom', 'ok:4', 'fail:not an article', 'ok:5'];
      const settled = await Promise.allSettled(inputs.map((url) => pool.build(page(url))));
      const got = settled.map((s) => (s.status === 'fulfilled' ? s.value.title : (s.reason as Error).message));
      expect(got).toEqual([
        'took longer than 1.5 s to extract',
        '1',
        'page needs more than 32 MB to parse',
        '2',
        'the extraction worker stopped (exit code 3)',
        '3',
        'the extraction worker failed: boom',
        '4',
        'not an article',
        '5',
      ]);
    } finally {
      await pool.close();
    }
  });

  it('runs inputs on every worker at once, and fails every input when no worker can start', async () => {
    const pool = new BuildPool({ size: 2, budgetMs: 60_000, script: new URL('./pool-worker.mjs', import.meta.url) });
    const results = await Promise.all(['ok:a', 'ok:b', 'ok:c'].map((url) => pool.build(page(url))));
    expect(results.map((r) => r.title)).toEqual(['a', 'b', 'c']);
    await pool.close();
    const broken = new BuildPool({ size: 1, budgetMs: 60_000, script: new URL('./no-such-worker.mjs', import.meta.url) });
    await expect(broken.build(page('ok:x'))).rejects.toThrow(/cannot start an extraction worker/);
    await expect(broken.build(page('ok:y'))).rejects.toThrow(/cannot start an extraction worker/);
    await broken.close();
  });

  it('takes the worker started before it (bin/pressclip.cjs), ready or not, and only one of its own kind', async () => {
    const script = new URL('./pool-worker.mjs', import.meta.url);
    const exited = (worker: Worker) => new Promise((resolve) => worker.once('exit', resolve));
    for (const wait of [0, 500]) {
      const early = startEarly(fileURLToPath(script));
      await new Promise((resolve) => setTimeout(resolve, wait));
      const pool = new BuildPool({ size: 1, budgetMs: 60_000, script });
      expect((await pool.build(page('thread:'))).title).toBe(String(early.threadId));
      await pool.close();
    }
    // Another worker script or heap: the early worker is ended, the pool starts its own.
    const early = startEarly(fileURLToPath(script));
    const pool = new BuildPool({ size: 1, budgetMs: 60_000, script, heapMb: WORKER_HEAP_MB / 2 });
    await exited(early);
    expect((await pool.build(page('thread:'))).title).not.toBe(String(early.threadId));
    await pool.close();
    // One that died before its pool came: the pool starts its own (which dies alike here).
    const missing = new URL('./no-such-worker.mjs', import.meta.url);
    await exited(startEarly(fileURLToPath(missing)));
    const broken = new BuildPool({ size: 1, budgetMs: 60_000, script: missing });
    await expect(broken.build(page('ok:x'))).rejects.toThrow(/cannot start an extraction worker/);
    await broken.close();
  });

  it("keeps a worker's young generation within its cap however many pages pass (memory flat in the inputs)", async () => {
    const pool = new BuildPool({ size: 1, budgetMs: 60_000, script: new URL('./pool-worker.mjs', import.meta.url) });
    try {
      // V8's default would let the semi-spaces grow to 32 MB under this churn.
      const semiSpacesMb = Number((await pool.build(page('young:'))).title);
      expect(semiSpacesMb).toBeGreaterThan(0);
      expect(semiSpacesMb).toBeLessThanOrEqual((WORKER_YOUNG_MB * 2) / 3);
    } finally {
      await pool.close();
    }
  });
});
