// One walk over a page that answers the simple selectors of field rules (`h1`,
// `time[datetime]`, `meta[name="x"]`, `[itemprop="x"]`): a whole-document query costs
// about as much as the walk, and extraction asks a dozen of them.
import type { AnyNode, Element } from 'domhandler';
import type { Page } from './types.js';

interface Index {
  byTag: Map<string, Element[]>;
  byItemprop: Map<string, Element[]>;
}

const cache = new WeakMap<Page, Index>();

function build(page: Page): Index {
  const byTag = new Map<string, Element[]>();
  const byItemprop = new Map<string, Element[]>();
  const stack: AnyNode[] = [...(page.$.root()[0] as unknown as Element).children].reverse();
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type !== 'tag' && node.type !== 'script' && node.type !== 'style') continue;
    const el = node as Element;
    let list = byTag.get(el.name);
    if (!list) byTag.set(el.name, (list = []));
    list.push(el);
    const prop = el.attribs.itemprop;
    if (prop) {
      let props = byItemprop.get(prop);
      if (!props) byItemprop.set(prop, (props = []));
      props.push(el);
    }
    for (let i = el.children.length - 1; i >= 0; i--) stack.push(el.children[i]);
  }
  return { byTag, byItemprop };
}

function index(page: Page): Index {
  let found = cache.get(page);
  if (!found) cache.set(page, (found = build(page)));
  return found;
}

/** Elements of a tag, in document order. */
export const elementsByTag = (page: Page, tag: string): Element[] => index(page).byTag.get(tag) ?? [];

const SIMPLE = /^([a-z][a-z0-9]*)?(?:\[([\w:-]+)(?:="([^"]*)")?\])?$/;

/**
 * Elements matching `tag`, `tag[attr]`, `tag[attr="v"]` or `[itemprop="v"]`, in
 * document order; undefined for any other selector (the caller asks Cheerio).
 */
export function simpleSelect(page: Page, selector: string): Element[] | undefined {
  const m = SIMPLE.exec(selector);
  if (!m || (!m[1] && !m[2])) return undefined;
  const [, tag, attr, value] = m;
  if (!tag) return attr === 'itemprop' && value !== undefined ? (index(page).byItemprop.get(value) ?? []) : undefined;
  const list = elementsByTag(page, tag);
  if (!attr) return list;
  return list.filter((el) => (value === undefined ? el.attribs[attr] !== undefined : el.attribs[attr] === value));
}
