// `pressclip import <url-or-file>...`: each input through the pipeline, one outcome each.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { chooseAdapterForUrl } from '../extract/adapters/index.js';
import { DEFAULTS, fetchPage, type FetchedPage, type FetchOptions } from '../fetch.js';
import type { KnownZones } from '../extract/index.js';
import type { FilingChoices, Missing } from '../filing.js';
import { readStandardInput, type Input } from '../inputs.js';
import type { Article, Post } from '../pipeline.js';
import { resolveUnderContent } from '../post/path.js';
import { MAX_FRONT_MATTER } from '../post/schema.js';
import type { Registry } from '../sources.js';
import { ArchiveIndex, writeAtomic, WriteRefused } from '../write.js';

export interface ImportOptions {
  root: string;
  stdout: boolean;
  dryRun: boolean;
  force: boolean;
  /** The original URL of a saved page. */
  url?: string;
  /** Import bodies too short to be an article (see shortBodyReason). */
  allowShort?: boolean;
  /** Folder, category, language, id, --register and --date-fallback, as the user gave them. */
  choices: FilingChoices;
  /** The site's sources registry (with its config); --register adds to it. */
  registry: Registry;
  timeoutMs: number;
  /** Refuse loopback, private, link-local and unique-local addresses (`--no-private`). */
  noPrivate?: boolean;
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
  /** For a skip: the post that already holds the article (relative to the site root). */
  existing?: string;
  post?: Post;
  error?: string;
  /** What --register added to the site's config for this input. */
  registered?: string;
}

/** How pages are fetched: directly for `import`, through retries and per-host limits for `batch`. */
export type Fetcher = (url: string, options: FetchOptions) => Promise<FetchedPage>;

/** How fetched bytes become an article: in this thread for `import`, in worker threads for `batch`. */
export type Build = (loaded: Loaded) => Promise<Article>;
// The pipeline (HTML parser, Markdown converter) is loaded on first use: batch runs it in workers.
const buildHere: Build = async (l) => (await import('../pipeline.js')).buildArticleFromBytes(l.bytes, l, l.url, l.fetchedAt, { zones: l.zones });

/** An input's bytes, as fetched or read, with what the pipeline needs to know of them. */
export interface Loaded {
  bytes: Uint8Array;
  contentType: string | undefined;
  /** The HTTP Content-Language header: a declaration of the page's language. */
  contentLanguage?: string;
  /** The article's URL (the original one of a saved page; the answering one after redirects). */
  url: URL;
  fetchedAt: Date;
  /** The zones known beyond the page (--zone, the registry's row), for its zone-less times. */
  zones?: KnownZones;
}

export async function loadInput(input: Input, options: Pick<ImportOptions, 'url' | 'timeoutMs' | 'noPrivate'>, fetcher: Fetcher = fetchPage): Promise<Loaded> {
  if (input.kind === 'stdin') {
    const { bytes, savedAt } = await readStandardInput(DEFAULTS.maxBytes);
    return { bytes, contentType: undefined, url: new URL(options.url ?? 'file:///dev/stdin'), fetchedAt: savedAt };
  }
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
    const answer = await fetcher(api.url, { timeoutMs: options.timeoutMs, noPrivate: options.noPrivate, api });
    return { bytes: answer.body, contentType: 'text/html; charset=utf-8', url: input.url, fetchedAt: answer.fetchedAt };
  }
  const target = adapter?.fetchUrl?.(input.url) ?? input.url.href;
  const page = await fetcher(target, { timeoutMs: options.timeoutMs, noPrivate: options.noPrivate });
  return { bytes: page.body, contentType: page.headers['content-type'], contentLanguage: page.headers['content-language'], url: new URL(page.url), fetchedAt: page.fetchedAt };
}

export async function importOne(input: Input, options: ImportOptions, index: ArchiveIndex, fetcher: Fetcher = fetchPage, build: Build = buildHere): Promise<Outcome> {
  const base: Outcome = { input: input.arg, status: 'failed', url: input.kind === 'url' ? input.url.href : options.url };
  let post: Post;
  let register: Missing | undefined;
  try {
    const loaded = await loadInput(input, options, fetcher);
    const source = options.registry.find(loaded.url);
    const article = await build({ ...loaded, zones: { user: options.zone, source: source?.zone ? { zone: source.zone, folder: source.folder } : undefined } });
    const { shortBodyReason } = await import('../pipeline.js');
    const short = options.allowShort ? undefined : shortBodyReason({ markdown: article.markdown, fields: { title: article.title } });
    if (short) throw new Error(short);
    // Filed here, in the thread that holds the registry: --register changes it as the run goes.
    ({ post, register } = (await import('../filing.js')).fileArticle(article, options.registry, options.choices));
  } catch (error) {
    return { ...base, error: (error as Error).message };
  }
  return savePost(post, base, options, index, register);
}

/** Adds what a post lacks to the site's config (not with --dry-run or --stdout, which change nothing). */
async function registerFor(missing: Missing | undefined, options: Pick<ImportOptions, 'root' | 'registry' | 'dryRun' | 'stdout'>): Promise<string | undefined> {
  if (!missing) return undefined;
  const { addSource } = await import('./sources.js');
  // Another input of the run may have registered it meanwhile (batch files in parallel).
  const done = addSource(options.registry, options.root, missing.row, options.dryRun || options.stdout);
  return done.changed ? done.message : undefined;
}

/**
 * The write step shared by every way a post is made: register what it lacks (--register),
 * skip what exists, else write atomically.
 */
export async function savePost(post: Post, base: Outcome, options: Pick<ImportOptions, 'root' | 'stdout' | 'dryRun' | 'force' | 'registry'>, index: ArchiveIndex, register?: Missing): Promise<Outcome> {
  let registered: string | undefined;
  try {
    registered = await registerFor(register, options);
  } catch (error) {
    return { ...base, error: (error as Error).message };
  }
  if (registered) base = { ...base, registered };
  if (options.stdout) return { ...base, url: post.link, path: post.path, post, status: 'printed' };
  // Never a post that validate refuses: the block between the --- lines, as validate measures it.
  const frontMatter = post.text.indexOf('\n---\n', 3) - 3;
  if (frontMatter > MAX_FRONT_MATTER.chars) return { ...base, error: `the front matter would hold ${frontMatter.toLocaleString('en')} characters, at most ${MAX_FRONT_MATTER.chars.toLocaleString('en')}: a title, summary or cover URL that long is no article's` };
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
    await writeAtomic(file, post.text, { within: path.resolve(options.root, 'content'), overwrite: options.force });
    await index.add(file, post.link);
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    if (e.code === 'EEXIST') return { ...done, status: 'skipped', existing: done.path };
    // A refusal names the path itself; a system error is said of the post's file.
    return { ...base, error: error instanceof WriteRefused ? e.message : `cannot write ${toPosix(path.relative(process.cwd(), file)) || file}: ${e.message}` };
  }
  return { ...done, status: existing ? 'overwritten' : 'written' };
}

const toPosix = (relative: string) => relative.split(path.sep).join('/');

/** Inputs one after another; a failure never stops the rest. */
export async function* importAll(inputs: Input[], options: ImportOptions): AsyncGenerator<Outcome> {
  const index = new ArchiveIndex();
  for (const input of inputs) yield await importOne(input, options, index);
}
