// A worker thread that turns fetched bytes into an article, so that the batch's main thread
// only moves bytes over the network and onto the disk (and files articles by the registry).
import { parentPort } from 'node:worker_threads';
import type { KnownZones } from '../extract/index.js';
import { buildArticleFromBytes } from '../pipeline.js';

interface Job {
  id: number;
  bytes: Uint8Array;
  contentType?: string;
  contentLanguage?: string;
  url: string;
  fetchedAt: number;
  zones?: KnownZones;
}

parentPort!.on('message', (job: Job) => {
  try {
    const { extracted: _extracted, ...article } = buildArticleFromBytes(job.bytes, job, new URL(job.url), new Date(job.fetchedAt), { zones: job.zones });
    parentPort!.postMessage({ id: job.id, article });
  } catch (error) {
    parentPort!.postMessage({ id: job.id, error: (error as Error).message });
  }
});
