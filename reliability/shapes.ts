// Hostile shapes at growing sizes (issue 10, items 4 to 7): each generated page imported
// by the real command line at three sizes, each four times the last. Every run must end
// with a post or one clear error, under 500 MB of resident memory, and the CPU time of
// the run must grow linearly: at most LINEAR times for four times the input. CPU time,
// not wall time, so that what else runs on the machine does not count; never a deadline
// but the harness's hang limit. Then the issue's own reproductions, once each.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { emptyRow, isClearError, noteEnding, runCli, type Ran, type Row } from './harness.js';

/** The most for four times the input: 4 when linear, 16 when quadratic; the rest is room for noise. */
export const LINEAR = 8;
/** Peak resident memory of any single-page import. */
export const MEMORY_MB = 500;

const prose = '<p>' + 'An ordinary sentence of an article, long enough to count as a body. '.repeat(12) + '</p>';
const page = (body: string) => `<!doctype html><html><head><meta charset="utf-8"><title>Shape</title></head><body><article>${prose}${body}</article></body></html>`;
/** `unit` repeated to about `bytes`. */
const fill = (unit: string, bytes: number) => unit.repeat(Math.max(1, Math.round(bytes / unit.length)));

interface Shape {
  name: string;
  /** The page at about this many bytes. */
  make: (bytes: number) => string;
  /** The smallest size; the others are 4 and 16 times it. Shapes of many elements stay under the parser's cap (parse.ts). */
  bytes: number;
}

const KB = 1024;
const MB = 1024 * KB;

export const SHAPES: Shape[] = [
  // The fingerprints' JSON scan read the rest of the page from each unclosed `{`.
  { name: 'script prefix', make: (b) => `<html><head><title>Shape</title></head><body>${prose}<script>${fill('window.DATA = {', b)}</script></body></html>`, bytes: 600 * KB },
  { name: 'wide table', make: (b) => page(`<table>${fill(`<tr>${'<td>cell</td>'.repeat(300)}</tr>`, b)}</table>`), bytes: 75 * KB },
  // Before more text: turndown trims its output with a regex tried from each character of the run.
  { name: '<br> run', make: (b) => page(`<p>start${fill('<br>', b)}end</p>`), bytes: 24 * KB },
  { name: '<p> siblings', make: (b) => page(fill('<p>x</p>', b)), bytes: 48 * KB },
  { name: '<li> list', make: (b) => page(`<ol>${fill('<li>x</li>', b)}</ol>`), bytes: 60 * KB },
  {
    name: 'deep and wide mix',
    make: (b) => page(fill(`${'<div>'.repeat(60)}<p>text, <b>bold</b> <img src="https://x.test/i.jpg"></p>${'</div>'.repeat(60)}${'<div>'.repeat(60)}${'</div>'.repeat(60)}`, b)),
    bytes: 64 * KB,
  },
  { name: 'long attribute values', make: (b) => page(fill(`<a href="https://x.test/${'a'.repeat(20_000)}" title="${'t'.repeat(20_000)}">l</a> `, b)), bytes: 600 * KB },
  { name: 'text without tags', make: (b) => page(fill('words, more words\u00a0\u00a0and ', b)), bytes: 500 * KB },
  { name: 'many <img>', make: (b) => page(fill('<img src="https://x.test/i.jpg">', b)), bytes: 180 * KB },
  { name: 'many links', make: (b) => page(fill('<a href="https://x.test/a">link</a> ', b)), bytes: 200 * KB },
];

/** The pages of the issue (10, items 4 to 6), as it gives them. */
export const REPRODUCTIONS: { name: string; make: () => string }[] = [
  { name: 'script prefix, 600 KB', make: () => `<script>${'window.DATA = {'.repeat(40_000)}` },
  { name: '1,500 rows of 300 cells', make: () => page(`<table>${`<tr>${'<td>cell</td>'.repeat(300)}</tr>`.repeat(1_500)}</table>`) },
  { name: '8 MB of <br>', make: () => page('<br>'.repeat(2 * MB)) },
  { name: '800k <p> siblings', make: () => page('<p>x</p>'.repeat(800_000)) },
  { name: '500k <li>', make: () => page(`<ul>${'<li>x</li>'.repeat(500_000)}</ul>`) },
];

interface Tried {
  label: string;
  ran: Ran;
}

/** Imports one page; notes how it ended in the row. */
async function importPage(row: Row, work: string, label: string, html: string): Promise<Tried> {
  const file = path.join(work, `${label.replace(/\W+/g, '-')}.html`);
  writeFileSync(file, html);
  // From the site root, so that the path printed is relative to it; registered and dated
  // as need be, so that only the shape can refuse the page.
  const url = `https://shapes.example.com/${encodeURIComponent(label)}`;
  const ran = await runCli(['import', file, '--url', url, '--root', '.', '--register', '--date-fallback', 'fetch-time'], { limitMs: 120_000, cwd: path.join(work, 'site') });
  rmSync(file);
  row.tried++;
  if (noteEnding(row, ran, label)) {
    const written = ran.code === 0 && existsSync(path.join(work, 'site', ran.stdout.trim()));
    if (written) row.ok++;
    else if (isClearError(ran, file)) row.handled++;
    else {
      row.crashes++;
      row.problems.push(`unclear ending: ${label} (exit ${ran.code}): ${ran.stderr.slice(0, 300)}`);
    }
  }
  if (ran.peakMb >= MEMORY_MB) row.problems.push(`memory: ${label} peaked at ${Math.round(ran.peakMb)} MB (limit ${MEMORY_MB})`);
  return { label, ran };
}

export async function runShapes(): Promise<Row[]> {
  const growth = emptyRow('hostile shapes, growing (CPU x4n/n)');
  const reproductions = emptyRow('hostile shapes, the issue’s pages');
  const work = mkdtempSync(path.join(tmpdir(), 'pressclip-shapes-'));
  mkdirSync(path.join(work, 'site'));
  const ratios: string[] = [];
  try {
    // One at a time: a neighbour's load would not change CPU time much, but memory and caches.
    for (const shape of SHAPES) {
      const sizes = [shape.bytes, 4 * shape.bytes, 16 * shape.bytes];
      const runs: Tried[] = [];
      for (const bytes of sizes) runs.push(await importPage(growth, work, `${shape.name} ${Math.round(bytes / KB)} KB`, shape.make(bytes)));
      const cpu = runs.map((r) => r.ran.cpuMs);
      const steps = cpu.slice(1).map((ms, i) => ms / cpu[i]);
      ratios.push(`${shape.name}: ${cpu.map((ms) => `${(ms / 1000).toFixed(2)} s`).join(', ')} (x${steps.map((r) => r.toFixed(1)).join(', x')})`);
      for (const [i, ratio] of steps.entries()) {
        if (cpu[i] && cpu[i + 1] && ratio > LINEAR) growth.problems.push(`grows faster than linearly: ${runs[i + 1].label} took ${ratio.toFixed(1)} times the CPU of ${runs[i].label}`);
      }
    }
    for (const r of REPRODUCTIONS) await importPage(reproductions, work, r.name, r.make());
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  process.stderr.write(`CPU time of each shape at its three sizes:\n  ${ratios.join('\n  ')}\n`);
  return [growth, reproductions];
}
