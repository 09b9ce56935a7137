// The inputs of a batch, streamed: list files (one URL or saved page a line) and crawler
// feeds, told apart by their content, from files or standard input.
import { closeSync, createReadStream, openSync, readFileSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { kindOf } from '../regular-file.js';
import { feedFolder, feedItemLines } from './feed-file.js';
import type { FeedItem } from './feed.js';
import { LineSplitter, type Line } from './lines.js';

export type BatchInput =
  | { kind: 'url'; url: URL; where: string }
  /** A saved page: its absolute path, the path as the list gives it, and its original URL when the line names one. */
  | { kind: 'file'; file: string; given: string; url?: URL; where: string }
  | { kind: 'feed-item'; item: FeedItem; folder: string; where: string }
  | { kind: 'malformed'; where: string; reason: string };

/**
 * The longest list line taken as an input. No URL is near it: servers refuse request lines
 * over 8 KB (nginx, Apache) and RFC 9110 asks them to take 8,000 octets; 64 KB leaves room
 * for any real one while bounding what one line holds in memory.
 */
export const MAX_LINE_BYTES = 64 * 1024;

/**
 * The largest feed read. A feed is JSON, parsed whole (its text, then its objects: about
 * five times its size in memory); the crawler's largest is 0.8 MB (one listing page), so
 * 32 MB is 40 times that and keeps a batch of feeds within a few hundred MB.
 */
export const MAX_FEED_BYTES = 32 * 1024 * 1024;

const BLANK = new Set([32, 9, 10, 13]);
const isBlank = (chunk: Buffer) => chunk.every((b) => BLANK.has(b));
const newlines = (chunk: Buffer) => chunk.reduce((n, b) => n + (b === 10 ? 1 : 0), 0);

/**
 * The first non-blank byte of a stream, read once: the chunk holding it and its iterator are
 * handed on. Blank chunks before it are dropped (a stream of spaces is never held), their
 * newlines counted so that line numbers stay right.
 */
async function sniff(stream: Readable): Promise<{ first: number | undefined; head: Buffer | undefined; iterator: AsyncIterator<Buffer>; blankLines: number }> {
  const iterator = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let blankLines = 0;
  for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
    const chunk = next.value;
    if (!isBlank(chunk)) return { first: chunk.find((b) => !BLANK.has(b)), head: chunk, iterator, blankLines };
    blankLines += newlines(chunk);
  }
  return { first: undefined, head: undefined, iterator, blankLines };
}

async function* restOf(head: Buffer | undefined, iterator: AsyncIterator<Buffer>): AsyncGenerator<Buffer> {
  if (head) yield head;
  for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
}

export async function* readInputs(lists: readonly string[], folderOverride?: string): AsyncGenerator<BatchInput> {
  for (const list of lists) {
    const name = list === '-' ? '<stdin>' : list;
    // Read once, as a stream: a pipe, a FIFO or <(command) can be read only once.
    const stream = list === '-' ? process.stdin : createReadStream(list);
    try {
      const { first, head, iterator, blankLines } = await sniff(stream);
      if (first === 0x7b) {
        // '{': a crawler feed
        const json = await readCapped(restOf(head, iterator), MAX_FEED_BYTES);
        if (json === undefined) yield { kind: 'malformed', where: `${name}:${blankLines + 1}`, reason: `a feed larger than ${MAX_FEED_BYTES / 1048576} MB (a feed is read whole: split it)` };
        else yield* feedInputs(json, name, folderOverride ?? feedFolder(list === '-' ? 'stdin' : list), blankLines);
      } else {
        yield* listInputs(restOf(head, iterator), name, blankLines);
      }
    } catch (error) {
      // A list that fails while read (a directory, an I/O error): one input failed, the next list goes on.
      yield { kind: 'malformed', where: name, reason: `cannot read the list: ${(error as Error).message}` };
    } finally {
      if (stream !== process.stdin) stream.destroy();
    }
  }
}

/** The whole text, or undefined past `max` bytes (reading stops there). */
async function readCapped(source: AsyncGenerator<Buffer>, max: number): Promise<string | undefined> {
  const out: Buffer[] = [];
  let size = 0;
  for await (const chunk of source) {
    size += chunk.length;
    if (size > max) return undefined;
    out.push(chunk);
  }
  return Buffer.concat(out).toString('utf8');
}

/**
 * One input a line: an http(s) URL, or a saved page as `path` or `path<TAB>original-url`
 * (a path relative to the current folder, as for `import`). Blank lines and `#` comments
 * are ignored, whitespace around a line trimmed.
 */
