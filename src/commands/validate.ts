// `pressclip validate [paths or globs]...`: every post's front matter against the schema,
// links across files, and --fix for the mechanical repairs. Large trees are split over
// worker threads, one per core.
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { findConfig } from '../config.js';
import { Registry } from '../sources.js';
import { checkAll, lostCheck, type FileOutcome } from '../validate/check-file.js';
import { findPosts, type PostFile } from '../validate/files.js';
import type { FileResult, Report } from '../validate/report.js';
import { BODY_RULES } from '../validate/body-rules.js';
import { diagnostic, RULES, siteNow } from '../validate/rules.js';

export interface ValidateOptions {
  fix: boolean;
  config?: string;
  /** The body rules too (default), or the front matter alone. */
  body?: boolean;
}

/** Below this many files, starting threads costs more than it saves. */
const FILES_PER_WORKER = 2000;

function inWorkers(files: PostFile[], workers: number, configFile: string | undefined, now: string, fix: boolean, body: boolean): Promise<FileOutcome[]> {
  const size = Math.ceil(files.length / workers);
  const chunks = Array.from({ length: workers }, (_, i) => files.slice(i * size, (i + 1) * size));
  const script = new URL('../validate/worker.js', import.meta.url);
  return Promise.all(
    chunks.map(
      (chunk) =>
        new Promise<FileOutcome[]>((resolve) => {
          const worker = new Worker(script, { workerData: { files: chunk, configFile, now, fix, body } });
          // A thread that dies (out of memory...) loses its share's checks, not the run.
          const lost = (why: string) => resolve(chunk.map(() => lostCheck(why)));
          worker.once('message', resolve);
          worker.once('error', (error) => lost(error.message));
          worker.once('exit', (code) => lost(`its checking thread ended (exit ${code})`));
        }),
    ),
  ).then((parts) => parts.flat());
}

export async function validatePosts(args: readonly string[], options: ValidateOptions): Promise<Report> {
  // The site's config: from the first folder checked upwards (its site root), else from here.
  const first = args.find((a) => !/[*?[{!]/.test(a)) ?? 'content';
  const configFile = options.config ?? findConfig(path.resolve(first)) ?? findConfig(process.cwd());
  const allowed = Registry.load(configFile);
  // The config's ignores are relative to its folder, as ESLint's are.
  const ignores = allowed.config.ignores && configFile ? { patterns: allowed.config.ignores, base: path.dirname(path.resolve(configFile)) } : undefined;
  const files = findPosts(args, ignores);
  const now = siteNow();
  const body = options.body ?? true;
  const workers = Math.min(availableParallelism(), Math.floor(files.length / FILES_PER_WORKER));
  const outcomes =
    workers > 1 && import.meta.url.endsWith('.js') ? await inWorkers(files, workers, configFile, now, options.fix, body) : await checkAll(files, allowed, now, options.fix, body);
  const links = new Map<string, string>();
  const results: FileResult[] = [];
  let filesFixed = 0;
  files.forEach(({ file }, i) => {
    const outcome = outcomes[i];
    const shown = path.relative(process.cwd(), file) || file;
    if (outcome.fixed) filesFixed++;
    if (outcome.link) {
      const first = links.get(outcome.link.key);
      if (first) outcome.diagnostics.push(diagnostic('duplicate-link', `the same article as ${first} (${outcome.link.url})`, outcome.link.line, 1));
      else links.set(outcome.link.key, shown);
    }
    results.push({ file: shown, path: file, diagnostics: outcome.diagnostics });
  });
  const rules = Object.keys(RULES).filter((rule) => body || !(rule in BODY_RULES));
  return { results, filesChecked: files.length, filesFixed, rules };
}
