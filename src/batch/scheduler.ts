// Running batch tasks: a global limit, a per-host limit and a minimum gap between
// requests to one host. Tasks are taken from a look-ahead window of the input stream,
// so a host that is busy or slow never holds back the others.
import { setTimeout as sleep } from 'node:timers/promises';

export interface Limits {
  concurrency: number;
  perHost: number;
  minGapMs: number;
}

export interface Task {
  /** '' for work that touches no host (a feed item). */
  host: string;
  /**
   * The work. It may call `release` when it is done with the network (the page is
   * fetched), so that its slot goes to the next request while it parses and writes.
   */
  run: (release: () => void) => Promise<void>;
}

/** Inputs read ahead of the running ones: enough to find work for an idle host, small enough to stay flat in memory. */
const LOOKAHEAD = 2000;

/** Spaces the requests to each host by at least `gapMs`. */
export class Politeness {
  private nextAt = new Map<string, number>();
  constructor(private readonly gapMs: number) {}

  /** Waits for this host's turn and books it. */
  async turn(host: string): Promise<void> {
    if (this.gapMs <= 0) return;
    const now = Date.now();
    const at = Math.max(now, this.nextAt.get(host) ?? 0);
    this.nextAt.set(host, at + this.gapMs);
    if (this.nextAt.size > 10_000) for (const [h, t] of this.nextAt) if (t < now) this.nextAt.delete(h);
    if (at > now) await sleep(at - now);
  }
}

/** Runs the tasks within the limits; once `stop` aborts, no new task starts and the running ones finish. */
export async function runTasks(source: AsyncIterable<Task>, limits: Limits, stop: AbortSignal): Promise<void> {
  const iterator = source[Symbol.asyncIterator]();
  const stopping = () => stop.aborted;
  // A list that is slow to come (a pipe whose writer waits) does not hold a stop back.
  const stopped = new Promise<IteratorResult<Task>>((resolve) => stop.addEventListener('abort', () => resolve({ done: true, value: undefined }), { once: true }));
  const pending: Task[] = [];
  const active = new Map<string, number>();
  const running = new Set<Promise<void>>();
  let slots = 0;
  let exhausted = false;
  let wake: (() => void) | undefined;
  const wakeUp = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  // Tasks started and not finished: those in their request, and as many again done with it
  // whose work (extraction, writing) waits or runs. Unbounded, pages fetched faster than a
  // worker extracts them piled up in memory with the length of the list (1,000 URLs peaked
  // at 242 MB, 3,000 at 378 MB).
  const maxRunning = 2 * limits.concurrency;
  const room = () => slots < limits.concurrency && running.size < maxRunning;
  const start = (task: Task) => {
    slots++;
    if (task.host) active.set(task.host, (active.get(task.host) ?? 0) + 1);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      slots--;
      if (task.host) {
        const left = (active.get(task.host) ?? 1) - 1;
        if (left) active.set(task.host, left);
        else active.delete(task.host);
      }
      wakeUp();
    };
    const work: Promise<void> = task
      .run(release)
      .catch(() => undefined)
      .finally(() => {
        running.delete(work);
        release();
        wakeUp();
      });
    running.add(work);
  };
  for (;;) {
    if (stopping()) pending.length = 0; // not started: the journal has no record, a rerun takes them
    for (let i = 0; i < pending.length && room(); i++) {
      const task = pending[i];
      if (task.host && (active.get(task.host) ?? 0) >= limits.perHost) continue;
      pending.splice(i--, 1);
      start(task);
    }
    // A free slot and no task that may take it: read further ahead.
    if (!stopping() && !exhausted && room() && pending.length < LOOKAHEAD) {
      const next = await Promise.race([iterator.next(), stopped]);
      if (next.done) exhausted = true;
      else pending.push(next.value);
      continue;
    }
    if (slots > 0 || running.size >= maxRunning) await new Promise<void>((resolve) => (wake = resolve));
    else if (!pending.length) {
      await Promise.all(running); // released slots whose work (parsing, writing) still runs
      // Lets the source close what it reads (not awaited: a read it is blocked in may never end).
      void iterator.return?.().catch(() => undefined);
      return;
    }
  }
}
