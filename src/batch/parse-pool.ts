// Worker threads for the CPU part of a batch (decode, parse, extract, Markdown).
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Build } from '../commands/import.js';
import type { Article } from '../pipeline.js';

interface Waiting {
  resolve: (article: Article) => void;
  reject: (error: Error) => void;
}

export class ParsePool {
  private readonly workers: { worker: Worker; busy: number }[] = [];
  private readonly waiting = new Map<number, Waiting>();
  private next = 0;

  /** One worker per core but one, at least one: the main thread keeps a core for I/O. */
  constructor(size = Math.max(1, availableParallelism() - 1)) {
    const script = new URL('./parse-worker.js', import.meta.url);
    for (let i = 0; i < size; i++) {
      const worker = new Worker(script);
      const slot = { worker, busy: 0 };
      worker.on('message', (msg: { id: number; article?: Article; error?: string }) => {
        slot.busy--;
        const w = this.waiting.get(msg.id);
        this.waiting.delete(msg.id);
        if (msg.article) w?.resolve(msg.article);
        else w?.reject(new Error(msg.error ?? 'extraction failed'));
      });
      worker.on('error', (error) => {
        for (const w of this.waiting.values()) w.reject(error);
        this.waiting.clear();
      });
      this.workers.push(slot);
    }
  }

  build: Build = ({ bytes, contentType, contentLanguage, url, fetchedAt, zones }) => {
    const slot = this.workers.reduce((a, b) => (b.busy < a.busy ? b : a));
    slot.busy++;
    const id = this.next++;
    return new Promise<Article>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      slot.worker.postMessage({ id, bytes, contentType, contentLanguage, url: url.href, fetchedAt: fetchedAt.getTime(), zones });
    });
  };

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
  }
}
