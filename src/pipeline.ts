// The per-article path, shared by `import`, `batch` and `inspect`:
// decode -> parse -> extract (adapter or generic, cleaning inside) -> Markdown -> article,
// then filed by the registry (filing.ts) -> post.
import { decodeHtml, type Decoded } from './decode.js';
import { extractArticle, type ExtractOptions, type KnownZones } from './extract/index.js';
import type { Extracted, Filing } from './extract/types.js';
import { fileArticle, type FilingChoices } from './filing.js';
import type { PageLanguage } from './extract/language.js';
import { ARCHIVE, type Registry } from './sources.js';
import { toMarkdown } from './markdown/index.js';
import { parseFragment, parseHtml, type CheerioAPI } from './parse.js';
import { cleanBody, type CleanRules } from './clean.js';
import type { Cheerio } from 'cheerio/slim';
import type { AnyNode, Element, ParentNode } from 'domhandler';
import type { PostFields } from './post/schema.js';
import { isSpace, MIN_BODY_WEIGHT, proseText, textWeight } from './text.js';

export interface Post {
  /** Relative to the site root: content/<lang>/news/<folder>/<id>.<lang>.md */
  path: string;
  link: string;
  fields: PostFields;
  markdown: string;
  /** The whole file. */
  text: string;
  /** Where it is filed (the path's folder and id), and its body's clean text (for the summary). */
  folder: string;
  id: string;
  bodyText: string;
  /** The extractor (a site adapter's name, "generic", or "feed"), and what it warned of. */
  extractor: string;
  warnings: string[];
  /** The extraction in full, for posts built from a page. */
  extracted?: Extracted;
}

export interface Source {
  /** The page's text, or the parts it was decoded into (joined only if an adapter asks). */
  html: string | Decoded;
  url: URL;
  fetchedAt: Date;
  /** The HTTP Content-Language header, when the page was fetched. */
  contentLanguage?: string;
}

/** What a page says, before it is filed: built in a worker thread by batch, filed in the main one. */
export interface Article {
  /** The canonical link (src/extract/link.ts). */
  link: string;
  title: string;
  /** Archive form, Beijing time; undefined when the page shows none. */
  date?: string;
  /** What was looked for, when no date was found. */
  dateLookedFor?: string;
  thumbnail: string;
  markdown: string;
  bodyText: string;
  /** The page's own id, where a site adapter reads one. */
  pageId?: string;
  /** A site adapter's folder, category and language for its site: the suggestion when the site is registered. */
  suggested?: Filing;
  language: PageLanguage;
  fetchedAt: Date;
  extractor: string;
  warnings: string[];
  /** The extraction in full (not sent across threads). */
  extracted?: Extracted;
}

/** A saved page without a given URL may name its own: canonical link, then og:url. */
export function pageUrl(given: URL, $: CheerioAPI): URL {
  if (given.protocol === 'http:' || given.protocol === 'https:') return given;
  for (const value of declaredUrls($.root()[0])) {
    try {
      const url = new URL(value ?? '');
      if (url.protocol === 'http:' || url.protocol === 'https:') return url;
    } catch {
      // not a URL: try the next
    }
  }
  return given;
}

/**
 * What `$('link[rel="canonical"]').attr('href')` and `$('meta[property="og:url"]').attr('content')`
 * give (rel compared ignoring case, as in HTML), in one walk of the page that stops once
 * both elements are met, rather than a whole-page query for each.
 */
function declaredUrls(root: ParentNode): [string | undefined, string | undefined] {
  let canonical: Element | undefined;
  let ogUrl: Element | undefined;
  const stack: AnyNode[] = [root];
  while (stack.length && !(canonical && ogUrl)) {
    const node = stack.pop()!;
    if (node.type === 'tag') {
      const el = node as Element;
      const rel = el.attribs.rel;
      if (!canonical && el.name === 'link' && rel?.length === 9 && rel.toLowerCase() === 'canonical') canonical = el;
      if (!ogUrl && el.name === 'meta' && el.attribs.property === 'og:url') ogUrl = el;
    }
    if ('children' in node) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]);
  }
  return [canonical?.attribs.href, ogUrl?.attribs.content];
}

export function buildArticle(source: Source, options: ExtractOptions = {}): Article {
  const { html } = source;
  const $ = parseHtml(typeof html === 'string' ? html : html.parts);
  const page = {
    $,
    get html() {
      return typeof html === 'string' ? html : html.text;
    },
    url: pageUrl(source.url, $),
    fetchedAt: source.fetchedAt,
    contentLanguage: source.contentLanguage,
  };
  const extracted = extractArticle(page, options);
  const { root } = extracted.body.value;
  const markdown = toMarkdown(root[0].children);
  const bodyText = proseText(root.toArray());
  return {
    link: extracted.link,
    title: extracted.title.value,
    date: extracted.date?.value,
    dateLookedFor: extracted.date ? undefined : extracted.dateLookedFor,
    thumbnail: extracted.cover.value,
    markdown,
    bodyText,
    pageId: extracted.id,
    suggested: extracted.suggested,
    language: extracted.language,
    fetchedAt: source.fetchedAt,
    extractor: extracted.extractor,
    warnings: extracted.warnings,
    extracted,
  };
}

/**
 * A page built and filed by the archive's registry (or a site's), as `--register
 * --date-fallback fetch-time` would file it unless other choices are given: never refused
 * for what the registry lacks. For tests and tools that look at extraction; import and
 * batch file with fileArticle and the user's choices.
 */
