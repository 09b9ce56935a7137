// Rows: `pressclip validate` over a 30,000-post tree made from the real sample - the front
// matter alone (--no-body) and with the body rules, on the tree as made, healed by
// `validate --fix`, and with a defect put into one post in ten - beside markdownlint-cli2
// over the same tree (what a site would otherwise run in CI) and a plain gray-matter parse
// of every file. Wall time and peak memory of each, as a user
// would see them: each runs as its own process.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { printTable } from './table.js';
import { buildTree } from './tree.js';

const POSTS = 30_000;

interface Measured {
  seconds: number;
  peakMb: number | undefined;
  exit: number | null;
}

/** Wall time and peak RSS of a command, through GNU time when the machine has it. */
function measure(command: string, args: string[], cwd: string): Measured {
  const gnuTime = existsSync('/usr/bin/time');
  const started = process.hrtime.bigint();
  const run = gnuTime
    ? spawnSync('/usr/bin/time', ['-f', '%M', command, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 30 })
    : spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 1 << 30 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const kb = gnuTime ? Number(run.stderr.trim().split('\n').at(-1)) : NaN;
  return { seconds, peakMb: Number.isFinite(kb) ? kb / 1024 : undefined, exit: run.status };
}

const GRAY_MATTER_SCRIPT = `
const fs = require('fs'), path = require('path'), matter = require(process.argv[1]);
const walk = (d) => fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => e.isDirectory() ? walk(path.join(d, e.name)) : e.name.endsWith('.md') ? [path.join(d, e.name)] : []);
let n = 0;
for (const f of walk('content')) { matter(fs.readFileSync(f, 'utf8')); n++; }
if (n === 0) process.exit(3);
`;

/** A hash of the built CLI: a copy healed by another build may hold what this one fixes. */
function buildHash(root: string): string {
  const dir = path.join(root, 'dist/bundle');
  const hash = createHash('sha256');
  for (const name of readdirSync(dir).sort()) if (name.endsWith('.js')) hash.update(name).update(readFileSync(path.join(dir, name)));
  return hash.digest('hex');
}

/** A copy of the tree after `validate --fix` by this build: the archive once healed, as CI then checks it. */
function healedCopy(tree: string, cli: string, root: string): string {
  const healed = `${tree}-healed`;
  const marker = path.join(healed, '.healed');
  const build = buildHash(root);
  if (!existsSync(marker) || readFileSync(marker, 'utf8') !== build) {
    rmSync(healed, { recursive: true, force: true });
    cpSync(tree, healed, { recursive: true });
    spawnSync(process.execPath, [cli, 'validate', '--fix'], { cwd: healed, stdio: 'ignore' });
    writeFileSync(marker, build);
  }
  return healed;
}

/** Every .md file under a folder. */
const markdownFiles = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? markdownFiles(path.join(dir, e.name)) : e.name.endsWith('.md') ? [path.join(dir, e.name)] : []));

/**
 * A copy of the tree whose every second post (in path order) is the healed one: 17% of its
 * posts hold a defect, about the archive's own share (ARCHIVE.md section 4 counts 4,931
 * defects over its 30,197 posts, so at most 16% of them), where the sample tree, whose posts
 * were picked for their defects, has twice that.
 */
function halfHealedCopy(tree: string, healed: string): string {
  const half = `${tree}-half-healed`;
  const marker = path.join(half, '.half-healed');
  const build = readFileSync(path.join(healed, '.healed'), 'utf8');
  if (existsSync(marker) && readFileSync(marker, 'utf8') === build) return half;
  rmSync(half, { recursive: true, force: true });
  cpSync(tree, half, { recursive: true });
  markdownFiles(path.join(half, 'content'))
    .sort()
    .forEach((file, i) => i % 2 && cpSync(path.join(healed, path.relative(half, file)), file));
  writeFileSync(marker, build);
  return half;
}

