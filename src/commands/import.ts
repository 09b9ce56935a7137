// `pressclip import <url-or-file>...`: each input through the pipeline, one outcome each.
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { chooseAdapterForUrl } from '../extract/adapters/index.js';
import type { FetchedPage, FetchOptions } from '../fetch.js';
import type { KnownZones } from '../extract/index.js';
import type { Filed, FilingChoices, Missing } from '../filing.js';
import { MAX_PAGE_BYTES, readStandardInput, type Input } from '../inputs.js';
import type { Article, PageBytes, Post } from '../pipeline.js';
import { buildHere, type Build } from '../pool.js';
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

/**
 * `import`'s: fetch.ts, and Node's network modules with it, loaded by the first URL, as a
 * saved page needs none of them. `pressclip import page.html` waits on little else.
 */
const fetchPage: Fetcher = async (url, options) => (await import('../fetch.js')).fetchPage(url, options);

/** An input's bytes, as fetched or read, with what the pipeline needs to know of them. */
export interface Loaded {
  bytes: Uint8Array;
  contentType: string | undefined;
  /** The HTTP Content-Language header: a declaration of the page's language. */
  contentLanguage?: string;
  /** The article's URL (the original one of a saved page; the answering one after redirects). */
  url: URL;
  fetchedAt: Date;
}

export async function loadInput(input: Input, options: Pick<ImportOptions, 'url' | 'timeoutMs' | 'noPrivate'>, fetcher: Fetcher = fetchPage): Promise<Loaded> {
  if (input.kind === 'stdin') {
    const { bytes, savedAt } = await readStandardInput(MAX_PAGE_BYTES);
    return { bytes, contentType: undefined, url: new URL(options.url ?? 'file:///dev/stdin'), fetchedAt: savedAt };
  }
  if (input.kind === 'file') {
    const { size, mtime } = await stat(input.file);
    if (size > MAX_PAGE_BYTES) throw new Error(`page larger than ${MAX_PAGE_BYTES / 1048576} MB (the file holds ${(size / 1048576).toFixed(1)} MB)`);
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

/** The zones the registry and --zone know for an article at `url`, for its zone-less times. */
function knownZones(options: Pick<ImportOptions, 'registry' | 'zone'>, url: string): KnownZones {
  const source = options.registry.find(new URL(url));
  return { user: options.zone, source: source?.zone ? { zone: source.zone, folder: source.folder } : undefined };
}

/** An input's page and the article built from it, or (in `base.error`) why there is none. */
interface Made {
  base: Outcome;
  page?: PageBytes;
  article?: Article;
}

/** An input read or fetched and built into an article by `build` (in a worker of the pool). */
async function makeArticle(input: Input, options: ImportOptions, fetcher: Fetcher, build: Build): Promise<Made> {
  const base: Outcome = { input: input.arg, status: 'failed', url: input.kind === 'url' ? input.url.href : options.url };
  try {
    const loaded = await loadInput(input, options, fetcher);
    const url = loaded.url.href;
    const page: PageBytes = { bytes: loaded.bytes, contentType: loaded.contentType, contentLanguage: loaded.contentLanguage, url, fetchedAt: loaded.fetchedAt.getTime(), zones: knownZones(options, url), allowShort: options.allowShort };
    return { base, page, article: await build(page) };
  } catch (error) {
    return { base: { ...base, error: (error as Error).message } };
  }
}

/**
 * The article filed by the registry and saved. Filed here, in the thread that holds the
 * registry: --register changes it as the run goes. An earlier input of the run may have
 * registered this one's site since it was built (import builds ahead, batch in parallel),
 * and with it a zone: then the page is built again, as it would have been after it.
 */
async function fileAndSave(made: Made, options: ImportOptions, index: ArchiveIndex, build: Build): Promise<Outcome> {
  const { base, page } = made;
  if (!page || !made.article) return base;
  let filed: Filed;
  try {
    let article = made.article;
    const zones = knownZones(options, page.url);
    if (JSON.stringify(zones) !== JSON.stringify(page.zones)) article = await build({ ...page, zones });
    filed = (await import('../filing.js')).fileArticle(article, options.registry, options.choices);
  } catch (error) {
    return { ...base, error: (error as Error).message };
  }
  return savePost(filed.post, base, options, index, filed.register);
}

export async function importOne(input: Input, options: ImportOptions, index: ArchiveIndex, fetcher: Fetcher = fetchPage, build: Build = buildHere): Promise<Outcome> {
  return fileAndSave(await makeArticle(input, options, fetcher, build), options, index, build);
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
  // One path at a time: a second article bound for it sees the first one's post (ArchiveIndex.claim).
  const wanted = resolveUnderContent(options.root, post.path);
  return index.claim(wanted, () => writeAt(wanted, post, base, options, index));
}

/** The post written at `wanted` (or beside it, when another article holds that path), unless the site has it. */
async function writeAt(wanted: string, post: Post, base: Outcome, options: Pick<ImportOptions, 'root' | 'dryRun' | 'force'>, index: ArchiveIndex): Promise<Outcome> {
  let place: { file: string; existing?: string };
  try {
    place = await index.locate(wanted, post.link);
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

/**
 * Every input, its outcome given in input order; a failure never stops the rest. Up to
 * `jobs` inputs are built at once (by `build`: the caller's pool of workers) while the
 * next is read or fetched; articles are filed and posts written one after another, in
 * input order, so that of two inputs naming one article the first is written and the
 * second skipped, and what one registers (--register) holds for the next, as when run
 * one by one.
 */
export async function* importAll(inputs: Input[], options: ImportOptions, build: Build, jobs: number): AsyncGenerator<Outcome> {
  // Loaded while the first input is read and built, not after (fileAndSave waits for it).
  import('../filing.js').catch(() => undefined);
  const index = new ArchiveIndex();
  const made: Array<Promise<Made>> = [];
  let next = 0;
  const more = () => {
    while (next < inputs.length && made.length <= jobs) made.push(makeArticle(inputs[next++], options, fetchPage, build));
  };
  more();
  while (made.length) {
    const done = await made.shift()!;
    more();
    yield await fileAndSave(done, options, index, build);
  }
}
