// What a command-line input names: a web page, a saved file, or `-`: a page on standard input.
import { fstatSync, statSync } from 'node:fs';
import path from 'node:path';

export type Input = { kind: 'url'; arg: string; url: URL } | { kind: 'file'; arg: string; file: string } | { kind: 'stdin'; arg: '<stdin>' };

/** A usage problem with one input: exit 2 before any work is done. */
export class UsageError extends Error {}

export function classifyInput(arg: string): Input {
  if (arg === '-') return { kind: 'stdin', arg: '<stdin>' };
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

/** The largest page read or fetched: no news article is that large, and parsing one would take seconds and a gigabyte. */
export const MAX_PAGE_BYTES = 10 * 1024 * 1024;

/**
 * Standard input, whole, up to `limit` bytes (a larger page is refused, as over HTTP), and
 * when the page was saved: a redirected file's modification time, else now.
 */
export async function readStandardInput(limit: number): Promise<{ bytes: Buffer; savedAt: Date }> {
  let savedAt = new Date();
  try {
    const stats = fstatSync(0);
    if (stats.isFile()) savedAt = stats.mtime;
  } catch {
    // no standard input at all: read as empty
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) {
      process.stdin.destroy();
      throw new Error(`page larger than ${limit / 1048576} MB (standard input holds more)`);
    }
    chunks.push(chunk);
  }
  return { bytes: Buffer.concat(chunks), savedAt };
}

/** A word as a POSIX shell reads it back: for commands pressclip tells the user to run. */
export const shellWord = (v: string) => (/^[\w.:@%+,=/-]+$/.test(v) ? v : `'${v.replace(/'/g, `'\\''`)}'`);
