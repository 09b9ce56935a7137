// One walk over a page that answers the simple selectors of field rules and adapter
// fingerprints (`h1`, `#id`, `.class`, `time[datetime]`, `meta[name="x"]`,
// `[itemprop="x"]`): a whole-document query costs about as much as the walk, and
// extraction asks dozens of them.
import type { AnyNode, Element } from 'domhandler';
import { isSpace } from '../text.js';
import { perPage } from './per-page.js';
import type { Page } from './types.js';

interface Index {
  byTag: Map<string, Element[]>;
  byItemprop: Map<string, Element[]>;
  byId: Map<string, Element[]>;
  /** The elements with a class attribute, in document order, and that attribute as it was then. */
  classed: Element[];
  classLists: string[];
  /** The elements of each class name asked for so far (see elementsOfClass). */
  byClass: Map<string, Element[]>;
}

function add(map: Map<string, Element[]>, key: string, el: Element): void {
  const list = map.get(key);
  if (list) list.push(el);
  else map.set(key, [el]);
}

/**
 * The elements whose class list holds `name`, once per time it holds it (`class="a a"`
 * counts twice), in document order. Found when first asked for, among the class lists
 * read when the index was built: a page asks for a handful of class names (the site
 * fingerprints' and rules'), and a map of every class name of every element cost more
 * than the whole walk besides.
 */
function elementsOfClass(index: Index, name: string): Element[] {
  let found = index.byClass.get(name);
  if (found) return found;
  found = [];
  const { classed, classLists } = index;
  for (let i = 0; i < classed.length; i++) {
    const classes = classLists[i];
    for (let at = classes.indexOf(name); at >= 0; at = classes.indexOf(name, at + 1)) {
      // A whole name: whitespace (or the list's ends) on both sides.
      const end = at + name.length;
      if ((at === 0 || isSpace(classes.charCodeAt(at - 1))) && (end === classes.length || isSpace(classes.charCodeAt(end)))) found.push(classed[i]);
    }
  }
  index.byClass.set(name, found);
  return found;
}

function build(page: Page): Index {
  const byTag = new Map<string, Element[]>();
  const byItemprop = new Map<string, Element[]>();
  const byId = new Map<string, Element[]>();
  const classed: Element[] = [];
  const classLists: string[] = [];
  const stack: AnyNode[] = [...(page.$.root()[0] as unknown as Element).children].reverse();
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type !== 'tag' && node.type !== 'script' && node.type !== 'style') continue;
    const el = node as Element;
    add(byTag, el.name, el);
    const { itemprop, id, class: classes } = el.attribs;
    if (itemprop) add(byItemprop, itemprop, el);
    if (id) add(byId, id, el);
    if (classes) {
      classed.push(el);
      classLists.push(classes);
    }
    for (let i = el.children.length - 1; i >= 0; i--) stack.push(el.children[i]);
  }
  return { byTag, byItemprop, byId, classed, classLists, byClass: new Map() };
}

const index = perPage(build);

/** Elements of a tag, in document order. */
export const elementsByTag = (page: Page, tag: string): Element[] => index(page).byTag.get(tag) ?? [];

const SIMPLE = /^([a-z][a-z0-9]*)?(?:([#.])([\w-]+))?(?:\[([\w:-]+)(?:="([^"]*)")?\])?$/;

/**
 * Elements matching `tag`, `#id`, `.class`, `tag#id`, `tag.class`, `tag[attr]`,
 * `tag[attr="v"]` or `[itemprop="v"]`, in document order; undefined for any other
 * selector (the caller asks Cheerio).
 */
export function simpleSelect(page: Page, selector: string): Element[] | undefined {
  const m = SIMPLE.exec(selector);
  if (!m || (!m[1] && !m[2] && !m[4])) return undefined;
  const [, tag, mark, name, attr, value] = m;
  let list: Element[];
  if (mark) list = mark === '#' ? (index(page).byId.get(name) ?? []) : elementsOfClass(index(page), name);
  else if (tag) list = elementsByTag(page, tag);
  else return attr === 'itemprop' && value !== undefined ? (index(page).byItemprop.get(value) ?? []) : undefined;
  if (mark && tag) list = list.filter((el) => el.name === tag);
  if (!attr) return list;
  return list.filter((el) => (value === undefined ? el.attribs[attr] !== undefined : el.attribs[attr] === value));
}

/** Whether anything in the page matches a selector (the index answers the simple ones). */
export function matches(page: Page, selector: string): boolean {
  return (simpleSelect(page, selector) ?? page.$(selector).toArray()).length > 0;
}

/** Whether an element is still in the page: extraction moves the article out of it, cleaning removes nodes. */
function inPage(page: Page, el: Element): boolean {
  let top: AnyNode = el;
  while (top.parent) top = top.parent;
  return top === (page.$.root()[0] as unknown as AnyNode);
}

/**
 * The elements of a tag that pass `test`, among those still in the page, in document
 * order: what a Cheerio query of the page finds now, without walking the whole page.
 * Extraction changes the page after the index is built (the generic body is moved out of
 * it, cleaning removes nodes, strips attributes and renames elements), so each element
 * the index holds is checked again.
 */
export function liveElements(page: Page, tag: string, test: (el: Element) => boolean): Element[] {
  return elementsByTag(page, tag).filter((el) => el.name === tag && test(el) && inPage(page, el));
}

const CLASS_OR_ID = /^([a-z][a-z0-9]*)?([#.])([\w-]+)$/;

/**
 * What Cheerio finds now for `#id`, `.class`, `tag#id` or `tag.class` (see liveElements);
 * undefined for any other selector.
 */
export function liveSelect(page: Page, selector: string): Element[] | undefined {
  const m = CLASS_OR_ID.exec(selector);
  if (!m) return undefined;
  const [, tag, mark, name] = m;
  const list = mark === '#' ? (index(page).byId.get(name) ?? []) : elementsOfClass(index(page), name);
  return list.filter((el) => (!tag || el.name === tag) && (mark === '#' ? el.attribs.id === name : hasClass(el, name)) && inPage(page, el));
}

/** The class list holds `name` (Cheerio's test: a word between whitespace). */
const hasClass = (el: Element, name: string) => el.attribs.class?.split(/\s+/).includes(name) ?? false;