export function buildPost(source: Source, options: ExtractOptions & { registry?: Registry; choices?: FilingChoices } = {}): Post {
  const choices = options.choices ?? { register: true, dateFallback: 'fetch-time' };
  return fileArticle(buildArticle(source, options), options.registry ?? ARCHIVE, choices).post;
}

/** A body given as HTML (a feed item's description, say): cleaned, then Markdown and summary text. */
export function bodyFromHtml(html: string, baseUrl: string, clean: CleanRules = {}): { markdown: string; text: string } {
  const $ = parseFragment(`<div>${html}</div>`);
  const root = $.root().children().first() as Cheerio<Element>;
  cleanBody(root, baseUrl, clean);
  return { markdown: toMarkdown(root[0].children), text: proseText(root.toArray()) };
}

/** A post from raw bytes, filed as buildPost files. */
export function buildPostFromBytes(bytes: Uint8Array, contentType: string | undefined, url: URL, fetchedAt: Date, options?: Parameters<typeof buildPost>[1]): Post {
  return buildPost({ html: decodeHtml(bytes, contentType), url, fetchedAt }, options);
}

/** From raw bytes, as fetched or read from a saved file. */
export function buildArticleFromBytes(bytes: Uint8Array, headers: { contentType?: string; contentLanguage?: string }, url: URL, fetchedAt: Date, options?: ExtractOptions): Article {
  return buildArticle({ html: decodeHtml(bytes, headers.contentType), url, fetchedAt, contentLanguage: headers.contentLanguage }, options);
}

/**
 * An input's bytes as `import` and `batch` hand them over: plain data, so that a worker
 * thread can take them (a URL object cannot cross).
 */
export interface PageBytes {
  bytes: Uint8Array;
  contentType: string | undefined;
  /** The HTTP Content-Language header: a declaration of the page's language. */
  contentLanguage?: string;
  /** The article's URL (href): the original one of a saved page, the answering one after redirects. */
  url: string;
  /** Epoch milliseconds. */
  fetchedAt: number;
  /** The zones known beyond the page (--zone, the registry's row), for its zone-less times. */
  zones?: KnownZones;
  /** Import a body too short to be an article (see shortBodyReason). */
  allowShort?: boolean;
}

/**
 * The article `import` and `batch` file for an input: built from its bytes, refused when
 * implausibly short. Both run where the page is parsed (a worker of the pool), so that the
 * main thread, which files it, never loads the parser.
 */
export function importedArticle(page: PageBytes): Article {
  const article = buildArticleFromBytes(page.bytes, page, new URL(page.url), new Date(page.fetchedAt), { zones: page.zones });
  const short = page.allowShort ? undefined : shortBodyReason({ markdown: article.markdown, fields: { title: article.title } });
  if (short) throw new Error(short);
  return article;
}

/**
 * Why a post's body is implausibly short, or undefined. Read from its Markdown (images,
 * link targets and markup left out), so that posts built in worker threads are judged alike.
 */
export function shortBodyReason(post: Pick<Post, 'markdown'> & { fields: Pick<PostFields, 'title'> }): string | undefined {
  const { text: folded, images } = bodyContent(post.markdown);
  const weight = textWeight(folded);
  if (folded && folded === post.fields.title.replace(/\s+/g, ' ').trim()) return 'the body is only the headline (--allow-short to import it anyway)';
  // A photo story says little in words.
  if (weight < MIN_BODY_WEIGHT && images < 3) return `the body is implausibly short: ${Array.from(folded).length} characters${images ? ` and ${images} image${images > 1 ? 's' : ''}` : ''} (--allow-short to import it anyway)`;
  return undefined;
}

// An image or a link target, or the run a failed one scanned: a `![` or `](` inside that
// run would scan to the same line end and fail too, so it is consumed (and given back
// unchanged) instead of read again from each of them - quadratic on a long line of them.
// Neither spans lines: URLs lose their line breaks when made absolute, alts are folded.
const IMAGE_OR_RUN = /(?<!\\)!\[[^\]\n]*(?:\]\([^)\n]*\)?)?/g;
const TARGET_OR_RUN = /\]\([^)\n]*\)?/g;
const isImage = (md: string) => md.endsWith(')') && md.includes('](');

/** A body's words (images, link targets and Markdown markup left out, whitespace folded) and its image count. */
export function bodyContent(markdown: string): { text: string; images: number } {
  let images = 0;
  const text = markdown
    .replace(IMAGE_OR_RUN, (md) => (isImage(md) ? (images++, ' ') : md))
    .replace(TARGET_OR_RUN, (md) => (md.endsWith(')') ? ']' : md));
  return { text: foldMarkup(text), images };
}

/** Markdown markup characters, left out of a body's words. */
const MARKUP = new Set([...'*_#>|`[]-'].map((c) => c.charCodeAt(0)));

/**
 * Each run of markup and whitespace as one space, the ends trimmed: what
 * `.replace(/[*_#>|`[\]\-]+/g, ' ').replace(/\s+/g, ' ').trim()` gives, in one pass into
 * one buffer. Two global replaces of a line of a million marks made a million small
 * strings, and took five to twelve times as long for four times the marks.
 */
function foldMarkup(text: string): string {
  const out = new Uint16Array(text.length);
  let length = 0;
  let gap = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (MARKUP.has(code) || isSpace(code)) gap = length > 0;
    else {
      if (gap) out[length++] = 32;
      gap = false;
      out[length++] = code;
    }
  }
  // UTF-16 code units as they are, lone surrogates included.
  return Buffer.from(out.buffer, 0, length * 2).toString('utf16le');
}

