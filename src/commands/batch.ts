// `pressclip batch <list>...`: many inputs, concurrently and politely, resumable from a
// journal, with progress and a report. Each URL goes through importOne, as with `import`.
import { createHash } from 'node:crypto';
import { accessSync, constants, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { readInputs, countInputs, type BatchInput } from '../batch/inputs.js';
import { cannotWrite, DONE, Journal, makeDirsSync, OutputError } from '../batch/journal.js';
import { Progress, type Counts } from '../batch/progress.js';
import { politeFetcher, type RetryPolicy } from '../batch/retry.js';
import { Politeness, runTasks, type Limits, type Task } from '../batch/scheduler.js';
import { inShard, type Shard } from '../batch/shard.js';
import { forTerminal } from '../cli/escape.js';
import { red, yellow } from '../cli/style.js';
import { qqIdFromUrl } from '../extract/adapters/tencent.js';
import { linkKey } from '../post/link.js';
import { startBuilder } from '../pool.js';
import { ArchiveIndex } from '../write.js';
import type { FilingChoices } from '../filing.js';
import type { Registry } from '../sources.js';
import { importOne, savePost, type Outcome } from './import.js';
import { renderJson, renderText, type PathStyle } from './import-output.js';

export interface BatchOptions {
  root: string;
  force: boolean;
  dryRun: boolean;
  json: boolean;
  /** Import bodies too short to be an article. */
  allowShort?: boolean;
  timeoutMs: number;
  noPrivate?: boolean;
  /** Worker threads that extract articles from pages. */
  jobs: number;
  limits: Limits;
  retry: RetryPolicy;
  journal: string;
  retryFailed: boolean;
  report?: string;
  failedList: string;
  shard?: Shard;
  folder?: string;
  /** --register, --date-fallback, as the user gave them. */
  choices: FilingChoices;
  /** The site's sources registry; --register adds to it. */
  registry: Registry;
  /** How paths are printed: relative to the current folder, or absolute. */
  paths: PathStyle;
  /** The zone of the pages' zone-less times (`--zone`). */
  zone?: string;
}

export interface BatchSummary {
  counts: Counts & { malformed: number; duplicates: number; otherShard: number; doneBefore: number; inArchive: number; feedSkips: number };
  /** `retry`: the list line that runs the input again (a URL, or a saved page's absolute path and its URL). */
  failures: { input: string; where: string; error: string; retry?: string }[];
  seconds: number;
  interrupted: boolean;
  /** An output (the journal, the failed list, the report) could not be written. */
  outputFailed: boolean;
}

/** The link an input will be filed under, when it can be known before any request. */
function knownLink(url: URL): string {
  const qq = qqIdFromUrl(url);
  return qq ? `https://new.qq.com/rain/a/${qq}` : url.href;
}

export async function runBatch(lists: readonly string[], options: BatchOptions, out: (s: string) => void, err: (s: string) => void): Promise<BatchSummary> {
  const started = Date.now();
  // Every output is checked before the first request: a run whose journal or report cannot
  // be written would do its work and then lose the record of it.
  if (!options.dryRun) checkWritable(options.failedList, 'the failed list');
  if (options.report) checkWritable(options.report, 'the report');
  const journal = new Journal(options.journal, options.dryRun);
  for (const warning of journal.warnings) err(`${yellow('warning')} ${warning}\n`);
  const index = new ArchiveIndex();
  await index.loadAll(options.root);
  const terminal = { errTty: Boolean(process.stderr.isTTY), outTty: Boolean(process.stdout.isTTY), columns: () => process.stderr.columns };
  const progress = new Progress({ err, out, ...terminal }, options.shard ? undefined : countInputs(lists));
  const counts = { done: 0, imported: 0, skipped: 0, failed: 0, malformed: 0, duplicates: 0, otherShard: 0, doneBefore: 0, inArchive: 0, feedSkips: 0 };
  const failures: BatchSummary['failures'] = [];
  let outputFailed = false;
  let signals = 0;
  const stop = new AbortController();
  const stopping = () => stop.signal.aborted;
  const onSignal = (signal: NodeJS.Signals) => {
    if (++signals > 1) process.exit(signal === 'SIGINT' ? 130 : 143); // the journal is already on disk
    progress.message(`${yellow('stopping')}: no new inputs; letting the running ones finish (${signal} again to quit at once)`);
    stop.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const politeness = new Politeness(options.limits.minGapMs);
  const fetcher = politeFetcher(politeness, options.retry, stop.signal);
  const seen = new Set<number>();
  // A dry run fetches and builds nothing.
  const builder = options.dryRun ? undefined : startBuilder(options.jobs, options.timeoutMs);
  // Loaded while the first pages are fetched and built, not when the first is filed.
  if (!options.dryRun) import('../filing.js').catch(() => undefined);

  const finish = (key: string, where: string, outcome: Outcome, retry?: string) => {
    counts.done++;
    if (outcome.status === 'failed') {
      counts.failed++;
      failures.push({ input: outcome.input, where, error: outcome.error ?? 'failed', retry });
      progress.message(`${red('failed')} ${forTerminal(outcome.input === where ? where : `${outcome.input} (${where})`)}: ${forTerminal(outcome.error ?? 'failed')}`);
    } else if (outcome.status === 'skipped') counts.skipped++;
    else counts.imported++;
    try {
      journal.append({ key, input: outcome.input, status: outcome.status === 'would-write' || outcome.status === 'printed' ? 'skipped' : outcome.status, path: outcome.path ?? outcome.existing, error: outcome.error });
    } catch (error) {
      // Without its journal a rerun would redo (or lose) this work: no new inputs.
      if (!outputFailed) progress.message(`${red('error')} cannot write the journal ${options.journal}: ${cannotWrite(error)}; no new inputs`);
      outputFailed = true;
      stop.abort();
    }
    if (outcome.registered) progress.message(outcome.registered);
    if (options.json) progress.output(renderJson(outcome, options.paths).stdout!.replace(/}\n$/, `,"where":${JSON.stringify(where)}}\n`));
    else if (outcome.status === 'written' || outcome.status === 'overwritten' || outcome.status === 'would-write') progress.output(renderText(outcome, options.paths).stdout!);
    progress.update(counts);
  };

  async function* tasks(): AsyncGenerator<Task> {
    for await (const input of readInputs(lists, options.folder)) {
      const task = toTask(input);
      if (task) yield task;
    }
  }

  function toTask(input: BatchInput): Task | undefined {
    if (input.kind === 'malformed') {
      counts.malformed++;
      finish(`malformed:${input.where}`, input.where, { input: input.where, status: 'failed', error: input.reason });
      return undefined;
    }
    const link = input.kind === 'feed-item' ? String(input.item?.link ?? input.where) : input.url && knownLink(input.url);
    // A saved page that names no URL on its line is known by its path until it is read.
    const key = link === undefined ? `file:${input.kind === 'file' ? input.file : input.where}` : linkKey(link);
    if (!inShard(key, options.shard)) {
      counts.otherShard++;
      return undefined;
    }
    // A 52-bit digest instead of the key: memory stays flat however long the list.
    const digest = parseInt(createHash('md5').update(key).digest('hex').slice(0, 13), 16);
    if (seen.has(digest)) {
      counts.duplicates++;
      return undefined;
    }
    seen.add(digest);
    const before = journal.previous.get(key);
    if (options.retryFailed ? before !== 'failed' : before !== undefined && DONE.has(before) && !options.force) {
      counts.doneBefore++;
      return undefined;
    }
    const name = input.kind === 'url' ? input.url.href : input.kind === 'file' ? input.given : `${input.where}`;
    const inArchive = !options.force && link !== undefined && input.kind !== 'feed-item' ? index.byLink(link) : undefined;
    if (inArchive) {
      counts.inArchive++;
      finish(key, input.where, { input: name, status: 'skipped', existing: path.relative(options.root, inArchive).split(path.sep).join('/') });
      return undefined;
    }
    if (input.kind === 'url') {
      return {
        host: input.url.host,
        run: async (release) => {
          if (options.dryRun) return finish(key, input.where, { input: name, status: 'would-write', url: input.url.href });
          // The slot (global and per host) is held for the request only; parsing and writing run outside it.
          const releasing: typeof fetcher = (url, o) => fetcher(url, o).finally(release);
          const outcome = await importOne({ kind: 'url', arg: name, url: input.url }, { ...options, stdout: false }, index, releasing, builder!.build);
          finish(key, input.where, outcome, input.url.href);
        },
      };
    }
    if (input.kind === 'file') {
      const url = input.url?.href;
      return {
        host: '',
        run: async () => {
          if (options.dryRun) return finish(key, input.where, { input: name, status: 'would-write', url });
          const outcome = await importOne({ kind: 'file', arg: name, file: input.file }, { ...options, url, stdout: false }, index, undefined, builder!.build);
          finish(key, input.where, outcome, url ? `${input.file}\t${url}` : input.file);
        },
      };
    }
    return {
      host: '',
      run: async () => {
        // Loaded on first use: a batch of URLs never needs the feed converter in this thread.
        const { feedItemToPost } = await import('../batch/feed.js');
        const { admitPost } = await import('../filing.js');
        const converted = feedItemToPost(input.item, input.folder, options.registry.langs);
        const base: Outcome = { input: name, status: 'failed', url: String(input.item?.link ?? '') };
        if (converted.kind === 'skip') {
          counts.done++;
          counts.skipped++;
          counts.feedSkips++;
          return;
        }
        if (converted.kind === 'malformed') return finish(key, input.where, { ...base, error: `malformed feed item: ${converted.reason}` });
        let register;
        try {
          register = admitPost(converted.post, options.registry, options.choices);
        } catch (error) {
          return finish(key, input.where, { ...base, error: (error as Error).message });
        }
        finish(key, input.where, await savePost(converted.post, base, { ...options, stdout: false }, index, register));
      },
    };
  }

  try {
    await runTasks(tasks(), options.limits, stop.signal);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    journal.close();
    progress.finish();
    await builder?.close();
  }
  const summary: BatchSummary = { counts, failures, seconds: (Date.now() - started) / 1000, interrupted: stopping(), outputFailed };
  writeOutputs(summary, options, err);
  err(renderSummary(summary, options));
  return summary;
}

/** Throws (before the run) when `file` could not be written: a directory in the way, a file for a folder, no permission. */
function checkWritable(file: string, what: string): void {
  try {
    makeDirsSync(path.dirname(file));
    // Anything but a folder may be written: a file, /dev/null, a pipe (--report >(jq .)).
    const exists = statSync(file, { throwIfNoEntry: false });
    if (exists?.isDirectory()) throw Object.assign(new Error(), { code: 'EISDIR' });
    accessSync(exists ? file : path.dirname(file), constants.W_OK);
  } catch (error) {
    throw new OutputError(`cannot write ${what} ${file}: ${cannotWrite(error)}`);
  }
}

function writeOutputs(summary: BatchSummary, options: BatchOptions, err: (s: string) => void): void {
  const write = (file: string, what: string, text: string) => {
    try {
      writeFileSync(file, text);
    } catch (error) {
      err(`${red('error')} cannot write ${what} ${forTerminal(file)}: ${cannotWrite(error)}\n`);
      summary.outputFailed = true;
    }
  };
  if (!options.dryRun) write(options.failedList, 'the failed list', summary.failures.filter((f) => f.retry).map((f) => `${f.retry}\n`).join(''));
  if (options.report) {
    const byReason = groupReasons(summary.failures);
    write(options.report, 'the report', JSON.stringify({ ...summary, byReason, failedList: options.dryRun ? null : options.failedList }, null, 2) + '\n');
  }
}

/** Failure reasons with their counts, most common first; numbers inside reasons are kept. */
function groupReasons(failures: BatchSummary['failures']): { reason: string; count: number }[] {
  const by = new Map<string, number>();
  for (const f of failures) {
    // Values quoted in a reason ("no usable pub_date ("x")") would split one reason in many.
    const reason = f.error.replace(/ \(".*"\)$/, '').replace(/ \([\d,]+ bytes\)/, '').replace(/^cannot write \S+: /, 'cannot write: ').replace(/^(not an http\(s\) URL or a file|no such file|after the tab, not an http\(s\) URL|a [a-zA-Z ]+, not a saved page): .*/, '$1');
    by.set(reason, (by.get(reason) ?? 0) + 1);
  }
  return [...by].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count);
}

