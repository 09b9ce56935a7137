// One side of the corpus bench (corpus.ts), in a process of its own so that each tool has
// its own heap, collector and compiled code: argv = <tool> <set> <root>. Every page's bytes
// are read and gunzipped first; the tool then runs over them, round and round, for WARM_UP
// pages untimed (V8 needs a few hundred pages to compile the hot code: a long run is in that
// steady state), and is timed over every page, round and round for at least TIMED pages.
// Prints one JSON line.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import TurndownService from 'turndown';
import { decodeHtml } from '../src/decode.js';
import { parseHtml } from '../src/parse.js';
import { buildArticleFromBytes, pageUrl } from '../src/pipeline.js';
import { corpusPages } from './corpus-pages.js';
import { UNKNOWN_URL } from './extraction-peers.js';

export interface SideResult {
  pages: number;
  /** CPU of the whole process (compiler and collector threads included), milliseconds. */
  cpuMs: number;
  wallMs: number;
  /** Of cpuMs: the Markdown step (turndown), for the Readability side. */
  markdownCpuMs: number;
  failed: number;
}

type Run = (bytes: Buffer, url: URL) => { markdownCpuMs: number };

/**
 * Where a saved page was: its known URL, else the one it names (as `import` reads it), else
 * a placeholder (as `import --url` would be given). Found before timing.
 */
function urlOf(bytes: Buffer, known: string | null): URL {
  if (known) return new URL(known);
  const named = pageUrl(new URL('file:///saved-page.html'), parseHtml(decodeHtml(bytes).text));
  return named.protocol === 'file:' ? new URL(UNKNOWN_URL) : named;
}

/** pressclip's import pipeline without the network: decode, parse, extract, clean, Markdown. */
const pressclip: Run = (bytes, url) => {
  buildArticleFromBytes(bytes, {}, url, new Date());
  return { markdownCpuMs: 0 };
};

const turndown = new TurndownService({ headingStyle: 'atx', codeBlockStyle: 'fenced' });

/** What a user would otherwise assemble: the same decoder, linkedom, Readability, turndown. */
const readability: Run = (bytes) => {
  const { document } = parseHTML(decodeHtml(bytes).text);
  const article = new Readability(document as unknown as Document).parse();
  const before = process.cpuUsage();
  turndown.turndown(article?.content ?? '');
  const used = process.cpuUsage(before);
  return { markdownCpuMs: (used.user + used.system) / 1000 };
};

const WARM_UP = 250;
const TIMED = 100;

function side(run: Run, pages: { bytes: Buffer; url: URL }[]): SideResult {
  const attempt = (p: (typeof pages)[number]) => {
    try {
      return run(p.bytes, p.url);
    } catch {
      return undefined; // a refused page costs its time too
    }
  };
  for (let i = 0; i < WARM_UP; i++) attempt(pages[i % pages.length]);
  const runs = Math.max(pages.length, TIMED);
  let markdownCpuMs = 0;
  let failed = 0;
  const wall = performance.now();
  const cpu = process.cpuUsage();
  for (let i = 0; i < runs; i++) {
    const r = attempt(pages[i % pages.length]);
    if (!r) failed += Number(i < pages.length);
    else markdownCpuMs += r.markdownCpuMs;
  }
  const used = process.cpuUsage(cpu);
  const per = pages.length / runs; // per pass over the set
  return { pages: pages.length, cpuMs: ((used.user + used.system) / 1000) * per, wallMs: (performance.now() - wall) * per, markdownCpuMs: markdownCpuMs * per, failed };
}

const [tool, set, root] = process.argv.slice(2);
const pages = corpusPages(root, set).map((p) => {
  const bytes = p.gzipped ? gunzipSync(readFileSync(p.file)) : readFileSync(p.file);
  return { bytes, url: urlOf(bytes, p.url) };
});
console.log(JSON.stringify(side(tool === 'pressclip' ? pressclip : readability, pages)));
