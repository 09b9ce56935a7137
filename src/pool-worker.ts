// A worker thread of the pool (pool.ts): one page's bytes in, its article (or why none) out.
// The pipeline is loaded before it says it is ready, so that an input's budget is spent on
// the input alone. It is the bundle's CommonJS build of pipeline.ts (scripts/bundle.mjs),
// compiled from V8's code cache (code-cache.ts): a one-page import spends most of its time
// starting this worker.
import { parentPort, workerData } from 'node:worker_threads';
import { codeCacheDir, loadCommonJs } from './code-cache.js';
import type * as Pipeline from './pipeline.js';

export interface PoolWorkerData {
  /** The CommonJS bundle of pipeline.ts. */
  pipeline: string;
}

const pipeline = loadCommonJs<typeof Pipeline>((workerData as PoolWorkerData).pipeline, codeCacheDir());

parentPort!.on('message', (page: Pipeline.PageBytes) => {
  let answer: { article: Omit<Pipeline.Article, 'extracted'> } | { error: string };
  try {
    // The extraction (a DOM) stays here: the main thread needs the article only.
    const { extracted: _extracted, ...article } = pipeline.exports.importedArticle(page);
    answer = { article };
  } catch (error) {
    answer = { error: error instanceof Error ? error.message : String(error) };
  }
  // Before the answer: the main thread may end this worker as soon as it has it.
  pipeline.save();
  parentPort!.postMessage(answer);
});
parentPort!.postMessage({ ready: true });