export function renderSummary(s: BatchSummary, options: BatchOptions): string {
  const c = s.counts;
  const skipped = [
    c.inArchive && `${c.inArchive} already in the archive`,
    c.doneBefore && `${c.doneBefore} done in an earlier run`,
    c.duplicates && `${c.duplicates} duplicate inputs`,
    c.feedSkips && `${c.feedSkips} feed items generate.py skips too (kind 2, no language)`,
    c.skipped - c.inArchive - c.feedSkips > 0 && `${c.skipped - c.inArchive - c.feedSkips} posts that exist`,
  ].filter(Boolean);
  const lines = [
    `${s.interrupted ? 'batch interrupted' : 'batch finished'} in ${s.seconds.toFixed(1)} s: ${c.imported} ${options.dryRun ? 'to import' : 'imported'}, ${c.skipped + c.doneBefore + c.duplicates} skipped${skipped.length ? ` (${skipped.join(', ')})` : ''}, ${c.failed} failed${options.shard ? `, ${c.otherShard} left to other shards` : ''}`,
  ];
  const reasons = groupReasons(s.failures);
  if (reasons.length) {
    lines.push('failures by reason:');
    for (const r of reasons.slice(0, 20)) lines.push(`  ${String(r.count).padStart(6)}  ${forTerminal(r.reason)}`);
    if (!options.dryRun && s.failures.some((f) => f.retry)) lines.push(`failed inputs listed in ${options.failedList} (run: pressclip batch ${options.failedList})`);
  }
  if (s.interrupted) lines.push('inputs not started are not in the journal: run the same command again to finish');
  return lines.join('\n') + '\n';
}

export const batchExitCode = (s: BatchSummary) => (s.counts.failed > 0 || s.interrupted || s.outputFailed ? 1 : 0);
