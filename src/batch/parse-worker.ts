// A worker thread that turns fetched bytes into a post, so that the batch's main thread
// only moves bytes over the network and onto the disk.
import { parentPort } from 'node:worker_threads';
import { buildPostFromBytes } from '../pipeline.js';

interface Job {
  id: number;
  bytes: Uint8Array;
  contentType?: string;
  url: string;
  fetchedAt: number;
  zone?: string;
}

parentPort!.on('message', (job: Job) => {
  try {
    const { extracted: _extracted, ...post } = buildPostFromBytes(job.bytes, job.contentType, new URL(job.url), new Date(job.fetchedAt), { zone: job.zone });
    parentPort!.postMessage({ id: job.id, post });
  } catch (error) {
    parentPort!.postMessage({ id: job.id, error: (error as Error).message });
  }
});
