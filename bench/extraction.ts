// The extraction bench: every evaluation set of ../shared/data/extraction (and the Zyte
// set), read in place, each page decoded once by pressclip's decoder and handed to every
// extractor in the same run; scored with the sets' README metrics (extraction-score.ts).
// Alone: node dist/bench/extraction.js [--set a,b] [--limit n] [--extractor a,b] [--pages out.jsonl]
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { decodeHtml } from '../src/decode.js';
import { EXTRACTORS, loadPeers, type Extractor, type Outcome } from './extraction-peers.js';
import { dayMatches, pageDayMatches, titleMatches, tokenF1 } from './extraction-score.js';
import { printTable } from './table.js';

export interface GoldPage {
  id: string;
  url: string | null;
  title?: string;
  date?: string;
  text?: string;
  file: string;
}

export const SETS = ['readability', 'dragnet', 'cleaneval-dev', 'cleanportaleval', 'htmldate-default', 'zyte'] as const;

export function loadSet(root: string, set: string): GoldPage[] | undefined {
  if (set === 'zyte') {
    const dir = path.resolve(root, '../shared/data/zyte');
    if (!existsSync(dir)) return undefined;
    const truth = JSON.parse(readFileSync(path.join(dir, 'ground-truth.json'), 'utf8')) as Record<string, { articleBody: string; url: string }>;
    return Object.keys(truth)
      .sort()
      .map((id) => ({ id, url: truth[id].url, text: truth[id].articleBody, file: path.join(dir, 'html_gz', `${id}.html.gz`) }));
  }
  const dir = path.resolve(root, '../shared/data/extraction', set);
  if (!existsSync(path.join(dir, 'gold.jsonl'))) return undefined;
  return readFileSync(path.join(dir, 'gold.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => {
      const g = JSON.parse(l) as Omit<GoldPage, 'file'> & { page: string };
      return { id: g.id, url: g.url, title: g.title, date: g.date, text: g.text, file: path.join(dir, g.page) };
    });
}

interface Tally {
  f1: number;
  titles: number;
  days: number;
  /** Right on the site's own clock (pressclip's instant in the zone the page's time was read in). */
  localDays: number;
  near: number;
  failures: number;
  cpuMs: number;
  /** Ids of the pages it failed on. */
  failed: Set<string>;
}

interface PageResult {
  set: string;
  id: string;
  extractor: string;
  f1?: number;
  title?: boolean;
  day?: boolean;
  localDay?: boolean;
  error?: string;
}

/** One extractor on one page: its outcome (or error) and the CPU time it took. */
async function runOne(extractor: Extractor, html: string, url: string | undefined): Promise<{ outcome?: Outcome; error?: string; cpuMs: number }> {
  const started = process.cpuUsage();
  let outcome: Outcome | undefined;
  let error: string | undefined;
  try {
    outcome = await extractor.run(html, url);
  } catch (e) {
    error = (e as Error).message?.split('\n')[0] || String(e);
  }
  const used = process.cpuUsage(started);
  return { outcome, error, cpuMs: (used.user + used.system) / 1000 };
}

/** The visible text of an outcome (computed outside the timed run), and whether it is empty. */
function textOf(extractor: Extractor, outcome: Outcome | undefined): { text: string; empty: boolean } {
  let text = '';
  try {
    text = outcome?.text?.() ?? '';
  } catch {
    // unreadable output counts as none
  }
  return { text, empty: extractor.content ? !text.trim() : !outcome?.title && !outcome?.date };
}

/** Peers print warnings of their own; the tables must stay readable. */
async function quietly<T>(fn: () => Promise<T>): Promise<T> {
  const saved = [console.log, console.warn, console.error, console.info, console.debug];
  console.log = console.warn = console.error = console.info = console.debug = () => {};
  try {
    return await fn();
  } finally {
    [console.log, console.warn, console.error, console.info, console.debug] = saved;
  }
}

/**
 * Pages are decoded once, a chunk at a time, and each extractor runs over the chunk in
 * turn: every one is timed in its own steady state, not amid another's garbage.
 */
const CHUNK = 25;