async function* listInputs(source: AsyncGenerator<Buffer>, name: string, lineOffset: number): AsyncGenerator<BatchInput> {
  const lines = new LineSplitter(MAX_LINE_BYTES);
  for await (const chunk of source) {
    for (const line of lines.push(chunk)) {
      const input = listInput(line, name, lineOffset);
      if (input) yield input;
    }
  }
  for (const line of lines.end()) {
    const input = listInput(line, name, lineOffset);
    if (input) yield input;
  }
}

function httpUrl(text: string): URL | undefined {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

function listInput(raw: Line, name: string, lineOffset: number): BatchInput | undefined {
  const where = `${name}:${raw.n + lineOffset}`;
  if (raw.overlong !== undefined) return { kind: 'malformed', where, reason: `a line longer than ${MAX_LINE_BYTES / 1024} KB (${raw.overlong.toLocaleString('en')} bytes): not a URL` };
  const line = raw.text.trim();
  if (!line || line.startsWith('#')) return undefined;
  const url = httpUrl(line);
  return url ? { kind: 'url', url, where } : savedPage(line, where);
}

/** A `path` or `path<TAB>original-url` line; a path that names no file is a malformed line, not a failed import. */
function savedPage(line: string, where: string): BatchInput {
  const tab = line.indexOf('\t');
  const given = tab < 0 ? line : line.slice(0, tab).trim();
  const file = path.resolve(given);
  const stats = statSync(file, { throwIfNoEntry: false });
  const shown = given.slice(0, 200);
  if (!stats) return { kind: 'malformed', where, reason: tab < 0 ? `not an http(s) URL or a file: ${shown}` : `no such file: ${shown}` };
  if (!stats.isFile()) return { kind: 'malformed', where, reason: `${kindOf(stats)}, not a saved page: ${shown}` };
  if (tab < 0) return { kind: 'file', file, given, where };
  const original = line.slice(tab + 1).trim();
  const url = httpUrl(original);
  if (!url) return { kind: 'malformed', where, reason: `after the tab, not an http(s) URL: ${original.slice(0, 200)}` };
  return { kind: 'file', file, given, url, where };
}

function* feedInputs(json: string, name: string, folder: string, lineOffset: number): Generator<BatchInput> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (error) {
    yield { kind: 'malformed', where: `${name}:${lineOffset + 1}`, reason: `not valid JSON: ${(error as Error).message}` };
    return;
  }
  const data = (parsed as { data?: unknown }).data;
  if (!Array.isArray(data)) {
    yield { kind: 'malformed', where: `${name}:${lineOffset + 1}`, reason: 'a feed needs a "data" array' };
    return;
  }
  const lines = feedItemLines(json);
  for (let i = 0; i < data.length; i++) yield { kind: 'feed-item', item: data[i] as FeedItem, folder, where: `${name}:${lines[i] ?? 1}` };
}


/**
 * Inputs in the list files, counted beforehand for the progress bar, or undefined when that
 * would take a second read of something that can be read once (standard input, a pipe, a
 * FIFO, `<(command)`): then the bar shows no total.
 */
export function countInputs(lists: readonly string[]): number | undefined {
  let total = 0;
  for (const list of lists) {
    if (list === '-' || !statSync(list).isFile()) return undefined;
    total += countListLines(list) ?? countFeedItems(list);
  }
  return total;
}

/** Lines that hold an input, counted in 1 MB chunks (the list is never held whole); undefined for a feed. */
function countListLines(file: string): number | undefined {
  const fd = openSync(file, 'r');
  const buffer = Buffer.allocUnsafe(1 << 20);
  let count = 0;
  let atLineStart = true;
  let seenContent = false;
  try {
    for (let n = readSync(fd, buffer); n > 0; n = readSync(fd, buffer)) {
      for (let i = 0; i < n; i++) {
        const b = buffer[i];
        if (b === 10) atLineStart = true;
        else if (atLineStart && !BLANK.has(b)) {
          if (!seenContent && b === 0x7b) return undefined; // '{': a feed
          seenContent = true;
          atLineStart = false;
          if (b !== 35) count++; // not a '#' comment
        }
      }
    }
  } finally {
    closeSync(fd);
  }
  return count;
}

/** The items of a feed; a feed over MAX_FEED_BYTES is one (malformed) input. */
function countFeedItems(file: string): number {
  if (statSync(file).size > MAX_FEED_BYTES) return 1;
  try {
    const data = (JSON.parse(readFileSync(file, 'utf8')) as { data?: unknown[] }).data;
    return Array.isArray(data) ? data.length : 1;
  } catch {
    return 1;
  }
}
