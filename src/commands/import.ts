// `pressclip import <url-or-file>...`: each input through the pipeline, one outcome each.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { chooseAdapterForUrl } from '../extract/adapters/index.js';
import { DEFAULTS, fetchPage, type FetchedPage, type FetchOptions } from '../fetch.js';
import type { Input } from '../inputs.js';
import type { Post, Refiling } from '../pipeline.js';
import { resolveUnderContent } from '../post/path.js';
import { ArchiveIndex, writeAtomic } from '../write.js';

export interface ImportOptions {
  root: string;
  stdout: boolean;
  dryRun: boolean;
  force: boolean;
  /** The original URL of a saved page. */
  url?: string;
  /** Import bodies too short to be an article (see shortBodyReason). */
  allowShort?: boolean;
  /** Folder, category, language or id given by the user, over what the page and registry say. */
  refiling?: Refiling;
  timeoutMs: number;
  /** The zone of zone-less times (`--zone`), over the registry's and the page's. */
  zone?: string;
}

export type Status = 'written' | 'overwritten' | 'skipped' | 'would-write' | 'printed' | 'failed';

export interface Outcome {
  input: string;
  status: Status;
  url?: string;
  /** Relative to the site root. */
  path?: string;
  /** For a skip: the post that already holds the article. */
  existing?: string;
  post?: Post;
  error?: string;
}

/** How pages are fetched: directly for `import`, through retries and per-host limits for `batch`. */
export type Fetcher = (url: string, options: FetchOptions) => Promise<FetchedPage>;

/** How fetched bytes become a post: in this thread for `import`, in worker threads for `batch`. */
export type Build = (bytes: Uint8Array, contentType: string | undefined, url: URL, fetchedAt: Date, zone?: string) => Promise<Post>;
// The pipeline (HTML parser, Markdown converter) is loaded on first use: batch runs it in workers.
const buildHere: Build = async (bytes, contentType, url, fetchedAt, zone) => (await import('../pipeline.js')).buildPostFromBytes(bytes, contentType, url, fetchedAt, { zone });

/** An input's bytes, as fetched or read, with what the pipeline needs to know of them. */
export interface Loaded {
  bytes: Uint8Array;
  contentType: string | undefined;
  /** The article's URL (the original one of a saved page; the answering one after redirects). */
  url: URL;
  fetchedAt: Date;
}

export async function loadInput(input: Input, options: Pick<ImportOptions, 'url' | 'timeoutMs'>, fetcher: Fetcher = fetchPage): Promise<Loaded> {
  if (input.kind === 'file') {
    // The same cap as a fetched page: no news article is that large, and parsing one
    // would take seconds and a gigabyte.
    const { size, mtime } = await stat(input.file);
    if (size > DEFAULTS.maxBytes) throw new Error(`page larger than ${DEFAULTS.maxBytes / 1048576} MB (the file holds ${(size / 1048576).toFixed(1)} MB)`);
    // A saved page was fetched no later than the file was written.
    return { bytes: await readFile(input.file), contentType: undefined, url: new URL(options.url ?? `file://${input.file}`), fetchedAt: mtime };
  }
  const adapter = chooseAdapterForUrl(input.url);
  const api = adapter?.api?.(input.url);
  if (api) {
    // The answer is the article's data, built as the article's URL (its adapter reads it).
    const answer = await fetcher(api.url, { timeoutMs: options.timeoutMs, api });
    return { bytes: answer.body, contentType: 'text/html; charset=utf-8', url: input.url, fetchedAt: answer.fetchedAt };
  }
  const target = adapter?.fetchUrl?.(input.url) ?? input.url.href;
  const page = await fetcher(target, { timeoutMs: options.timeoutMs });
  return { bytes: page.body, contentType: page.headers['content-type'], url: new URL(page.url), fetchedAt: page.fetchedAt };
}

async function loadPost(input: Input, options: ImportOptions, fetcher: Fetcher, build: Build): Promise<Post> {
  const loaded = await loadInput(input, options, fetcher);
  return build(loaded.bytes, loaded.contentType, loaded.url, loaded.fetchedAt, options.zone);
}

export async function importOne(input: Input, options: ImportOptions, index: ArchiveIndex, fetcher: Fetcher = fetchPage, build: Build = buildHere): Promise<Outcome> {
  const base: Outcome = { input: input.arg, status: 'failed', url: input.kind === 'url' ? input.url.href : options.url };
  let post: Post;
  try {
    post = await loadPost(input, options, fetcher, build);
    const pipeline = await import('../pipeline.js');
    const short = options.allowShort ? undefined : pipeline.shortBodyReason(post);
    if (short) throw new Error(short);
    if (options.refiling) post = pipeline.refile(post, options.refiling);
  } catch (error) {
    return { ...base, error: (error as Error).message };
  }
  return savePost(post, base, options, index);
}

/** The write step shared by every way a post is made: skip what exists, else write atomically. */
export async function savePost(post: Post, base: Outcome, options: Pick<ImportOptions, 'root' | 'stdout' | 'dryRun' | 'force'>, index: ArchiveIndex): Promise<Outcome> {
  if (options.stdout) return { ...base, url: post.link, path: post.path, post, status: 'printed' };
  let place: { file: string; existing?: string };
  try {
    place = await index.locate(resolveUnderContent(options.root, post.path), post.link);
  } catch (error) {
    return { ...base, error: (error as Error).message };
  }
  const { file, existing } = place;
  const done = { ...base, url: post.link, path: toPosix(path.relative(options.root, file)), post };
  if (existing && !options.force) return { ...done, status: 'skipped', existing: toPosix(path.relative(options.root, existing)) };
  if (options.dryRun) return { ...done, status: 'would-write' };
  try {
    // --force replaces the post at the archive's path; an older copy under another name stays.
    await writeAtomic(file, post.text, options.force);
    await index.add(file, post.link);
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    if (e.code === 'EEXIST') return { ...done, status: 'skipped', existing: done.path };
    return { ...base, error: `cannot write ${done.path}: ${e.message}` };
  }
  return { ...done, status: existing ? 'overwritten' : 'written' };
}

const toPosix = (relative: string) => relative.split(path.sep).join('/');

/** Inputs one after another; a failure never stops the rest. */
export async function* importAll(inputs: Input[], options: ImportOptions): AsyncGenerator<Outcome> {
  const index = new ArchiveIndex();
  for (const input of inputs) yield await importOne(input, options, index);
}
