// A worker thread of validate: checks its share of the files and posts the outcomes back.
import { parentPort, workerData } from 'node:worker_threads';
import { checkFile, type FileOutcome } from './check-file.js';
import { loadAllowed } from './config.js';

interface Job {
  files: string[];
  configFile?: string;
  now: string;
  fix: boolean;
  body: boolean;
}

const job = workerData as Job;
const allowed = loadAllowed(job.configFile);
const outcomes: (FileOutcome | { error: string })[] = job.files.map((file) => {
  try {
    return checkFile(file, allowed, job.now, job.fix, job.body);
  } catch (error) {
    return { error: `${file}: ${(error as Error).message}` };
  }
});
parentPort!.postMessage(outcomes);
