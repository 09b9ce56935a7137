// The posts named on the command line: files, folders (walked for *.md) and globs.
// Symbolic links to files and folders are followed, as Hugo follows them when it builds
// the site (and publishes what they hold); a link to a folder that holds the link (a
// loop) is reported, not followed.
import { lstatSync, readdirSync, statSync, type Dirent } from 'node:fs';
import path from 'node:path';
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

const GLOB = /[*?[]/;

const lstatOrNothing = (file: string) => {
  try {
    return lstatSync(file);
  } catch {
    return undefined;
  }
};

/** A folder's identity, to know it again when a link leads back to it. */
const identity = (stats: { dev: number; ino: number }) => `${stats.dev}:${stats.ino}`;

function walk(dir: string, base: string, out: PostFile[], accept: (file: string) => boolean, ancestors: ReadonlySet<string>): void {
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
    walk(full, base, out, accept, new Set([...ancestors, id]));
  }
}

/** `**` any folders, `*` any name part, `?` one character, `[...]` a class. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      re += glob[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += glob[i + 2] === '/' ? 2 : 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const end = glob.indexOf(']', i);
      if (end < 0) re += '\\[';
      else {
        re += `[${glob.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** Every post file the arguments name, absolute, sorted, each once. */
export function findPosts(args: readonly string[]): PostFile[] {
  const found = new Map<string, PostFile>();
  for (const arg of args) {
    const out: PostFile[] = [];
    if (GLOB.test(arg)) {
      const normal = arg.split(path.sep).join('/');
      const segments = normal.split('/');
      const firstGlob = segments.findIndex((s) => GLOB.test(s));
      const base = segments.slice(0, firstGlob).join('/') || '.';
      const pattern = globToRegExp(path.posix.normalize(normal));
      const root = path.resolve(base);
      let top;
      try {
        top = statSync(root);
      } catch {
        throw new MissingPathError(`${arg}: no file matches`);
      }
      walk(root, root, out, (file) => pattern.test(path.relative(process.cwd(), file).split(path.sep).join('/')) || pattern.test(file.split(path.sep).join('/')), new Set([identity(top)]));
      if (!out.length) throw new MissingPathError(`${arg}: no file matches`);
    } else {
      let stat;
      try {
        stat = statSync(arg);
      } catch {
        // A link to nothing, or a loop of links, is there: reading it says what it is.
        stat = lstatOrNothing(arg);
        if (!stat) throw new MissingPathError(`${arg}: no such file or folder`);
      }
      const full = path.resolve(arg);
      if (stat.isDirectory()) walk(full, full, out, (file) => file.endsWith('.md'), new Set([identity(stat)]));
      else out.push({ file: full, base: path.dirname(full) });
    }
    for (const post of out) if (!found.has(post.file)) found.set(post.file, post);
  }
  return [...found.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}
