// A worker thread of the pool (pool.ts): one page's bytes in, its article (or why none) out.
// The modules are loaded before it says it is ready, so that an input's budget is spent
// on the input alone.
import { parentPort } from 'node:worker_threads';
import { importedArticle, type PageBytes } from './pipeline.js';

parentPort!.on('message', (page: PageBytes) => {
  try {
    // The extraction (a DOM) stays here: the main thread needs the article only.
    const { extracted: _extracted, ...article } = importedArticle(page);
    parentPort!.postMessage({ article });
  } catch (error) {
    parentPort!.postMessage({ error: error instanceof Error ? error.message : String(error) });
  }
});
parentPort!.postMessage({ ready: true });
