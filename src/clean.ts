// Stage 5: the article body made fit for conversion. Works in place on the body's DOM.
import type { Cheerio, CheerioAPI } from 'cheerio/slim';
import { Text, type AnyNode, type Element } from 'domhandler';
import { INVISIBLE } from './post/summary.js';
import { BLOCK_TAGS, blockText } from './text.js';

export interface CleanRules {
  /** Selectors removed from the body (a site's widgets, say). */
  remove?: readonly string[];
  /** Blocks whose whole text matches one of these are removed (platform disclaimers). */
  dropText?: readonly RegExp[];
}

/** Never article content: code, embeds, forms, players. */
const ALWAYS_REMOVE = [
  'script', 'style', 'noscript', 'template', 'link', 'meta', 'iframe', 'object', 'embed', 'video', 'audio',
  'canvas', 'form', 'button', 'input', 'select', 'textarea', 'svg', 'dialog',
].join(',');

/** Lazy-loading attributes, most specific first; `src` is often a placeholder. */
const LAZY_SRC = ['data-src', 'data-original', 'data-lazy-src', 'data-actualsrc', 'data-url', 'data-echo', 'data-lazyload', 'data-original-src', 'data-hi-res-src', 'data-full-src', 'src'];
const PLACEHOLDER = /^data:|^about:|(^|\/)(blank|spacer|pixel|placeholder|loading|lazy)[^/]*\.(gif|png|svg)(\?|$)/i;

export function cleanBody($: CheerioAPI, root: Cheerio<Element>, pageUrl: string, rules: CleanRules = {}): void {
  root.find(ALWAYS_REMOVE).remove();
  if (rules.remove?.length) root.find(rules.remove.join(',')).remove();
  removeComments(root);
  resolveImages($, root, pageUrl);
  resolveLinks($, root, pageUrl);
  normalizeText(root);
  if (rules.dropText?.length) dropMatchingBlocks($, root, rules.dropText);
  removeSpacers($, root);
}

function removeComments(root: Cheerio<Element>): void {
  const walk = (node: AnyNode) => {
    const el = node as Element;
    if (!el.children) return;
    for (const child of [...el.children]) {
      if (child.type === 'comment') removeNode(child);
      else walk(child);
    }
  };
  root.each((_, el) => walk(el));
}

function removeNode(node: AnyNode): void {
  const parent = node.parent as Element | null;
  if (!parent) return;
  const i = parent.children.indexOf(node);
  if (i >= 0) parent.children.splice(i, 1);
  if (node.prev) node.prev.next = node.next;
  if (node.next) node.next.prev = node.prev;
  node.parent = node.prev = node.next = null;
}

/** An absolute https-preferring URL, or undefined for what cannot be fetched. */
export function absoluteUrl(value: string | undefined, base: string): string | undefined {
  const raw = value?.trim();
  if (!raw) return undefined;
  try {
    const url = new URL(raw.startsWith('//') ? `https:${raw}` : raw, base);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    return url.href;
  } catch {
    return undefined;
  }
}

function pickImageSource(img: Cheerio<Element>): string | undefined {
  for (const attr of LAZY_SRC) {
    const v = img.attr(attr)?.trim();
    if (v && !PLACEHOLDER.test(v)) return v;
  }
  const srcset = img.attr('data-srcset') ?? img.attr('srcset');
  return srcset?.split(',')[0]?.trim().split(/\s+/)[0] || undefined;
}

function resolveImages($: CheerioAPI, root: Cheerio<Element>, base: string): void {
  root.find('picture source').remove();
  root.find('img').each((_, el) => {
    const img = $(el);
    const src = absoluteUrl(pickImageSource(img), base);
    if (!src) {
      img.remove();
      return;
    }
    const alt = img.attr('alt') ?? '';
    const title = img.attr('title');
    // Only what Markdown keeps; the rest (style, class, lazy attributes) is noise.
    for (const name of Object.keys(el.attribs)) img.removeAttr(name);
    img.attr('src', src);
    if (alt) img.attr('alt', alt);
    if (title) img.attr('title', title);
  });
}

