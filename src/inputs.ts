// What a command-line input names: a web page or a saved file.
import { statSync } from 'node:fs';
import path from 'node:path';

export type Input = { kind: 'url'; arg: string; url: URL } | { kind: 'file'; arg: string; file: string };

/** A usage problem with one input: exit 2 before any work is done. */
export class UsageError extends Error {}

export function classifyInput(arg: string): Input {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(arg)?.[1]?.toLowerCase();
  if (scheme === 'http' || scheme === 'https') {
    try {
      return { kind: 'url', arg, url: new URL(arg) };
    } catch {
      throw new UsageError(`${arg}: not a valid URL`);
    }
  }
  // One letter before the colon is a Windows drive, not a scheme.
  if (scheme && scheme.length > 1) throw new UsageError(`${arg}: unsupported scheme "${scheme}:" (only http and https URLs, or saved HTML files)`);
  const file = path.resolve(arg);
  let isFile = false;
  try {
    isFile = statSync(file).isFile();
  } catch {
    throw new UsageError(`${arg}: no such file, and not an http(s) URL`);
  }
  if (!isFile) throw new UsageError(`${arg}: not a file`);
  return { kind: 'file', arg, file };
}

/** A word as a POSIX shell reads it back: for commands pressclip tells the user to run. */
export const shellWord = (v: string) => (/^[\w.:@%+,=/-]+$/.test(v) ? v : `'${v.replace(/'/g, `'\\''`)}'`);