async function benchSet(set: string, pages: GoldPage[], extractors: readonly Extractor[], pagesOut?: string): Promise<void> {
  const tallies = new Map<Extractor, Tally>(extractors.map((x) => [x, { f1: 0, titles: 0, days: 0, localDays: 0, near: 0, failures: 0, cpuMs: 0, failed: new Set() }]));
  for (let from = 0; from < pages.length; from += CHUNK) {
    const chunk = pages.slice(from, from + CHUNK).map((page) => ({ page, html: decodeHtml(gunzipSync(readFileSync(page.file))).text }));
    const lines: string[] = [];
    for (const extractor of extractors) {
      const runs = await quietly(async () => {
        const out = [];
        for (const { page, html } of chunk) out.push(await runOne(extractor, html, page.url ?? undefined));
        return out;
      });
      const t = tallies.get(extractor)!;
      runs.forEach(({ outcome, error: thrown, cpuMs }, i) => {
        const { page } = chunk[i];
        const { text, empty } = textOf(extractor, outcome);
        const error = thrown ?? (empty ? 'returned nothing' : undefined);
        t.cpuMs += cpuMs;
        if (error) {
          t.failures++;
          t.failed.add(page.id);
        }
        const result: PageResult = { set, id: page.id, extractor: extractor.name, error };
        if (page.text !== undefined && extractor.content) t.f1 += result.f1 = tokenF1(text, page.text).f1;
        if (page.title !== undefined) t.titles += Number((result.title = titleMatches(outcome?.title, page.title)));
        if (page.date !== undefined) {
          const m = dayMatches(outcome?.date, page.date);
          t.days += Number((result.day = m.strict));
          t.localDays += Number((result.localDay = pageDayMatches(outcome, page.date)));
          t.near += Number(m.near);
        }
        lines.push(JSON.stringify(result));
      });
    }
    if (pagesOut) appendFileSync(pagesOut, lines.join('\n') + '\n');
  }
  const withText = pages.filter((p) => p.text !== undefined).length;
  const withTitle = pages.filter((p) => p.title !== undefined).length;
  const withDate = pages.filter((p) => p.date !== undefined).length;
  const share = (n: number, of: number) => (of ? `${((100 * n) / of).toFixed(1)}%` : '-');
  const rows = extractors.map((x) => {
    const t = tallies.get(x)!;
    return [x.name, x.content && withText ? (t.f1 / withText).toFixed(3) : '-', share(t.titles, withTitle), share(t.days, withDate), share(t.localDays, withDate), share(t.near, withDate), t.failures, (t.cpuMs / pages.length).toFixed(1)];
  });
  printTable(
    `extraction: ${set}, ${pages.length} pages (gold text ${withText}, titles ${withTitle}, dates ${withDate}); content token F1 mean per page, failures score 0; ms = CPU per page in this one process, peers alternating by chunks (bench/corpus.ts measures speed, each side alone and warmed up)`,
    ['extractor', 'content F1', 'title', 'date (day)', "date (page's day)", 'date (+-1 day)', 'failures', 'ms/page'],
    rows,
  );
  const ours = extractors.find((x) => x.name === 'pressclip');
  if (!ours) return;
  const mine = tallies.get(ours)!;
  const peers = extractors.filter((x) => x !== ours && x.content);
  const best = withText ? peers.sort((a, b) => tallies.get(b)!.f1 - tallies.get(a)!.f1)[0] : undefined;
  const notes: string[] = [];
  if (best) notes.push(`content F1 ${(mine.f1 / withText).toFixed(3)} vs best peer ${(tallies.get(best)!.f1 / withText).toFixed(3)} (${best.name})`);
  const lost = [...mine.failed].filter((id) => peers.some((x) => !tallies.get(x)!.failed.has(id)));
  notes.push(`${lost.length} pages a peer extracts fail in pressclip${lost.length ? `: ${lost.slice(0, 12).join(', ')}${lost.length > 12 ? ', ...' : ''}` : ''}`);
  console.log(`pressclip: ${notes.join('; ')}`);
}

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

export async function runExtractionBench(root: string, args: string[] = []): Promise<void> {
  const sets = option(args, '--set')?.split(',') ?? [...SETS];
  const limit = Number(option(args, '--limit') ?? Infinity);
  const names = option(args, '--extractor')?.split(',');
  const extractors = names ? EXTRACTORS.filter((x) => names.some((n) => x.name.startsWith(n))) : EXTRACTORS;
  const pagesOut = option(args, '--pages');
  if (pagesOut) writeFileSync(pagesOut, '');
  await loadPeers();
  // Peers must not reach the network: a page that makes one try is scored on what it had.
  globalThis.fetch = () => Promise.reject(new Error('no network in the bench'));
  for (const set of sets) {
    const pages = loadSet(root, set);
    if (!pages) {
      console.log(`\n(extraction: set ${set} is absent from ../shared/data: skipped)`);
      continue;
    }
    await benchSet(set, pages.slice(0, limit), extractors, pagesOut);
  }
}

// Run alone: dist/bench/extraction.js -> the project root.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await runExtractionBench(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..'), process.argv.slice(2));
}
