// Stage 3: text to a DOM. htmlparser2 (cheerio/slim) rather than parse5: about 8x
// faster on large pages, and forgiving enough for real-world markup.
import { load, type Cheerio, type CheerioAPI } from 'cheerio/slim';
import { DomHandler, type AnyNode, type Document, type ParentNode } from 'domhandler';
import { Parser } from 'htmlparser2';
import { isSpace } from './text.js';

export type { CheerioAPI };

/**
 * The deepest nesting kept. Every later stage walks the tree, and 100,000 nested tags
 * (hostile or broken pages) would overflow any recursive walk; browsers cap the depth
 * the same way (Chromium at 512), so nothing a reader sees is lost.
 */
export const MAX_DEPTH = 256;

/**
 * The most elements a page may hold; a page with more is refused when the parser meets
 * one more (its tree never holds more).
 * The largest of 2,691 real pages (the extraction sets, the saved news pages, the Zyte
 * benchmark) holds 10,477; every later stage costs time and memory per element (about
 * 1 KB each, all stages together), and 100,000 keep a page within a few seconds and
 * the extraction worker's heap. Refused rather than cut: the excess is not known to be
 * furniture (the article may come last), and a post missing its end is worse than none.
 * Mozilla Readability (maxElemsToParse) and trafilatura (max_tree_size) refuse the
 * same way.
 */
export const MAX_ELEMENTS = 100_000;

/** A page refused for its size: the reason names the limit. */
export class PageTooLargeError extends Error {}

/** A page, whole or in the parts it was decoded into (decode.ts). */
export function parseHtml(html: string | readonly string[]): CheerioAPI {
  return loaded(typeof html === 'string' ? [html] : html);
}

/** A fragment (a body held in a JSON string, say) parsed on its own. */
export function parseFragment(html: string): CheerioAPI {
  return loaded([html]);
}

/**
 * One Cheerio for every document. Cheerio's `load` defines a class for each document it
 * loads; V8 keeps the hidden classes of such a class in its old generation, and through
 * them the document stayed reachable until a full collection: every young-generation
 * collection copied the trees of the last pages parsed, and a fifth to a quarter of a
 * page's parse and extraction went to the collector. Here one loaded Cheerio serves all
 * documents, each query given its document as the root, as `load` would give it.
 */
const shared = load([]);
// A selection made from another (find, first, filter...) keeps its document, as it does
// in a Cheerio of its own.
shared.fn._make = function <T>(this: Cheerio<AnyNode>, selector: ArrayLike<T> | T | string, context?: Parameters<CheerioAPI>[1]): Cheerio<T> {
  const made = shared(selector as string, context, this._root?.[0]) as unknown as Cheerio<T>;
  made.prevObject = this as Cheerio<T>;
  return made;
};

/** What `load(html)` gives, without a class of its own: the document parsed as `load` parses it, depth-capped. */
function loaded(parts: readonly string[]): CheerioAPI {
  const { doc, deepest } = parseParts(parts);
  // A walk of the whole tree that can change nothing in a page nested less deeply (nearly all).
  if (deepest >= MAX_DEPTH) capDepth(doc);
  const $ = function (this: unknown, selector?: unknown, context?: Parameters<CheerioAPI>[1]) {
    return shared(selector as string, context, doc);
  } as CheerioAPI;
  // Cheerio's static methods (root, text, html...) read the document from `_root`.
  return Object.assign($, shared, { _root: doc, prototype: shared.prototype });
}

const tooLarge = (elements: number) =>
  new PageTooLargeError(`page too large to extract: ${elements.toLocaleString('en-US')} HTML elements (the limit is ${MAX_ELEMENTS.toLocaleString('en-US')})`);

/** Thrown inside the parse when the open elements nest past MAX_SOURCE_DEPTH. */
const TOO_DEEP = Symbol('too deep');

/**
 * Cheerio's handler (`parseDocument`, with Cheerio's options), counting the elements it
 * makes and watching how deep they nest: a page of more than MAX_ELEMENTS is refused once
 * the parser meets one more (the tree never holds more), and a page nested past
 * MAX_SOURCE_DEPTH is parsed again from a copy without the tags beyond it (limitNesting).
 */
class BoundedHandler extends DomHandler {
  elements = 0;
  /** The depth of the most deeply nested element (a child of the document is at 1). */
  deepest = 0;
  override onopentag(...args: Parameters<DomHandler['onopentag']>): void {
    if (++this.elements > MAX_ELEMENTS) throw tooLarge(countElements(this.parts));
    // The stack holds the document and the open elements: its length is the new element's depth.
    if (this.tagStack.length > this.deepest) this.deepest = this.tagStack.length;
    if (this.tagStack.length > MAX_SOURCE_DEPTH) throw TOO_DEEP;
    super.onopentag(...args);
  }
  constructor(readonly parts: readonly string[]) {
    super(undefined, shared._options);
  }
}

/** The elements the parser makes of a page (nothing kept): for the message of a refusal. */
function countElements(parts: readonly string[]): number {
  let elements = 0;
  const parser = new Parser({ onopentag: () => elements++ }, shared._options);
  for (const part of parts) parser.write(part);
  parser.end();
  return elements;
}

/** The parsed document, and how deep its elements nest (at least MAX_DEPTH when not known). */
function parseParts(parts: readonly string[]): { doc: Document; deepest: number } {
  const handler = new BoundedHandler(parts);
  const parser = new Parser(handler, shared._options);
  try {
    for (const part of parts) parser.write(part);
    parser.end();
    return { doc: handler.root, deepest: handler.deepest };
  } catch (error) {
    if (error !== TOO_DEEP) throw error;
  }
  const { text, elements } = limitNesting(parts.join(''));
  if (elements > MAX_ELEMENTS) throw tooLarge(elements);
  return { doc: shared.fn._parse(text, shared._options, true, null), deepest: Infinity };
}

