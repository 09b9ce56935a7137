// The inputs of a batch, streamed: list files (one URL a line) and crawler feeds,
// told apart by their content, from files or standard input.
import { closeSync, createReadStream, openSync, readFileSync, readSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { feedFolder, feedItemLines } from './feed-file.js';
import type { FeedItem } from './feed.js';

export type BatchInput =
  | { kind: 'url'; url: URL; where: string }
  | { kind: 'feed-item'; item: FeedItem; folder: string; where: string }
  | { kind: 'malformed'; where: string; reason: string };

type Chunks = AsyncIterator<Buffer>;

/** The first non-blank character of a stream; the chunks read for it are handed on, not lost. */
async function sniff(stream: Readable): Promise<{ first: string; chunks: Buffer[]; iterator: Chunks }> {
  const iterator = stream[Symbol.asyncIterator]() as Chunks;
  const chunks: Buffer[] = [];
  for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
    chunks.push(next.value);
    const text = Buffer.concat(chunks).toString('utf8').trimStart();
    if (text) return { first: text[0], chunks, iterator };
  }
  return { first: '', chunks, iterator };
}

async function* restOf(chunks: Buffer[], iterator: Chunks): AsyncGenerator<Buffer> {
  yield* chunks;
  for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
}

export async function* readInputs(lists: readonly string[], folderOverride?: string): AsyncGenerator<BatchInput> {
  for (const list of lists) {
    const name = list === '-' ? '<stdin>' : list;
    const stream = list === '-' ? process.stdin : createReadStream(list);
    const { first, chunks, iterator } = await sniff(stream);
    if (first === '{') {
      const json = Buffer.concat(await collect(restOf(chunks, iterator))).toString('utf8');
      yield* feedInputs(json, name, folderOverride ?? feedFolder(list === '-' ? 'stdin' : list));
    } else {
      yield* listInputs(restOf(chunks, iterator), name);
    }
  }
}

async function collect(source: AsyncGenerator<Buffer>): Promise<Buffer[]> {
  const out: Buffer[] = [];
  for await (const chunk of source) out.push(chunk);
  return out;
}

/** One URL a line; blank lines and `#` comments ignored, whitespace trimmed. */
async function* listInputs(source: AsyncGenerator<Buffer>, name: string): AsyncGenerator<BatchInput> {
  const lines = createInterface({ input: Readable.from(source), crlfDelay: Infinity });
  let n = 0;
  for await (const raw of lines) {
    n++;
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const where = `${name}:${n}`;
    let url: URL | undefined;
    try {
      url = new URL(line);
    } catch {
      url = undefined;
    }
    if (url && (url.protocol === 'http:' || url.protocol === 'https:')) yield { kind: 'url', url, where };
    else yield { kind: 'malformed', where, reason: `not an http(s) URL: ${line.slice(0, 200)}` };
  }
}

function* feedInputs(json: string, name: string, folder: string): Generator<BatchInput> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (error) {
    yield { kind: 'malformed', where: `${name}:1`, reason: `not valid JSON: ${(error as Error).message}` };
    return;
  }
  const data = (parsed as { data?: unknown }).data;
  if (!Array.isArray(data)) {
    yield { kind: 'malformed', where: `${name}:1`, reason: 'a feed needs a "data" array' };
    return;
  }
  const lines = feedItemLines(json);
  for (let i = 0; i < data.length; i++) yield { kind: 'feed-item', item: data[i] as FeedItem, folder, where: `${name}:${lines[i] ?? 1}` };
}


/** Inputs in the list files, counted cheaply beforehand for the progress bar (standard input: unknown). */
export function countInputs(lists: readonly string[]): number | undefined {
  let total = 0;
  for (const list of lists) {
    if (list === '-') return undefined;
    const lines = countListLines(list);
    if (lines !== undefined) {
      total += lines;
      continue;
    }
    try {
      const data = (JSON.parse(readFileSync(list, 'utf8')) as { data?: unknown[] }).data;
      total += Array.isArray(data) ? data.length : 1;
    } catch {
      total += 1;
    }
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
        else if (atLineStart && b !== 32 && b !== 9 && b !== 13) {
          if (!seenContent && b === 123) return undefined; // '{': a feed
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
