// `pressclip dedupe [paths]`: one post per article link. The plan (validate/duplicates.ts)
// is shown as what it is - a `git rm` script with the kept post named above each group -
// and carried out by removing the files, by `git rm` (--git), or not at all (--dry-run,
// --script).
import { spawnSync } from 'node:child_process';
import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../inputs.js';
import { planDedupe, type DuplicateGroup, type StoredPost } from '../validate/duplicates.js';
import { findPosts } from '../validate/files.js';
import { readFrontMatter, type Entry } from '../validate/frontmatter.js';
import { lastLineLink } from '../write.js';

export interface DedupeOptions {
  dryRun: boolean;
  script?: string;
  git: boolean;
  json: boolean;
}

const stringOf = (entry: Entry | undefined) => (entry?.value.kind === 'scalar' && typeof entry.value.value === 'string' ? entry.value.value : '');

/** A post as the plan needs it, or undefined for a file without a last-line link (validate reports those). */
function readStored(file: string): StoredPost | undefined {
  const text = readFileSync(file, 'utf8');
  const link = lastLineLink(text);
  if (!link) return undefined;
  const fm = readFrontMatter(text);
  const byKey = new Map(fm.entries.map((e) => [e.key, e]));
  const bodyEnd = text.replace(/\n+$/, '').lastIndexOf('\n');
  return { file: path.relative(process.cwd(), file) || file, link, title: stringOf(byKey.get('title')), date: stringOf(byKey.get('date')), body: text.slice(Math.max(fm.bodyStart, 0), Math.max(bodyEnd, 0)) };
}

/** A path as one shell word. */
const shellWord = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** The plan as a shell script: the kept post above the `git rm` of its copies. */
export function renderScript(groups: DuplicateGroup[]): string {
  const lines = ['#!/bin/sh', `# pressclip dedupe: one post per article link (run from ${process.cwd()})`, 'set -e'];
  for (const g of groups) {
    lines.push(`# keep ${g.keep.file} (${g.why}): ${g.link}`);
    for (const copy of g.remove) lines.push(`git rm --quiet -- ${shellWord(copy.file)}`);
    for (const { post, missing } of g.alsoKept) lines.push(`# also kept: ${post.file} holds text the kept post lacks: ${missing.slice(0, 8).join(' ')}`);
  }
  return lines.join('\n') + '\n';
}

function renderJson(groups: DuplicateGroup[]): string {
  return groups.map((g) => JSON.stringify({ link: g.link, keep: g.keep.file, why: g.why, remove: g.remove.map((p) => p.file), alsoKept: g.alsoKept.map((k) => ({ file: k.post.file, missing: k.missing.slice(0, 20) })) }) + '\n').join('');
}

/** Runs git rm over the removed files, in batches that fit a command line. */
function gitRemove(files: string[]): void {
  const inTree = spawnSync('git', ['rev-parse', '--is-inside-work-tree'], { encoding: 'utf8' });
  if (inTree.status !== 0 || inTree.stdout.trim() !== 'true') throw new UsageError('--git: the current folder is not in a git work tree');
  for (let i = 0; i < files.length; i += 500) {
    const run = spawnSync('git', ['rm', '--quiet', '--', ...files.slice(i, i + 500)], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`git rm failed: ${run.stderr.trim()}`);
  }
}

export interface DedupeResult {
  groups: DuplicateGroup[];
  removed: number;
}

export function dedupe(args: readonly string[], options: DedupeOptions, out: (s: string) => void, err: (s: string) => void): DedupeResult {
  const posts = findPosts(args.length ? args : ['content'])
    .filter((found) => !found.problem)
    .map((found) => readStored(found.file))
    .filter((p): p is StoredPost => p !== undefined);
  const groups = planDedupe(posts);
  const removals = groups.flatMap((g) => g.remove.map((p) => p.file));
  const planned = options.dryRun || options.script !== undefined;
  if (options.script !== undefined) writeFileSync(options.script, renderScript(groups), { mode: 0o755 });
  if (!planned) {
    if (options.git) gitRemove(removals);
    else for (const file of removals) unlinkSync(file);
  }
  if (options.json) out(renderJson(groups));
  else if (options.dryRun) out(renderScript(groups));
  else if (!planned) for (const g of groups) for (const copy of g.remove) out(`removed ${copy.file} (kept ${g.keep.file})\n`);
  for (const g of groups) for (const { post, missing } of g.alsoKept) err(`kept ${post.file}: the same article as ${g.keep.file}, with text that one lacks (${missing.slice(0, 8).join(' ')})\n`);
  const verb = planned ? 'would remove' : 'removed';
  const kept = groups.reduce((n, g) => n + g.alsoKept.length, 0);
  err(`${groups.length} article${groups.length === 1 ? '' : 's'} stored more than once in ${posts.length} posts: ${verb} ${removals.length} file${removals.length === 1 ? '' : 's'}${kept ? `, ${kept} kept for their own text` : ''}${options.script ? ` (script: ${options.script})` : ''}\n`);
  return { groups, removed: planned ? 0 : removals.length };
}

/** 0 when every duplicate was (or would be) removed; 1 when some copies stay for their own text. */
export const dedupeExitCode = (result: DedupeResult) => (result.groups.some((g) => g.alsoKept.length) ? 1 : 0);
