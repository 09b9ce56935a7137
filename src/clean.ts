// Stage 5: the article body made fit for conversion, in place on the body's DOM.
// Three passes: a site's own selectors; one walk that drops code, embeds and comments,
// resolves images and links and strips attributes; then bottom-up removal of
// disclaimer blocks and of spacers that hold nothing.
import type { Cheerio } from 'cheerio/slim';
import { Text, type AnyNode, type Element } from 'domhandler';
import { relink } from './parse.js';
import { INVISIBLE } from './post/summary.js';
import { BLOCK_TAGS, blockText } from './text.js';

export interface CleanRules {
  /** Selectors removed from the body (a site's widgets, say). */
  remove?: readonly string[];
  /** Blocks whose whole text matches one of these are removed (platform disclaimers). */
  dropText?: readonly RegExp[];
}

/** Never article content: code, embeds, forms, players. */
const ALWAYS_REMOVE = new Set([
  'script', 'style', 'noscript', 'template', 'link', 'meta', 'iframe', 'object', 'embed', 'video', 'audio', 'source',
  'canvas', 'form', 'button', 'input', 'select', 'textarea', 'svg', 'dialog', 'head', 'title',
]);

/** Lazy-loading attributes, most specific first; `src` is often a placeholder. */
const LAZY_SRC = ['data-src', 'data-original', 'data-lazy-src', 'data-actualsrc', 'data-url', 'data-echo', 'data-lazyload', 'data-original-src', 'data-hi-res-src', 'data-full-src', 'src'];
const PLACEHOLDER = /^data:|^about:|(^|\/)(blank|spacer|pixel|placeholder|loading|lazy)[^/]*\.(gif|png|svg)(\?|$)/i;

