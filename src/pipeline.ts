// The per-article path, shared by `import`, `batch` and `inspect`:
// decode -> parse -> extract (adapter or generic, cleaning inside) -> Markdown -> post.
import { decodeHtml } from './decode.js';
import { extractArticle, type ExtractOptions } from './extract/index.js';
import type { Extracted } from './extract/types.js';
import { toMarkdown } from './markdown/index.js';
import { parseFragment, parseHtml, type CheerioAPI } from './parse.js';
import { cleanBody, type CleanRules } from './clean.js';
import type { Cheerio } from 'cheerio/slim';
import type { Element } from 'domhandler';
import { postPath } from './post/path.js';
import { renderPost } from './post/render.js';
import type { Lang, PostFields } from './post/schema.js';
import { summarize } from './post/summary.js';
import { MIN_BODY_WEIGHT, proseText, textWeight } from './text.js';

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
  html: string;
  url: URL;
  fetchedAt: Date;
}

/** A saved page without a given URL may name its own: canonical link, then og:url. */
export function pageUrl(given: URL, $: CheerioAPI): URL {
  if (given.protocol === 'http:' || given.protocol === 'https:') return given;
  for (const value of [$('link[rel="canonical"]').attr('href'), $('meta[property="og:url"]').attr('content')]) {
    try {
      const url = new URL(value ?? '');
      if (url.protocol === 'http:' || url.protocol === 'https:') return url;
    } catch {
      // not a URL: try the next
    }
  }
  return given;
}

export function buildPost(source: Source, options: ExtractOptions = {}): Post {
  const $ = parseHtml(source.html);
  const page = { $, html: source.html, url: pageUrl(source.url, $), fetchedAt: source.fetchedAt };
  const extracted = extractArticle(page, options);
  const { root } = extracted.body.value;
  const markdown = toMarkdown(root[0].children);
  const bodyText = proseText(root.toArray());
  const fields: PostFields = {
    title: extracted.title.value,
    date: extracted.date.value,
    summary: summarize(bodyText, extracted.filing.lang),
    category: extracted.filing.category,
    lang: extracted.filing.lang,
    thumbnail: extracted.cover.value,
  };
  return {
    path: postPath(fields.lang, extracted.filing.folder, extracted.id),
    link: extracted.link,
    fields,
    markdown,
    text: renderPost(fields, markdown, extracted.link),
    folder: extracted.filing.folder,
    id: extracted.id,
    bodyText,
    extractor: extracted.extractor,
    warnings: extracted.warnings,
    extracted,
  };
}

/** A body given as HTML (a feed item's description, say): cleaned, then Markdown and summary text. */
export function bodyFromHtml(html: string, baseUrl: string, clean: CleanRules = {}): { markdown: string; text: string } {
  const $ = parseFragment(`<div>${html}</div>`);
  const root = $.root().children().first() as Cheerio<Element>;
  cleanBody(root, baseUrl, clean);
  return { markdown: toMarkdown(root[0].children), text: proseText(root.toArray()) };
}

/** From raw bytes, as fetched or read from a saved file. */
export function buildPostFromBytes(bytes: Uint8Array, contentType: string | undefined, url: URL, fetchedAt: Date, options?: ExtractOptions): Post {
  return buildPost({ html: decodeHtml(bytes, contentType).text, url, fetchedAt }, options);
}

/**
 * Why a post's body is implausibly short, or undefined. Read from its Markdown (images,
 * link targets and markup left out), so that posts built in worker threads are judged alike.
 */
export function shortBodyReason(post: Pick<Post, 'markdown' | 'fields'>): string | undefined {
  const { text: folded, images } = bodyContent(post.markdown);
  const weight = textWeight(folded);
  if (folded && folded === post.fields.title.replace(/\s+/g, ' ').trim()) return 'the body is only the headline (--allow-short to import it anyway)';
  // A photo story says little in words.
  if (weight < MIN_BODY_WEIGHT && images < 3) return `the body is implausibly short: ${Array.from(folded).length} characters${images ? ` and ${images} image${images > 1 ? 's' : ''}` : ''} (--allow-short to import it anyway)`;
  return undefined;
}

const MD_IMAGE = /!\[[^\]]*\]\([^)]*\)/g;

/** A body's words (images, link targets and Markdown markup left out, whitespace folded) and its image count. */
export function bodyContent(markdown: string): { text: string; images: number } {
  const text = markdown.replace(MD_IMAGE, ' ').replace(/\]\([^)]*\)/g, ']').replace(/[*_#>|`[\]\-]+/g, ' ');
  return { text: text.replace(/\s+/g, ' ').trim(), images: (markdown.match(MD_IMAGE) ?? []).length };
}

/** What a user may set in place of what the page and registry say (`import --folder ...`). */
export interface Refiling {
  folder?: string;
  category?: string;
  lang?: Lang;
  id?: string;
}

/**
 * The post filed elsewhere: path, category, language (and so the summary's rule) as given.
 * A new folder takes the category along when the category was the folder's name.
 */
export function refile(post: Post, to: Refiling): Post {
  const folder = to.folder ?? post.folder;
  const id = to.id ?? post.id;
  const lang = to.lang ?? post.fields.lang;
  const category = to.category ?? (to.folder && post.fields.category === post.folder ? to.folder : post.fields.category);
  const fields: PostFields = { ...post.fields, category, lang, summary: lang === post.fields.lang ? post.fields.summary : summarize(post.bodyText, lang) };
  return { ...post, fields, folder, id, path: postPath(lang, folder, id), text: renderPost(fields, post.markdown, post.link) };
}
