// Worker threads for the CPU stages of `import` and `batch` (decode, parse, extract,
// Markdown): the main thread only moves bytes over the network, files articles by the
// registry and writes posts, and a page that would take too long or too much memory
// costs its own input only. A worker that overruns its budget, runs out of heap or dies
// is terminated and replaced.
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import type { Article, PageBytes } from './pipeline.js';
import { startWorker, takeEarly, WORKER_HEAP_MB, type WorkerMessage } from './pool-start.js';

/** Bytes to an article (unfiled): in a worker of the pool, or in this thread. */
export type Build = (page: PageBytes) => Promise<Article>;

/** In this thread: the pipeline (HTML parser, Markdown converter) is loaded on first use. */
export const buildHere: Build = async (page) => (await import('./pipeline.js')).importedArticle(page);

export interface Builder {
  build: Build;
  close(): Promise<void>;
}


/**
 * The bundle's worker (dist/bundle, scripts/bundle.mjs): CommonJS, which a worker starts
 * sooner than an ES module.
 */
const WORKER_SCRIPT = fileURLToPath(new URL('./pool-worker.cjs', import.meta.url));

interface Task {
  page: PageBytes;
  resolve: (article: Article) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  task?: Task;
  timer?: NodeJS.Timeout;
}

export class BuildPool implements Builder {
  private readonly slots = new Set<Slot>();
  private readonly queue: Task[] = [];
  private closed = false;
  /** Why no worker could start (a broken install): every input fails with it. */
  private broken?: string;

  private readonly budgetMs: number;
  private readonly heapMb: number;
  private readonly script: string;

  constructor(options: {
    size: number;
    /** The longest one input may take in its worker. */
    budgetMs: number;
    heapMb?: number;
    /** The worker's module (tests give one of their own). */
    script?: URL;
  }) {
    this.budgetMs = options.budgetMs;
    this.heapMb = options.heapMb ?? WORKER_HEAP_MB;
    this.script = options.script ? fileURLToPath(options.script) : WORKER_SCRIPT;
    for (let i = 0; i < options.size; i++) this.spawn();
  }

  build: Build = (page) =>
    new Promise<Article>((resolve, reject) => {
      if (this.broken) return reject(new Error(this.broken));
      this.queue.push({ page, resolve, reject });
      this.dispatch();
    });

  async close(): Promise<void> {
    this.closed = true;
    const workers = [...this.slots].map((s) => s.worker);
    this.slots.clear();
    for (const task of this.queue.splice(0)) task.reject(new Error('stopped before extraction'));
    await Promise.all(workers.map((w) => w.terminate()));
  }

  private spawn(): void {
    const taken = takeEarly(this.script, this.heapMb);
    const worker = taken?.worker ?? startWorker(this.script, this.heapMb);
    const slot: Slot = { worker, ready: taken?.ready ?? false };
    this.slots.add(slot);
    worker.on('message', (msg: WorkerMessage) => {
      if (!this.slots.has(slot)) return; // an answer that came after its budget ran out
      if (msg.ready) slot.ready = true;
      else {
        const task = slot.task!;
        clearTimeout(slot.timer);
        slot.task = undefined;
        if (msg.article) task.resolve(msg.article);
        else task.reject(new Error(msg.error ?? 'extraction failed'));
      }
      this.dispatch();
    });
    worker.on('error', (error: NodeJS.ErrnoException) => {
      this.lose(slot, error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? `page needs more than ${this.heapMb} MB to parse` : `the extraction worker failed: ${error.message}`);
    });
    worker.on('exit', (code) => this.lose(slot, `the extraction worker stopped (exit code ${code})`));
  }

  /** A worker is gone: its input fails with `reason`, and another takes its place. */
  private lose(slot: Slot, reason: string): void {
    if (!this.slots.delete(slot)) return; // already replaced (an error is followed by an exit)
    clearTimeout(slot.timer);
    slot.task?.reject(new Error(reason));
    if (this.closed) return;
    if (!slot.ready) {
      // It died loading its modules: another would too.
      this.broken = `cannot start an extraction worker: ${reason}`;
      for (const task of this.queue.splice(0)) task.reject(new Error(this.broken));
      return;
    }
    this.spawn();
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (!this.queue.length) return;
      if (!slot.ready || slot.task) continue;
      const task = this.queue.shift()!;
      slot.task = task;
      slot.timer = setTimeout(() => {
        this.lose(slot, `took longer than ${formatSeconds(this.budgetMs)} s to extract`);
        void slot.worker.terminate();
      }, this.budgetMs);
      slot.worker.postMessage(task.page);
    }
  }
}

const formatSeconds = (ms: number) => String(Number((ms / 1000).toFixed(3)));

/**
 * The pool when running compiled (its worker is pool-worker.cjs beside it, in dist/bundle); the TypeScript
 * sources, run in-process by tests, build in this thread.
 */
export function startBuilder(size: number, budgetMs: number): Builder {
  if (import.meta.url.endsWith('.js')) return new BuildPool({ size, budgetMs });
  return { build: buildHere, close: async () => undefined };
}
