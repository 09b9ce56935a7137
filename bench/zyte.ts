// The Zyte article-extraction benchmark (../shared/data/zyte, read in place, never copied):
// the generic extractor's body text scored with the benchmark's own metric, beside
// @mozilla/readability on linkedom (its textContent), in the same run.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { genericBodyText } from '../src/extract/generic.js';
import { parseHtml } from '../src/parse.js';
import { printTable } from './table.js';

export interface ZytePage {
  id: string;
  url: string;
  html: string;
  gold: string;
}

export function loadZyte(dir: string): ZytePage[] {
  const truth = JSON.parse(readFileSync(path.join(dir, 'ground-truth.json'), 'utf8')) as Record<string, { articleBody: string; url: string }>;
  return Object.entries(truth)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([id, t]) => ({ id, url: t.url, gold: t.articleBody, html: gunzipSync(readFileSync(path.join(dir, 'html_gz', `${id}.html.gz`))).toString('utf8') }));
}

/** Every run of 4 consecutive word tokens, with its count. */
function shingles(text: string): Map<string, number> {
  const tokens = text.match(/[\p{L}\p{N}_]+/gu) ?? [];
  const out = new Map<string, number>();
  for (let i = 0; i + 4 <= tokens.length; i++) {
    const key = tokens.slice(i, i + 4).join(' ');
    out.set(key, (out.get(key) ?? 0) + 1);
  }
  return out;
}

/** The benchmark's per-page precision and recall (undefined where it has none). */
export function pageScore(predicted: string, gold: string): { precision?: number; recall?: number } {
  const p = shingles(predicted);
  const g = shingles(gold);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const [k, n] of p) {
    const m = g.get(k) ?? 0;
    tp += Math.min(n, m);
    fp += Math.max(0, n - m);
  }
  for (const [k, m] of g) fn += Math.max(0, m - (p.get(k) ?? 0));
  return { precision: tp + fp > 0 ? tp / (tp + fp) : undefined, recall: tp + fn > 0 ? tp / (tp + fn) : undefined };
}

export interface CorpusScore {
  precision: number;
  recall: number;
  f1: number;
  msPerPage: number;
  worst: { id: string; precision?: number; recall?: number }[];
}

export function scoreCorpus(pages: ZytePage[], extract: (page: ZytePage) => string): CorpusScore {
  const ps: number[] = [];
  const rs: number[] = [];
  const per: { id: string; precision?: number; recall?: number; f: number }[] = [];
  let ms = 0;
  for (const page of pages) {
    const started = performance.now();
    let text = '';
    try {
      text = extract(page);
    } catch {
      text = '';
    }
    ms += performance.now() - started;
    const s = pageScore(text, page.gold);
    if (s.precision !== undefined) ps.push(s.precision);
    if (s.recall !== undefined) rs.push(s.recall);
    const p = s.precision ?? 0;
    const r = s.recall ?? 0;
    per.push({ id: page.id, ...s, f: p + r ? (2 * p * r) / (p + r) : 0 });
  }
  const precision = ps.reduce((a, b) => a + b, 0) / ps.length;
  const recall = rs.reduce((a, b) => a + b, 0) / rs.length;
  return { precision, recall, f1: (2 * precision * recall) / (precision + recall), msPerPage: ms / pages.length, worst: per.sort((a, b) => a.f - b.f).slice(0, 10) };
}

export const pressclipText = (page: ZytePage) => genericBodyText(parseHtml(page.html), new URL(page.url));

export function readabilityText(page: ZytePage): string {
  const { document } = parseHTML(page.html);
  return new Readability(document as unknown as Document).parse()?.textContent ?? '';
}

export function runZyteBench(root: string): void {
  const dir = path.resolve(root, '../shared/data/zyte');
  if (!existsSync(dir)) {
    console.log(`(${dir} absent: the Zyte rows are skipped)`);
    return;
  }
  const pages = loadZyte(dir);
  // One untimed pass each, so that neither pays for loading its code.
  pressclipText(pages[0]);
  readabilityText(pages[0]);
  const ours = scoreCorpus(pages, pressclipText);
  const theirs = scoreCorpus(pages, readabilityText);
  const f = (n: number) => n.toFixed(3);
  printTable(
    `Zyte article-extraction benchmark: ${pages.length} pages, shingle F1 as its evaluation defines it`,
    ['extractor', 'F1', 'precision', 'recall', 'ms/page', 'target'],
    [
      ['pressclip generic extractor', f(ours.f1), f(ours.precision), f(ours.recall), ours.msPerPage.toFixed(1), 'F1 >= 0.96'],
      ['@mozilla/readability on linkedom (textContent)', f(theirs.f1), f(theirs.precision), f(theirs.recall), theirs.msPerPage.toFixed(1), ''],
      ['speed-up', '', '', '', `${(theirs.msPerPage / ours.msPerPage).toFixed(1)}x`, '>= 5x'],
    ],
  );
}
