// `pressclip validate [paths or globs]...`: every post's front matter against the schema,
// links across files, and --fix for the mechanical repairs. Large trees are split over
// worker threads, one per core.
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { checkFile, type FileOutcome } from '../validate/check-file.js';
import { findConfig, loadAllowed } from '../validate/config.js';
import { findPosts, MissingPathError } from '../validate/files.js';
import type { FileResult, Report } from '../validate/report.js';
import { diagnostic, siteNow } from '../validate/rules.js';

export interface ValidateOptions {
  fix: boolean;
  config?: string;
  /** The body rules too (default), or the front matter alone. */
  body?: boolean;
}

/** Below this many files, starting threads costs more than it saves. */
const FILES_PER_WORKER = 2000;

type Outcome = FileOutcome | { error: string };

function inWorkers(files: string[], workers: number, configFile: string | undefined, now: string, fix: boolean, body: boolean): Promise<Outcome[]> {
  const size = Math.ceil(files.length / workers);
  const chunks = Array.from({ length: workers }, (_, i) => files.slice(i * size, (i + 1) * size));
  const script = new URL('../validate/worker.js', import.meta.url);
  return Promise.all(
    chunks.map(
      (chunk) =>
        new Promise<Outcome[]>((resolve, reject) => {
          const worker = new Worker(script, { workerData: { files: chunk, configFile, now, fix, body } });
          worker.once('message', resolve);
          worker.once('error', reject);
        }),
    ),
  ).then((parts) => parts.flat());
}

export async function validatePosts(args: readonly string[], options: ValidateOptions): Promise<Report> {
  const files = findPosts(args.length ? args : ['content']);
  const configFile = options.config ?? findConfig(process.cwd());
  const allowed = loadAllowed(configFile);
  const now = siteNow();
  const body = options.body ?? true;
  const workers = Math.min(availableParallelism(), Math.floor(files.length / FILES_PER_WORKER));
  const outcomes: Outcome[] =
    workers > 1 && import.meta.url.endsWith('.js')
      ? await inWorkers(files, workers, configFile, now, options.fix, body)
      : files.map((file) => {
          try {
            return checkFile(file, allowed, now, options.fix, body);
          } catch (error) {
            return { error: `${file}: ${(error as Error).message}` };
          }
        });
  const links = new Map<string, string>();
  const results: FileResult[] = [];
  let filesFixed = 0;
  files.forEach((file, i) => {
    const outcome = outcomes[i];
    if ('error' in outcome) throw new MissingPathError(outcome.error); // unreadable: an I/O error, exit 2
    const shown = path.relative(process.cwd(), file) || file;
    if (outcome.fixed) filesFixed++;
    if (outcome.link) {
      const first = links.get(outcome.link.key);
      if (first) outcome.diagnostics.push(diagnostic('duplicate-link', `the same article as ${first} (${outcome.link.url})`, outcome.link.line, 1));
      else links.set(outcome.link.key, shown);
    }
    results.push({ file: shown, diagnostics: outcome.diagnostics });
  });
  return { results, filesChecked: files.length, filesFixed };
}
