// The posts named on the command line: files, folders (walked for *.md), globs (picomatch:
// `**`, `*`, `?`, classes, braces, extglobs) and `!` patterns that leave files out, with
// the config's `ignores`. Symbolic links to files and folders are followed, as Hugo follows
// them when it builds the site (and publishes what they hold); a link to a folder that
// holds the link (a loop) is reported, not followed.
import { lstatSync, readdirSync, statSync, type Dirent } from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import type { RuleId } from './rules.js';

/** A path that is neither a file, a folder nor a glob with matches: an I/O error (exit 2). */
export class MissingPathError extends Error {}

export interface PostFile {
  /** Absolute, as found (through links). */
  file: string;
  /** The folder named on the command line that holds it: --fix follows no link below it. */
  base: string;
  /** Set when the walk found a problem instead of a file to read. */
  problem?: { rule: RuleId; message: string };
}

/** Patterns that leave files out, relative to `base`: each matches files, and folders with all they hold (as in .gitignore). */
export interface Exclusion {
  patterns: readonly string[];
  base: string;
}

const posix = path.sep === '/' ? (file: string) => file : (file: string) => file.split(path.sep).join('/');

/**
 * Whether a path (absolute) matches one of the patterns, each relative to `base` or
 * absolute. Compiled once to regular expressions by picomatch, and tested on the path's
 * part below `base` as a string: a walk of 30,000 posts tests every file and folder.
 */
function matcher(patterns: readonly string[], base: string): (file: string) => boolean {
  const cleaned = patterns.map((p) => p.replace(/^\.\//, '').replace(/(.)\/+$/, '$1'));
  const compile = (list: string[]) => list.map((p) => picomatch.makeRe(p));
  const relative = compile(cleaned.filter((p) => !path.isAbsolute(p)));
  const absolute = compile(cleaned.filter((p) => path.isAbsolute(p)));
  const prefix = base.endsWith(path.sep) ? base : base + path.sep;
  return (file) => {
    if (relative.length) {
      const rel = posix(file.startsWith(prefix) ? file.slice(prefix.length) : path.relative(base, file));
      if (relative.some((re) => re.test(rel))) return true;
    }
    return absolute.length > 0 && absolute.some((re) => re.test(posix(file)));
  };
}

/** The folders and files an exclusion matches; a folder is not walked. */
function excluder(exclusions: readonly Exclusion[]): (file: string) => boolean {
  const tests = exclusions.map((e) => matcher(e.patterns.flatMap((p) => [p, `${p.replace(/\/+$/, '')}/**`]), e.base));
  return (file) => tests.some((test) => test(file));
}

const lstatOrNothing = (file: string) => {
  try {
    return lstatSync(file);
  } catch {
    return undefined;
  }
};

/** A folder's identity, to know it again when a link leads back to it. */
const identity = (stats: { dev: number; ino: number }) => `${stats.dev}:${stats.ino}`;

function walk(dir: string, base: string, out: PostFile[], accept: (file: string) => boolean, excluded: (file: string) => boolean, ancestors: ReadonlySet<string>): void {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    out.push({ file: dir, base, problem: { rule: 'file-unreadable', message: `the folder cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` } });
    return;
  }
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    if (excluded(full)) continue;
    let folder = entry.isDirectory();
    if (entry.isSymbolicLink()) {
      try {
        folder = statSync(full).isDirectory();
      } catch {
        folder = false; // a link to nothing: reported as a post when it is named like one
      }
    }
    if (!folder) {
      // Files, and FIFOs, devices and broken links named like posts: reading tells which.
      if (accept(full)) out.push({ file: full, base });
      continue;
    }
    const id = identity(statSync(full));
    if (ancestors.has(id)) {
      out.push({ file: full, base, problem: { rule: 'symlink-loop', message: `a symbolic link to a folder that holds it: not followed (Hugo publishes that folder's posts again under ${path.basename(full)}/)` } });
      continue;
    }
    walk(full, base, out, accept, excluded, new Set([...ancestors, id]));
  }
}

/**
 * Every post file the arguments name, absolute, sorted, each once. An argument starting
 * with `!` leaves out what it matches (relative to the current folder), as `ignores` do
 * (relative to the config's folder), from what folders and globs find and from files named.
 */
export function findPosts(args: readonly string[], ignores?: Exclusion): PostFile[] {
  const negations = args.filter((a) => a.startsWith('!')).map((a) => a.slice(1));
  const excluded = excluder([{ patterns: negations, base: process.cwd() }, ...(ignores ? [ignores] : [])]);
  const found = new Map<string, PostFile>();
  const named = args.filter((a) => !a.startsWith('!'));
  for (const arg of named.length ? named : ['content']) {
    const out: PostFile[] = [];
    // A path that is there is taken as named, even when it reads as a glob: `file(1).md`, `a[b].md`.
    let stat;
    try {
      stat = statSync(arg);
    } catch {
      // A link to nothing, or a loop of links, is there: reading it says what it is.
      stat = lstatOrNothing(arg);
    }
    const scan = picomatch.scan(arg);
    if (!stat && scan.isGlob) {
      const root = path.resolve(scan.base || '.');
      const accept = matcher([arg], process.cwd());
      let top;
      try {
        top = statSync(root);
      } catch {
        throw new MissingPathError(`${arg}: no file matches`);
      }
      walk(root, root, out, accept, excluded, new Set([identity(top)]));
      if (!out.length) throw new MissingPathError(`${arg}: no file matches`);
    } else {
      if (!stat) throw new MissingPathError(`${arg}: no such file or folder`);
      const full = path.resolve(arg);
      if (stat.isDirectory()) walk(full, full, out, (file) => file.endsWith('.md'), excluded, new Set([identity(stat)]));
      else if (!excluded(full)) out.push({ file: full, base: path.dirname(full) });
    }
    for (const post of out) if (!found.has(post.file)) found.set(post.file, post);
  }
  return [...found.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}
