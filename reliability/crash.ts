// Crash safety: `import` and `validate --fix` killed with SIGKILL at random moments, many
// times. Afterwards every post must be the old file or the complete new one, and the
// next run must finish the job and leave no temporary file behind.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { emptyRow, ROOT, runCli, seeded, type Row } from './harness.js';

/** Every file under a folder, relative path -> content. */
function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else out.set(path.relative(dir, full), readFileSync(full, 'utf8'));
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}

/** Some posts already new and some not, or a temporary file present: the kill came mid-writing. */
const midway = (tree: Map<string, string>, done: Map<string, string>) => {
  const fresh = [...done].filter(([f, t]) => tree.get(f) === t).length;
  return (fresh > 0 && fresh < done.size) || [...tree.keys()].some(isTemp);
};

const isTemp = (file: string) => /\.tmp$/.test(file);

/** Compares a tree with what each file may be; counts files that are neither. */
function judge(row: Row, tree: Map<string, string>, allowed: (file: string) => string[], label: string): void {
  for (const [file, text] of tree) {
    if (isTemp(file)) continue; // a killed writer's temporary file: swept by the next run
    if (!allowed(file).includes(text)) {
      row.damaged++;
      row.problems.push(`${label}: ${file} is neither the old nor the new file (${text.length} bytes)`);
    }
  }
}

/**
 * Forty article pages served from 127.0.0.1, each assembled from a real crawler-feed item
 * of fixtures/feeds (its title, date and body HTML): imported one after another, their
 * writes spread over the whole run, so the kills land between and inside them.
 */
