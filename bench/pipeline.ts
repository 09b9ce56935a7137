// Rows: milliseconds per page for the whole import pipeline without the network
// (decode, parse, extract, clean, Markdown, render), beside what a user would otherwise
// assemble: @mozilla/readability on linkedom, then turndown.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import TurndownService from 'turndown';
import { buildArticleFromBytes } from '../src/pipeline.js';
import { printTable, timeIt } from './table.js';

interface PageCase {
  group: string;
  name: string;
  bytes: Buffer;
  url: URL;
}

function pagesIn(dir: string, group: string, url: (name: string) => URL): PageCase[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((n) => n.endsWith('.html'))
    .sort()
    .map((name) => ({ group, name, bytes: readFileSync(path.join(dir, name)), url: url(name) }));
}

export function runPipelineBench(root: string): void {
  const shared = path.resolve(root, '../shared/data/pages');
  const cases: PageCase[] = [
    ...pagesIn(path.join(root, 'fixtures/tencent/real'), 'Tencent, real (old template)', () => new URL('https://new.qq.com/rain/a/x')),
    ...pagesIn(path.join(root, 'fixtures/tencent/assembled'), 'Tencent, assembled (current template)', () => new URL('https://new.qq.com/rain/a/x')).filter((c) => c.name.startsWith('current-')),
  ];
  if (existsSync(shared)) {
    for (const site of readdirSync(shared).sort()) {
      if (site === 'tencent' || !statSync(path.join(shared, site)).isDirectory()) continue;
      cases.push(...pagesIn(path.join(shared, site), 'other real pages (generic extractor)', () => new URL(`https://${site}.example/article`)));
    }
  } else console.log(`(${shared} absent: only the project's fixtures are measured)`);

  const turndown = new TurndownService({ headingStyle: 'atx', codeBlockStyle: 'fenced' });
  const readabilityPipeline = (c: PageCase) => {
    const { document } = parseHTML(new TextDecoder().decode(c.bytes));
    const article = new Readability(document as unknown as Document).parse();
    return turndown.turndown(article?.content ?? '');
  };
  const ours = (c: PageCase) => {
    try {
      return buildArticleFromBytes(c.bytes, {}, c.url, new Date());
    } catch (error) {
      return error; // a refused page costs its time too
    }
  };

  const groups = new Map<string, { ours: number[]; theirs: number[]; kb: number[]; failed: number }>();
  for (const c of cases) {
    const g = groups.get(c.group) ?? { ours: [], theirs: [], kb: [], failed: 0 };
    groups.set(c.group, g);
    if (ours(c) instanceof Error) g.failed++;
    g.ours.push(timeIt(() => ours(c)));
    g.theirs.push(timeIt(() => readabilityPipeline(c)));
    g.kb.push(c.bytes.length / 1024);
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const rows: (string | number)[][] = [];
  let allOurs: number[] = [];
  let allTheirs: number[] = [];
  for (const [group, g] of groups) {
    allOurs = allOurs.concat(g.ours);
    allTheirs = allTheirs.concat(g.theirs);
    rows.push([group, g.ours.length, mean(g.kb).toFixed(0), mean(g.ours).toFixed(2), mean(g.theirs).toFixed(2), `${(mean(g.theirs) / mean(g.ours)).toFixed(1)}x`, g.failed]);
  }
  rows.push(['all pages', allOurs.length, '', mean(allOurs).toFixed(2), mean(allTheirs).toFixed(2), `${(mean(allTheirs) / mean(allOurs)).toFixed(1)}x`, '']);
  printTable(
    'import pipeline without the network, ms per page (median of repeated runs; target: at least 5x faster than Readability+linkedom+turndown)',
    ['pages', 'n', 'avg KB', 'pressclip ms', 'readability+linkedom+turndown ms', 'speed-up', 'refused by pressclip'],
    rows,
  );
}
