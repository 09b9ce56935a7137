// A worker thread of validate: checks its share of the files and posts the outcomes back.
import { parentPort, workerData } from 'node:worker_threads';
import { Registry } from '../sources.js';
import { checkAll } from './check-file.js';
import type { PostFile } from './files.js';

interface Job {
  files: PostFile[];
  configFile?: string;
  now: string;
  fix: boolean;
  body: boolean;
}

const job = workerData as Job;
const allowed = Registry.load(job.configFile);
parentPort!.postMessage(await checkAll(job.files, allowed, job.now, job.fix, job.body));