/** Scripts keep JSON in data-src (MSN's sizes per column layout): an address never opens with a brace or holds a space. */
const NOT_A_URL = /^[{[]|\s/;

const CAPTION_CLASS = /caption|credit|copyright|(?:image|photo|picture|img|bild|foto)-?(?:desc|text|info|source)/i;

const PICTURE_FILE = /\.(?:jpe?g|png|gif|webp|avif)(?:[?#]|$)/i;

/**
 * An element standing for a picture that scripts load: amp-img, or an empty element whose
 * data-src is a picture (by its file name, or by the element's image class or alt text;
 * a video player's data-src is no picture).
 */
function isLateImage(el: Element): boolean {
  if (el.name === 'amp-img' || el.name === 'amp-anim') return true;
  const src = el.attribs['data-src'];
  if (el.name === 'img' || !src || /\S/.test(blockText(el))) return false;
  if (!PICTURE_FILE.test(src) && !/image|img|photo|picture/i.test(el.attribs.class ?? '') && el.attribs['data-alt'] === undefined) return false;
  return el.children.every((c) => c.type !== 'tag' || (c as Element).name === 'noscript' || (c as Element).name === 'img');
}

/** The attributes Markdown can use; the rest (inline styles above all) only slow the converter. */
const KEPT_ATTRIBUTES: Record<string, readonly string[]> = {
  a: ['href', 'title'],
  img: ['src', 'alt', 'title'],
  td: ['colspan'],
  th: ['colspan'],
  ol: ['start'],
  pre: ['class'],
  code: ['class'],
};

/** A line break between two Chinese characters is source formatting, not a space. */
const CJK_BREAK = /([\p{Script=Han}\u3000-\u303f\uff00-\uffef])[ \t]*[\r\n]+[ \t]*(?=[\p{Script=Han}\u3000-\u303f\uff00-\uffef])/gu;

export function cleanBody(root: Cheerio<Element>, pageUrl: string, rules: CleanRules = {}): void {
  const { matches, rest } = simpleMatchers(rules.remove ?? []);
  if (rest.length) root.find(rest.join(',')).remove();
  const walk: Walk = { base: pageUrl, removed: (el) => matches.some((m) => m(el)) };
  root.each((_, el) => {
    for (const child of [...el.children]) tidyNode(child, walk, false);
    compact(el);
  });
  if (rules.dropText?.length) dropMatchingBlocks(root, rules.dropText);
  removeSpacers(root);
}

function tidyNode(node: AnyNode, walk: Walk, inPre: boolean): void {
  if (node.type === 'text') {
    const t = node as unknown as { data: string };
    t.data = t.data.replace(INVISIBLE, '');
    if (!inPre) t.data = t.data.replace(CJK_BREAK, '$1');
    return;
  }
  if (node.type !== 'tag') {
    removeNode(node); // comments, and script/style nodes
    return;
  }
  const el = node as Element;
  if (walk.removed(el)) {
    removeNode(el);
    return;
  }
  if (el.name === 'form' && wrapsText(el)) {
    // ASP.NET and other frameworks wrap whole pages in one <form>: its content stays.
    for (const child of unwrap(el)) tidyNode(child, walk, inPre);
    return;
  }
  if (ALWAYS_REMOVE.has(el.name)) {
    removeNode(el);
    return;
  }
  if (isLateImage(el)) {
    // amp-img, and a placeholder that a script fills with the picture in its data-src
    // (BBC's div.js-delayed-image-load): the picture they show, as an <img>.
    el.attribs.alt ??= el.attribs['data-alt'] ?? '';
    el.name = 'img';
    el.children = [];
  }
  if (el.name === 'img') {
    const src = absoluteUrl(pickImageSource(el), walk.base);
    if (!src) {
      removeNode(el);
      return;
    }
    el.attribs.src = src;
  } else if (el.name === 'a') {
    const href = absoluteUrl(el.attribs.href, walk.base);
    if (href) el.attribs.href = href;
    else delete el.attribs.href;
  }
  // A caption or credit block says so in its class, which goes with the attributes: it
  // becomes what it is, a <figcaption> (a block either way in Markdown), which the
  // summary leaves out.
  if ((el.name === 'div' || el.name === 'p') && CAPTION_CLASS.test(`${el.attribs.class ?? ''} ${el.attribs.id ?? ''}`)) el.name = 'figcaption';
  const kept = KEPT_ATTRIBUTES[el.name];
  for (const name of Object.keys(el.attribs)) if (!kept?.includes(name)) delete el.attribs[name];
  for (const child of [...el.children]) tidyNode(child, walk, inPre || el.name === 'pre');
  compact(el);
}

interface Walk {
  base: string;
  /** Whether a site's rules remove the element. */
  removed: (el: Element) => boolean;
}

const SIMPLE_SELECTOR = /^([a-z][\w-]*)?(?:([#.])([\w-]+))?(?:\[([\w:-]+)(?:([*^]?)="([^"]*)")?\])?$/;

/** An attribute's value against a selector's `="v"`, `*="v"` or `^="v"`, as Cheerio compares them (an empty `*=` or `^=` matches nothing). */
function attributeMatches(actual: string | undefined, op: string, value: string): boolean {
  if (actual === undefined) return false;
  if (op === '*') return value !== '' && actual.includes(value);
  if (op === '^') return value !== '' && actual.startsWith(value);
  return actual === value;
}

/**
 * Removal selectors answered during the cleaning walk (`tag`, `.class`, `#id`, `[attr]`,
 * `[attr="v"]`, `[attr*="v"]`, `[attr^="v"]` and their combinations), and the rest, left
 * to Cheerio: a Cheerio query walks the whole body once more per call.
 */
function simpleMatchers(selectors: readonly string[]): { matches: ((el: Element) => boolean)[]; rest: string[] } {
  const matches: ((el: Element) => boolean)[] = [];
  const rest: string[] = [];
  for (const selector of selectors) {
    const m = SIMPLE_SELECTOR.exec(selector);
    if (!m || (!m[1] && !m[2] && !m[4])) {
      rest.push(selector);
      continue;
    }
    const [, tag, mark, name, attr, op, value] = m;
    matches.push((el) => {
      if (tag && el.name !== tag) return false;
      if (mark === '#' && el.attribs.id !== name) return false;
      if (mark === '.' && !el.attribs.class?.split(/\s+/).includes(name)) return false;
      if (attr && (value === undefined ? el.attribs[attr] === undefined : !attributeMatches(el.attribs[attr], op, value))) return false;
      return true;
    });
  }
  return { matches, rest };
}

/** A form holding blocks with more text than a form's labels is a page wrapper, not a form. */
const wrapsText = (form: Element) => blockText(form).replace(/\s+/g, '').length > 100 && form.children.some((c) => c.type === 'tag' && BLOCK_TAGS.has((c as Element).name));

/** The element replaced by its children in its parent; returns the children. */
function unwrap(el: Element): AnyNode[] {
  const parent = el.parent as Element;
  compact(parent);
  const kids = el.children;
  parent.children.splice(parent.children.indexOf(el), 1, ...kids);
  relink(parent);
  return kids;
}

/**
 * Unlinks a node from its siblings; its parent's list of children is compacted once,
 * after the pass over them (`compact`): removing 100,000 siblings one by one, each
 * with a search of the list, would take seconds.
 */
function removeNode(node: AnyNode): void {
  if (node.prev) node.prev.next = node.next;
  if (node.next) node.next.prev = node.prev;
  node.parent = node.prev = node.next = null;
}

function compact(el: Element): void {
  if (el.children.some((c) => c.parent !== el)) el.children = el.children.filter((c) => c.parent === el);
}

/** An absolute URL, https for protocol-relative ones; undefined for what cannot be fetched. */
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

function pickImageSource(img: Element): string | undefined {
  for (const attr of LAZY_SRC) {
    const v = img.attribs[attr]?.trim();
    if (v && !PLACEHOLDER.test(v) && !NOT_A_URL.test(v)) return v;
  }
  const srcset = img.attribs['data-srcset'] ?? img.attribs.srcset;
  return srcset?.split(',')[0]?.trim().split(/\s+/)[0] || undefined;
}

/** Longer blocks are never a disclaimer line; their text is not even gathered. */
const MATCH_LIMIT = 400;

/**
 * Removes the innermost blocks whose whole text matches a pattern. One bottom-up pass:
 * a block's text is gathered from its children (already cleaned), up to MATCH_LIMIT.
 */
function dropMatchingBlocks(root: Cheerio<Element>, patterns: readonly RegExp[]): void {
  const visit = (node: AnyNode): string | null => {
    if (node.type === 'text') return (node as unknown as { data: string }).data;
    if (node.type !== 'tag') return '';
    const el = node as Element;
    let text: string | null = '';
    for (const child of [...el.children]) {
      const part = visit(child);
      text = part === null || text === null || text.length > MATCH_LIMIT ? null : text + (BLOCK_TAGS.has((child as Element).name) ? ` ${part} ` : part);
    }
    compact(el);
    if (text !== null && BLOCK_TAGS.has(el.name)) {
      const folded = text.replace(/\s+/g, ' ').trim();
      if (folded && patterns.some((p) => p.test(folded))) {
        removeNode(el);
        return '';
      }
    }
    return text;
  };
  root.each((_, el) => {
    for (const child of [...el.children]) visit(child);
    compact(el);
  });
}

/** Elements that show something without text. */
const CONTENT_TAGS = new Set(['img', 'table', 'hr', 'pre', 'math', 'figure', 'td', 'th']);
/** Wrappers that are removed when they hold no text and nothing shown. */
const PRUNABLE = new Set(['p', 'div', 'section', 'span', 'strong', 'b', 'em', 'i', 'u', 'font', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'ul', 'ol', 'blockquote', 'figcaption', 'a', 'center', 'article', 'small', 'sup', 'sub', 'mark', 'code']);

/** Spacer paragraphs (`<p><br></p>`, `&nbsp;`, empty sections) go, in one bottom-up pass. */
function removeSpacers(root: Cheerio<Element>): void {
  const pruneChildren = (el: Element): boolean => {
    let shows = false;
    el.children.forEach((child, i) => {
      if (prune(child, el, i)) shows = true;
    });
    compact(el);
    return shows;
  };
  const prune = (node: AnyNode, parent: Element, index: number): boolean => {
    if (node.type === 'text') return /\S/.test((node as unknown as { data: string }).data);
    if (node.type !== 'tag') return false;
    const el = node as Element;
    const shows = pruneChildren(el) || CONTENT_TAGS.has(el.name);
    if (!shows && PRUNABLE.has(el.name)) {
      // An empty inline wrapper between two words may hold the only space between them.
      if (!BLOCK_TAGS.has(el.name) && /\s/.test(blockText(el))) replaceWithSpace(el, parent, index);
      else removeNode(el);
    }
    return shows;
  };
  root.each((_, el) => {
    pruneChildren(el);
  });
}

function replaceWithSpace(el: Element, parent: Element, index: number): void {
  const space = new Text(' ');
  space.parent = parent;
  space.prev = el.prev;
  space.next = el.next;
  parent.children[index] = space;
  if (el.prev) el.prev.next = space;
  if (el.next) el.next.prev = space;
  el.parent = el.prev = el.next = null;
}

