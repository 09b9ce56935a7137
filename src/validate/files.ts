// The posts named on the command line: files, folders (walked for *.md) and globs.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** A path that is neither a file, a folder nor a glob with matches: an I/O error (exit 2). */
export class MissingPathError extends Error {}

const GLOB = /[*?[]/;

function walk(dir: string, out: string[], accept: (file: string) => boolean): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    throw new MissingPathError(`${dir}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out, accept);
    else if (entry.isFile() && accept(full)) out.push(full);
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
export function findPosts(args: readonly string[]): string[] {
  const found = new Set<string>();
  for (const arg of args) {
    const out: string[] = [];
    if (GLOB.test(arg)) {
      const normal = arg.split(path.sep).join('/');
      const segments = normal.split('/');
      const firstGlob = segments.findIndex((s) => GLOB.test(s));
      const base = segments.slice(0, firstGlob).join('/') || '.';
      const pattern = globToRegExp(path.posix.normalize(normal));
      walk(path.resolve(base), out, (file) => pattern.test(path.relative(process.cwd(), file).split(path.sep).join('/')) || pattern.test(file.split(path.sep).join('/')));
      if (!out.length) throw new MissingPathError(`${arg}: no file matches`);
    } else {
      let stat;
      try {
        stat = statSync(arg);
      } catch {
        throw new MissingPathError(`${arg}: no such file or folder`);
      }
      if (stat.isDirectory()) walk(path.resolve(arg), out, (file) => file.endsWith('.md'));
      else out.push(path.resolve(arg));
    }
    for (const file of out) found.add(file);
  }
  return [...found].sort();
}