/** Past this depth, tags are dropped before parsing (their text stays). */
const MAX_SOURCE_DEPTH = 1024;
// Tags that never nest: void elements, and those the parser closes implicitly.
const NOT_NESTING = new Set('area base br col embed hr img input link meta source track wbr p li dt dd option optgroup tr td th thead tbody tfoot rp rt'.split(' '));

const RAW_TEXT_END = /<\/(?:script|style)/gi;

/**
 * htmlparser2 keeps its open elements in an array it unshifts, so each level of nesting
 * costs time proportional to the depth: 100,000 levels take seconds, a million minutes.
 * For a page whose parse went past MAX_SOURCE_DEPTH, one linear scan estimates the depth
 * and rewrites the page without the tags beyond it. The same scan counts the elements
 * the parser will make: one per start tag kept, and one per `</br>` and per `</p>` with
 * no `<p>` open (each makes an element of its own).
 */
export function limitNesting(html: string): { text: string; elements: number } {
  const cuts: Array<[number, number]> = [];
  let depth = 0;
  let elements = 0;
  let inP = false; // roughly: block tags close a <p> too
  let at = html.indexOf('<');
  while (at !== -1) {
    if (html.startsWith('<!--', at)) {
      const close = html.indexOf('-->', at + 4);
      at = close === -1 ? -1 : html.indexOf('<', close + 3);
      continue;
    }
    const end = html.indexOf('>', at + 1);
    if (end === -1) break;
    const closing = html.charCodeAt(at + 1) === 47; // '/'
    const name = tagName(html, at + (closing ? 2 : 1), Math.min(end, at + 40));
    if (!closing && (name === 'script' || name === 'style')) {
      elements++;
      // Their text is not markup: `a<b` in a script is no tag.
      RAW_TEXT_END.lastIndex = end + 1;
      const close = RAW_TEXT_END.exec(html);
      const after = close ? html.indexOf('>', close.index) : -1;
      at = after === -1 ? -1 : html.indexOf('<', after + 1);
      continue;
    }
    let cut = false;
    if (name && !NOT_NESTING.has(name) && html.charCodeAt(end - 1) !== 47) {
      if (closing) {
        cut = depth > MAX_SOURCE_DEPTH;
        depth = Math.max(0, depth - 1);
      } else {
        depth++;
        cut = depth > MAX_SOURCE_DEPTH;
      }
      if (cut) cuts.push([at, end + 1]);
    }
    if (name && !cut) {
      if (!closing) elements++;
      else if (name === 'br' || (name === 'p' && !inP)) elements++;
      if (name === 'p') inP = !closing;
    }
    at = html.indexOf('<', end + 1);
  }
  if (!cuts.length) return { text: html, elements };
  const parts: string[] = [];
  let from = 0;
  for (const [start, stop] of cuts) {
    parts.push(html.slice(from, start));
    from = stop;
  }
  parts.push(html.slice(from));
  return { text: parts.join(''), elements };
}

/**
 * The lowercased tag name at `start` (before `limit`): what `/^[a-zA-Z][^\s/>]*\/` finds
 * there, read in place: a slice and a match per tag made a third of a page's garbage.
 */
function tagName(html: string, start: number, limit: number): string | undefined {
  const first = html.charCodeAt(start) | 32;
  if (start >= limit || first < 97 || first > 122) return undefined;
  let stop = start + 1;
  for (let code = html.charCodeAt(stop); stop < limit && code !== 47 && code !== 62 && !isSpace(code); code = html.charCodeAt(++stop));
  return html.slice(start, stop).toLowerCase();
}

/**
 * Elements deeper than MAX_DEPTH become siblings under their ancestor at that depth,
 * in document order, each keeping its own text: what a browser's tree builder does.
 * Iterative, like every walk that may meet such a tree.
 */
export function capDepth(root: ParentNode): void {
  // Two stacks rather than one of [node, depth] pairs: a pair per element was garbage.
  const nodes: ParentNode[] = [root];
  const depths: number[] = [0];
  while (nodes.length) {
    const node = nodes.pop()!;
    const depth = depths.pop()!;
    for (const child of node.children) {
      if (!('children' in child)) continue;
      if (depth + 1 < MAX_DEPTH) {
        nodes.push(child as ParentNode);
        depths.push(depth + 1);
      } else flatten(child as ParentNode);
    }
  }
}

function flatten(top: ParentNode): void {
  if (!top.children.some((c) => 'children' in c && (c as ParentNode).children.some((g) => 'children' in g))) return;
  const flat: AnyNode[] = [];
  const stack: AnyNode[] = [...top.children].reverse();
  while (stack.length) {
    const node = stack.pop()!;
    flat.push(node);
    if (!('children' in node)) continue;
    const parent = node as ParentNode;
    const kids = parent.children;
    parent.children = kids.filter((k) => !('children' in k));
    for (let i = kids.length - 1; i >= 0; i--) if ('children' in kids[i]) stack.push(kids[i]);
  }
  top.children = flat;
  relink(top);
  for (const node of flat) if ('children' in node) relink(node as ParentNode);
}

/** Sets each child's parent and sibling links from the parent's list of children. */
export function relink(parent: ParentNode): void {
  parent.children.forEach((child, i) => {
    child.parent = parent;
    child.prev = parent.children[i - 1] ?? null;
    child.next = parent.children[i + 1] ?? null;
  });
}
