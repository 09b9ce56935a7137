// The batch scheduler's bounds: requests at once (global and per host), and the work left
// after a request (a page waiting for its worker), so that memory does not grow with the list.
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { runTasks, type Task } from '../src/batch/scheduler.js';

async function* tasksOf(tasks: Task[]): AsyncGenerator<Task> {
  yield* tasks;
}

describe('runTasks', () => {
  it('lets work go on past a released request, but never more than twice the concurrency of tasks at once', async () => {
    let inRequest = 0;
    let started = 0;
    let finished = 0;
    let mostStarted = 0;
    let mostInRequest = 0;
    const tasks: Task[] = Array.from({ length: 60 }, (_, i) => ({
      host: `host${i % 6}`,
      run: async (release) => {
        started++;
        inRequest++;
        mostStarted = Math.max(mostStarted, started - finished);
        mostInRequest = Math.max(mostInRequest, inRequest);
        await sleep(1);
        inRequest--;
        release();
        // The extraction of a page, slower than its request: the backlog a list would pile up.
        await sleep(10);
        finished++;
      },
    }));
    await runTasks(tasksOf(tasks), { concurrency: 4, perHost: 2, minGapMs: 0 }, new AbortController().signal);
    expect(finished).toBe(60);
    expect(mostInRequest).toBeLessThanOrEqual(4);
    expect(mostStarted).toBeGreaterThan(4);
    expect(mostStarted).toBeLessThanOrEqual(8);
  });
});