function resolveLinks($: CheerioAPI, root: Cheerio<Element>, base: string): void {
  root.find('a').each((_, el) => {
    const a = $(el);
    const href = absoluteUrl(a.attr('href'), base);
    if (href) a.attr('href', href);
    else a.removeAttr('href');
  });
}

/** A line break between two Chinese characters is source formatting, not a space. */
const CJK_BREAK = /([\p{Script=Han}\u3000-\u303f\uff00-\uffef])[ \t]*[\r\n]+[ \t]*(?=[\p{Script=Han}\u3000-\u303f\uff00-\uffef])/gu;

/** Zero-width characters out; source line breaks inside Chinese text joined. */
function normalizeText(root: Cheerio<Element>): void {
  const walk = (node: AnyNode) => {
    if (node.type === 'text') {
      const t = node as unknown as { data: string };
      t.data = t.data.replace(INVISIBLE, '').replace(CJK_BREAK, '$1');
    } else if ((node as Element).name !== 'pre') for (const child of (node as Element).children ?? []) walk(child);
  };
  root.each((_, el) => walk(el));
}

/** Removes the innermost blocks whose whole text matches a pattern, then any wrapper left empty. */
function dropMatchingBlocks($: CheerioAPI, root: Cheerio<Element>, patterns: readonly RegExp[]): void {
  const blocks = root.find([...BLOCK_TAGS].filter((t) => t !== 'br' && t !== 'hr').join(','));
  blocks.each((_, el) => {
    const text = blockText(el).replace(/\s+/g, ' ').trim();
    if (!text || !patterns.some((p) => p.test(text))) return;
    // Innermost only: a matching block with a matching child block leaves it to the child.
    const hasMatchingChild = $(el)
      .children()
      .toArray()
      .some((c) => BLOCK_TAGS.has(c.name) && patterns.some((p) => p.test(blockText(c).replace(/\s+/g, ' ').trim())));
    if (!hasMatchingChild) $(el).remove();
  });
}

/** Elements that show something without text. */
const CONTENT_TAGS = new Set(['img', 'table', 'hr', 'pre', 'math', 'figure', 'td', 'th']);
/** Wrappers that are removed when they hold no text and nothing shown. */
const PRUNABLE = new Set(['p', 'div', 'section', 'span', 'strong', 'b', 'em', 'i', 'u', 'font', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'ul', 'ol', 'blockquote', 'figcaption', 'a', 'center', 'article', 'small', 'sup', 'sub', 'mark', 'code']);

/** Spacer paragraphs (`<p><br></p>`, `&nbsp;`, empty sections) go, in one bottom-up pass. */
function removeSpacers(_$: CheerioAPI, root: Cheerio<Element>): void {
  const prune = (node: AnyNode): boolean => {
    if (node.type === 'text') return /\S/.test((node as unknown as { data: string }).data);
    if (node.type !== 'tag') return false;
    const el = node as Element;
    let shows = CONTENT_TAGS.has(el.name);
    for (const child of [...el.children]) if (prune(child)) shows = true;
    if (!shows && PRUNABLE.has(el.name)) {
      // An empty inline wrapper between two words may hold the only space between them.
      const keepSpace = !BLOCK_TAGS.has(el.name) && /\s/.test(blockText(el));
      if (keepSpace) replaceWithSpace(el);
      else removeNode(el);
    }
    return shows;
  };
  root.each((_, el) => {
    for (const child of [...el.children]) prune(child);
  });
}

function replaceWithSpace(el: Element): void {
  const parent = el.parent as Element | null;
  if (!parent) return;
  const space = new Text(' ');
  space.parent = parent;
  space.prev = el.prev;
  space.next = el.next;
  const i = parent.children.indexOf(el);
  parent.children[i] = space;
  if (el.prev) el.prev.next = space;
  if (el.next) el.next.prev = space;
  el.parent = el.prev = el.next = null;
}
