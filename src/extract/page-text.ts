// The body's visible text in one string, blocks on lines of their own, with where each
// text node and each <h1> stands in it: read once per page, by the title (the lines
// printed on the page) and the date (what is printed near the headline).
import type { AnyNode, Element } from 'domhandler';
import { BLOCK_TAGS } from '../text.js';
import { elementsByTag } from './page-index.js';
import { perPage } from './per-page.js';
import type { Page } from './types.js';

export interface TextMap {
  text: string;
  /** Start of each text node in `text`, and the node. */
  starts: number[];
  nodes: AnyNode[];
  /** <time datetime> elements and where their text starts. */
  times: { el: Element; pos: number }[];
  /** Where each <h1>'s text starts and ends. */
  h1s: Map<Element, { start: number; end: number }>;
}

export const pageText = perPage(build);

function build(page: Page): TextMap {
  // <body> is optional in HTML (the parser adds none): without it, what follows the head
  // is the page a reader sees, and the document is read whole, its <title> left out.
  const body = elementsByTag(page, 'body')[0];
  const top = body ? [body] : [...page.$.root()[0].children].reverse();
  const out: string[] = [];
  let length = 0;
  const map: TextMap = { text: '', starts: [], nodes: [], times: [], h1s: new Map() };
  // Each element is pushed twice, the second time (its exit, marked in `exits`) under its
  // children: an object per element to mark it was garbage.
  const stack: AnyNode[] = top;
  const exits: boolean[] = top.map(() => false);
  while (stack.length) {
    const item = stack.pop()!;
    if (exits.pop()) {
      const exit = item as Element;
      if (exit.name === 'h1') map.h1s.get(exit)!.end = length;
      if (BLOCK_TAGS.has(exit.name)) (out.push('\n'), length++);
      continue;
    }
    if (item.type === 'text') {
      const data = (item as unknown as { data: string }).data;
      map.starts.push(length);
      map.nodes.push(item);
      out.push(data);
      length += data.length;
      continue;
    }
    if (item.type !== 'tag') continue;
    const el = item as Element;
    if (el.name === 'script' || el.name === 'style' || el.name === 'noscript' || el.name === 'template' || el.name === 'title') continue;
    if (el.name === 'h1') map.h1s.set(el, { start: length, end: length });
    if (el.name === 'time' && el.attribs.datetime) map.times.push({ el, pos: length });
    if (BLOCK_TAGS.has(el.name)) (out.push('\n'), length++);
    stack.push(el);
    exits.push(true);
    for (let i = el.children.length - 1; i >= 0; i--) {
      stack.push(el.children[i]);
      exits.push(false);
    }
  }
  map.text = out.join('');
  return map;
}

/** The text node at a position of the text. */
export function nodeAt(map: TextMap, pos: number): AnyNode | undefined {
  let lo = 0;
  let hi = map.starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (map.starts[mid] <= pos) lo = mid;
    else hi = mid - 1;
  }
  return map.nodes[lo];
}