export function runValidateBench(root: string): void {
  const sample = path.join(root, 'fixtures/archive-sample');
  const tree = buildTree(path.join(tmpdir(), `pressclip-bench-tree-${POSTS}`), sample, POSTS);
  const damaged = buildTree(path.join(tmpdir(), `pressclip-bench-tree-${POSTS}-defects`), sample, POSTS, 10);
  const node = process.execPath;
  const cli = path.join(root, 'bin/pressclip.cjs');
  const healed = healedCopy(tree, cli, root);
  const halfHealed = halfHealedCopy(tree, healed);
  // Every tool reads the same files: read them once first, so that none pays for a cold disk cache.
  for (const dir of [tree, halfHealed, healed, damaged]) for (const file of markdownFiles(path.join(dir, 'content'))) readFileSync(file);
  const rows: [string, Measured, number][] = [];
  const pair = (name: string, dir: string) => {
    const frontMatter = measure(node, [cli, 'validate', '--no-body'], dir);
    const body = measure(node, [cli, 'validate'], dir);
    rows.push([`pressclip validate --no-body, ${name}`, frontMatter, frontMatter.seconds], [`pressclip validate (body rules on), ${name}`, body, frontMatter.seconds]);
  };
  pair('the sample tree (a third of its posts hold the sample\'s real defects)', tree);
  pair("every second post healed: the archive's share of posts with a defect", halfHealed);
  pair('the same tree healed by validate --fix', healed);
  pair('one post in 10 given a defect besides', damaged);
  const reference = rows[0][1].seconds;
  rows.push(['gray-matter parse of every file (no checks)', measure(node, ['-e', GRAY_MATTER_SCRIPT, require_('gray-matter', root)], tree), reference]);
  rows.push(['markdownlint-cli2 "content/**/*.md"', measure(node, [require_('markdownlint-cli2/markdownlint-cli2-bin.mjs', root), 'content/**/*.md'], tree), reference]);
  printTable(
    `validate over ${POSTS.toLocaleString('en')} posts (targets: the body rules within 1.5x of --no-body, faster than the gray-matter parse alone)`,
    ['tool', 'seconds', 'files/s', 'peak MB', 'exit', 'vs front matter only'],
    rows.map(([name, m, base]) => [name, m.seconds.toFixed(2), Math.round(POSTS / m.seconds).toLocaleString('en'), m.peakMb?.toFixed(0) ?? 'n/a', String(m.exit), `${(m.seconds / base).toFixed(2)}x`]),
  );
  coresRows([['as made', tree], ['every second post healed', halfHealed], ['healed', healed]], cli, root);
}

/**
 * validate beside a bare gray-matter parse on one core and on two (taskset), each pair run
 * back to back, on the tree as made, half healed and healed: the target is at most half the parse's time on both.
 */
function coresRows(trees: [name: string, dir: string][], cli: string, root: string): void {
  if (!existsSync('/usr/bin/taskset')) return console.log('(taskset absent: the one-core rows are not measured)');
  const node = process.execPath;
  const rows: string[][] = [];
  for (const [cores, mask] of [['1', '0'], ['2', '0,1']]) {
    for (const [treeName, dir] of trees) {
      const on = (args: string[]) => measure('/usr/bin/taskset', ['-c', mask, node, ...args], dir);
      const parse = on(['-e', GRAY_MATTER_SCRIPT, require_('gray-matter', root)]);
      for (const [name, args] of [['pressclip validate', [cli, 'validate']], ['pressclip validate --no-body', [cli, 'validate', '--no-body']]] as const) {
        const ours = on([...args]);
        rows.push([cores, treeName, name, ours.seconds.toFixed(2), parse.seconds.toFixed(2), `${(ours.seconds / parse.seconds).toFixed(2)}x`]);
      }
    }
  }
  printTable(`validate beside gray-matter alone, on 1 and 2 cores (target: at most 0.5x)`, ['cores', 'tree', 'tool', 'seconds', 'gray-matter s', 'vs gray-matter'], rows);
}

/** A package file's absolute path, resolved from the project root. */
function require_(specifier: string, root: string): string {
  return path.join(root, 'node_modules', specifier.includes('/') ? specifier : path.join(specifier, 'index.js'));
}