async function servePages(count = 40): Promise<{ urls: string[]; close: () => void }> {
  const feeds = path.join(ROOT, 'fixtures/feeds');
  const items: { title: string; pub_date: string; description: string }[] = [];
  for (const name of readdirSync(feeds).filter((n) => n.endsWith('.json')).sort()) {
    for (const item of JSON.parse(readFileSync(path.join(feeds, name), 'utf8')).data ?? []) {
      if (items.length < count && item.title && item.pub_date && (item.description ?? '').length > 500) items.push(item);
    }
  }
  const server = createServer((req, res) => {
    const n = Number(/^\/article\/(\d+)$/.exec(req.url ?? '')?.[1]);
    const item = items[n];
    if (!item) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(item.title)}</title><link rel="canonical" href="https://news.example.com/article/${n}"><meta property="article:published_time" content="${item.pub_date.replace(' ', 'T')}+08:00"></head><body><article><h1>${escapeHtml(item.title)}</h1>${item.description}</article></body></html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return { urls: items.map((_, n) => `http://127.0.0.1:${port}/article/${n}`), close: () => server.close() };
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

export async function runImportKills(trials = 30, seed = 7): Promise<Row> {
  const row = emptyRow('kill -9 during import');
  const random = seeded(seed);
  const served = await servePages();
  const work = mkdtempSync(path.join(tmpdir(), 'pressclip-kill-'));
  try {
    const inputs = served.urls;
    // The complete new posts, from one run that is not interrupted.
    const reference = path.join(work, 'reference');
    const ref = await runCli(['import', ...inputs, '--root', reference, '--folder', 'news', '--register']);
    const fresh = snapshot(path.join(reference, 'content'));
    if (ref.code !== 0 || fresh.size === 0) throw new Error(`reference import failed: ${ref.stderr}`);
    // Older versions of the same posts, valid posts themselves, for the --force runs.
    let killed = 0;
    let between = 0;
    const old = new Map([...fresh].map(([file, text]) => [file, text.replace(/^title: "/m, 'title: "(old version) ')]));
    for (let trial = 0; trial < trials; trial++) {
      const site = path.join(work, `trial-${trial}`);
      const force = trial % 2 === 0;
      if (force) for (const [file, text] of old) writeAt(path.join(site, 'content', file), text);
      // Anywhere from start-up to the last write.
      const delay = 100 + random() * (ref.ms - 100);
      const ran = await runCli(['import', ...inputs, '--root', site, '--folder', 'news', '--register', ...(force ? ['--force'] : [])], { onSpawn: (kill) => setTimeout(kill, delay) });
      row.tried++;
      if (ran.signal) killed++;
      if (ran.code !== null && ran.code !== 0) {
        row.crashes++;
        row.problems.push(`trial ${trial}: exit ${ran.code} before the kill: ${ran.stderr.trim()}`);
      }
      const killedTree = snapshot(path.join(site, 'content'));
      judge(row, killedTree, (file) => [fresh.get(file) ?? '', ...(force ? [old.get(file) ?? ''] : [])].filter(Boolean), `trial ${trial}`);
      if (midway(killedTree, fresh)) between++;
      // The rerun completes the job: every post new, no temporary file left.
      const rerun = await runCli(['import', ...inputs, '--root', site, '--folder', 'news', '--register', ...(force ? ['--force'] : [])]);
      const after = snapshot(path.join(site, 'content'));
      const complete = rerun.code === 0 && after.size === fresh.size && [...fresh].every(([f, t]) => after.get(f) === t);
      if (complete) row.ok++;
      else {
        row.damaged++;
        row.problems.push(`trial ${trial}: the rerun left ${[...after.keys()].filter(isTemp).length} temporary files, ${after.size} files for ${fresh.size} posts (exit ${rerun.code})`);
      }
      rmSync(site, { recursive: true, force: true });
    }
    row.category += ` (${killed} killed, ${between} between two writes)`;
  } finally {
    served.close();
    rmSync(work, { recursive: true, force: true });
  }
  return row;
}

const writeAt = (file: string, text: string) => {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
};

/** Real posts damaged in ways --fix repairs: keys out of order, unindented lists, no final newline. */
function damage(text: string, i: number): string {
  const lines = text.split('\n');
  if (i % 3 === 0) [lines[1], lines[2]] = [lines[2], lines[1]];
  if (i % 3 === 1) return text.replace(/^ {2}- "/gm, '- "');
  return lines.join('\n').replace(/\n$/, '');
}

export async function runFixKills(trials = 30, seed = 11): Promise<Row> {
  const row = emptyRow('kill -9 during validate --fix');
  const random = seeded(seed);
  const work = mkdtempSync(path.join(tmpdir(), 'pressclip-fixkill-'));
  try {
    const sample = path.join(ROOT, 'fixtures/archive-sample');
    const names = readdirSync(sample).filter((n) => n.endsWith('.md')).sort();
    // Three copies of each real post in three folders: ~480 files, each damaged.
    const damaged = path.join(work, 'damaged');
    names.forEach((name, i) => {
      for (const copy of [1, 2, 3]) writeAt(path.join(damaged, `copy${copy}`, name), damage(readFileSync(path.join(sample, name), 'utf8'), i + copy));
    });
    const before = snapshot(damaged);
    const reference = path.join(work, 'reference');
    cpSync(damaged, reference, { recursive: true });
    const ref = await runCli(['validate', '--fix', reference], { cwd: work });
    const fixed = snapshot(reference);
    const changed = [...fixed].filter(([f, t]) => before.get(f) !== t).length;
    if (changed < before.size * 0.9) throw new Error(`--fix repaired only ${changed} of ${before.size} damaged posts`);
    let killed = 0;
    let between = 0;
    for (let trial = 0; trial < trials; trial++) {
      const tree = path.join(work, `trial-${trial}`);
      cpSync(damaged, tree, { recursive: true });
      const delay = 100 + random() * (ref.ms - 100);
      const ran = await runCli(['validate', '--fix', tree], { cwd: work, onSpawn: (kill) => setTimeout(kill, delay) });
      row.tried++;
      if (ran.signal) killed++;
      if (ran.signal === null && ran.code !== 0 && ran.code !== 1) {
        row.crashes++;
        row.problems.push(`trial ${trial}: exit ${ran.code}: ${ran.stderr.trim().slice(0, 200)}`);
      }
      const killedTree = snapshot(tree);
      judge(row, killedTree, (file) => [before.get(file) ?? '', fixed.get(file) ?? ''], `fix trial ${trial}`);
      if (midway(killedTree, fixed)) between++;
      await runCli(['validate', '--fix', tree], { cwd: work });
      const after = snapshot(tree);
      if (after.size === fixed.size && [...fixed].every(([f, t]) => after.get(f) === t)) row.ok++;
      else {
        row.damaged++;
        row.problems.push(`fix trial ${trial}: the rerun left ${[...after.keys()].filter(isTemp).length} temporary files or unfixed posts`);
      }
      rmSync(tree, { recursive: true, force: true });
    }
    row.category += ` (${killed} killed, ${between} between two writes)`;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return row;
}
