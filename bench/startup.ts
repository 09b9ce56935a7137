// Rows: the wall time of short commands from a cold process (issue 14, item 4), beside
// `node -e 0` and the work itself, and beside what a user would otherwise run for one page:
// a script of @mozilla/readability on linkedom, then turndown.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { printTable } from './table.js';

const RUNS = 11;

/** Median wall milliseconds of `node <args>` from spawn to exit; the last run's stdout. */
function timeNode(args: string[], cwd: string): { ms: number; stdout: string } {
  const samples: number[] = [];
  let stdout = '';
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    const ran = spawnSync(process.execPath, args, { cwd, encoding: 'utf8' });
    samples.push(performance.now() - t);
    if (ran.status !== 0) throw new Error(`node ${args.join(' ')} failed: ${ran.stderr}`);
    stdout = ran.stdout;
  }
  samples.sort((a, b) => a - b);
  return { ms: samples[Math.floor(samples.length / 2)], stdout };
}

export function runStartupBench(root: string): void {
  const page = path.join(root, 'fixtures/tencent/real/gne_qq_20190907A081B0.html');
  const bin = path.join(root, 'bin/pressclip.cjs');
  const node = timeNode(['-e', '0'], root).ms;
  const version = timeNode([bin, '--version'], root).ms;
  const oneImport = timeNode([bin, 'import', page, '--stdout'], root).ms;
  // The work itself: the first page through the pipeline in a process whose modules are
  // loaded (its code not yet optimised, as in a one-page run), measured inside the process.
  const work = `const { buildArticleFromBytes } = await import(${JSON.stringify(path.join(root, 'dist/src/pipeline.js'))});
const bytes = (await import('node:fs')).readFileSync(${JSON.stringify(page)});
const t = performance.now(); buildArticleFromBytes(bytes, {}, new URL('https://new.qq.com/rain/a/20190907A081B000'), new Date());
process.stdout.write(String(performance.now() - t));`;
  const works = Array.from({ length: RUNS }, () => Number(timeNode(['--input-type=module', '-e', work], root).stdout)).sort((a, b) => a - b);
  const workMs = works[Math.floor(works.length / 2)];
  const readability = `const { parseHTML } = require('linkedom'); const { Readability } = require('@mozilla/readability'); const TurndownService = require('turndown');
const { document } = parseHTML(require('node:fs').readFileSync(${JSON.stringify(page)}, 'utf8'));
const article = new Readability(document).parse();
process.stdout.write(new TurndownService({ headingStyle: 'atx' }).turndown(article?.content ?? ''));`;
  const peer = timeNode(['-e', readability], root).ms;
  const ms = (n: number) => n.toFixed(0);
  const times = (n: number, of: number) => `${(n / of).toFixed(2)}x`;
  printTable(
    `Start-up: median wall time of ${RUNS} cold runs, ms (one Tencent page, ${path.basename(page)}; target: within 1.2x of node -e 0 plus the work)`,
    ['command', 'ms', 'node -e 0 + work, ms', 'ratio'],
    [
      ['node -e 0', ms(node), '', ''],
      ['pressclip --version', ms(version), ms(node), times(version, node)],
      ['the work: the page through the pipeline, modules loaded', ms(workMs), '', ''],
      ['pressclip import <page> --stdout', ms(oneImport), ms(node + workMs), times(oneImport, node + workMs)],
      ['Readability + linkedom + turndown, a one-page script', ms(peer), '', times(peer, node + workMs)],
    ],
  );
}
