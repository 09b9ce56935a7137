// Per-page CPU of the import pipeline without the network (decode, parse, extract, clean,
// Markdown) on every page of the development corpus, beside what a user would otherwise
// assemble: the same decoder, then @mozilla/readability on linkedom, then turndown. Each
// side runs in a process of its own per set (corpus-child.ts), warmed up, then timed over
// the whole set; CPU counts every thread of the process (compiling and collecting are part
// of the cost). Issue 14 item 3 (and issue 9's speed target): at least 5x less CPU per page.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { SideResult } from './corpus-child.js';
import { CORPUS_SETS, corpusPages } from './corpus-pages.js';
import { printTable } from './table.js';

const child = path.join(path.dirname(fileURLToPath(import.meta.url)), 'corpus-child.js');

function runSide(tool: string, set: string, root: string): SideResult {
  return JSON.parse(execFileSync(process.execPath, [child, tool, set, root], { encoding: 'utf8', maxBuffer: 1 << 20 })) as SideResult;
}

export function runCorpusBench(root: string, sets: readonly string[] = CORPUS_SETS): void {
  const rows: (string | number)[][] = [];
  let ours = 0;
  let theirs = 0;
  let theirsExtraction = 0;
  for (const set of sets) {
    if (!corpusPages(root, set).length) {
      console.log(`(corpus: set ${set} is absent: skipped)`);
      continue;
    }
    const p = runSide('pressclip', set, root);
    const r = runSide('readability', set, root);
    ours += p.cpuMs;
    theirs += r.cpuMs;
    theirsExtraction += r.cpuMs - r.markdownCpuMs;
    const per = (ms: number) => (ms / p.pages).toFixed(1);
    rows.push([set, p.pages, per(p.cpuMs), per(r.cpuMs - r.markdownCpuMs), per(r.cpuMs), `${(r.cpuMs / p.cpuMs).toFixed(1)}x`, p.failed]);
  }
  rows.push(['all', '', '', '', '', `${(theirs / ours).toFixed(1)}x`, '']);
  printTable(
    'import pipeline without the network on the development corpus: CPU ms per page (each side its own process, warmed up; target: at least 5x less than Readability+linkedom+turndown)',
    ['set', 'pages', 'pressclip (to Markdown)', 'Readability+linkedom', '+turndown', 'speed-up', 'refused by pressclip'],
    rows,
  );
  console.log(`(all sets: pressclip ${(theirsExtraction / ours).toFixed(1)}x less CPU than Readability+linkedom without turndown)`);
}

// Alone: node dist/bench/corpus.js [set,set]
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runCorpusBench(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..'), process.argv[2]?.split(',') ?? CORPUS_SETS);
}
