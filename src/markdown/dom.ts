// The few DOM features turndown and our rules read, over a copy of the cleaned body's
// htmlparser2 tree. Handing turndown this tree instead of an HTML string saves
// serialising the body and parsing it again with domino (half the Markdown stage's time).
import type { AnyNode, Element } from 'domhandler';

let version = 0; // bumped on every mutation: memoised textContent is then stale

abstract class MdNode {
  abstract readonly nodeType: number;
  abstract readonly nodeName: string;
  parentNode: MdElement | null = null;
  previousSibling: MdNode | null = null;
  nextSibling: MdNode | null = null;
  // Turndown stores its flags (isBlock, isCode, ...) on the nodes it visits.
  [flag: string]: unknown;
  abstract get textContent(): string;
  cloneNode(): this {
    return this; // turndown clones its input to mutate it; this tree is already a copy
  }
}

export class MdText extends MdNode {
  readonly nodeType = 3;
  readonly nodeName = '#text';
  constructor(private value: string) {
    super();
  }
  get data(): string {
    return this.value;
  }
  set data(v: string) {
    this.value = v;
    version++;
  }
  get nodeValue(): string {
    return this.value;
  }
  get textContent(): string {
    return this.value;
  }
}

export class MdElement extends MdNode {
  readonly nodeType = 1;
  readonly nodeName: string;
  readonly childNodes: MdNode[] = [];
  private memo?: { version: number; text: string };
  private below?: { version: number; names: ReadonlySet<string> };
  private order?: { version: number; at: Map<MdElement, number> };
  constructor(
    name: string,
    readonly attribs: Record<string, string>,
  ) {
    super();
    this.nodeName = name.toUpperCase();
  }
  get tagName(): string {
    return this.nodeName;
  }
  get firstChild(): MdNode | null {
    return this.childNodes[0] ?? null;
  }
  get lastChild(): MdNode | null {
    return this.childNodes.at(-1) ?? null;
  }
  get children(): MdElement[] {
    return this.childNodes.filter((n): n is MdElement => n instanceof MdElement);
  }
  /**
   * Where `child` stands among this element's element children (-1 if not there).
   * Numbering each item of a 100,000-item list by a search of the list is quadratic.
   */
  indexOfElement(child: MdElement): number {
    if (this.order?.version !== version) {
      const at = new Map<MdElement, number>();
      this.children.forEach((el, i) => at.set(el, i));
      this.order = { version, at };
    }
    return this.order.at.get(child) ?? -1;
  }
  get lastElementChild(): MdElement | null {
    return this.children.at(-1) ?? null;
  }
  getAttribute(name: string): string | null {
    return this.attribs[name] ?? null;
  }
  get textContent(): string {
    if (this.memo?.version !== version) this.memo = { version, text: this.childNodes.map((c) => c.textContent).join('') };
    return this.memo.text;
  }
  appendChild(child: MdNode): void {
    const last = this.lastChild;
    if (last) last.nextSibling = child;
    child.previousSibling = last;
    child.parentNode = this;
    this.childNodes.push(child);
  }
  removeChild(child: MdNode): MdNode {
    const i = this.childNodes.indexOf(child);
    if (i >= 0) this.childNodes.splice(i, 1);
    if (child.previousSibling) child.previousSibling.nextSibling = child.nextSibling;
    if (child.nextSibling) child.nextSibling.previousSibling = child.previousSibling;
    child.parentNode = child.previousSibling = child.nextSibling = null;
    version++;
    return child;
  }
  /** Descendant elements named `name` (upper or lower case), in document order. */
  getElementsByTagName(name: string): MdElement[] {
    const wanted = name.toUpperCase();
    return this.namesBelow().has(wanted) ? this.descendants((el) => el.nodeName === wanted) : [];
  }
  /**
   * The names of the descendant elements, memoised like textContent. Turndown asks every
   * blank element for each of 27 tags (is there an image, a table cell... inside?): walking
   * the subtree for each made a page of deep empty wrappers cost depth x 27 per element.
   * A set equal to a child's is that child's set, not a copy.
   */
  private namesBelow(): ReadonlySet<string> {
    if (this.below?.version === version) return this.below.names;
    const kids = this.childNodes.filter((n): n is MdElement => n instanceof MdElement);
    const sets = kids.map((k) => k.namesBelow());
    let names = sets.reduce<ReadonlySet<string> | undefined>((a, b) => (!a || b.size > a.size ? b : a), undefined) ?? new Set<string>();
    const missing = (n: string) => !names.has(n);
    if (kids.some((k) => missing(k.nodeName)) || sets.some((s) => [...s].some(missing))) {
      const all = new Set(names);
      for (const k of kids) all.add(k.nodeName);
      for (const set of sets) for (const n of set) all.add(n);
      names = all;
    }
    this.below = { version, names };
    return names;
  }
  descendants(test: (el: MdElement) => boolean): MdElement[] {
    const out: MdElement[] = [];
    const walk = (el: MdElement) => {
      for (const child of el.childNodes) {
        if (!(child instanceof MdElement)) continue;
        if (test(child)) out.push(child);
        walk(child);
      }
    };
    walk(this);
    return out;
  }
  /** Unused by our rules; turndown asks only for kept elements, and we keep none. */
  get outerHTML(): string {
    return this.textContent;
  }
}

/**
 * Elements that turndown or our rules give Markdown or a block of its own (turndown's
 * block, void and meaningful-when-blank lists, and the inline elements with syntax).
 */
const CONVERTED = new Set(
  [
    ...['address', 'article', 'aside', 'audio', 'blockquote', 'body', 'canvas', 'center', 'dd', 'dir', 'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'frameset'],
    ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'html', 'isindex', 'li', 'main', 'menu', 'nav', 'noframes', 'noscript', 'ol', 'output', 'p', 'pre', 'section'],
    ...['table', 'caption', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul'],
    ...['area', 'base', 'br', 'col', 'command', 'embed', 'img', 'input', 'keygen', 'link', 'meta', 'param', 'source', 'track', 'wbr'],
    ...['iframe', 'script', 'style', 'video', 'svg', 'math', 'object', 'template'],
    ...['a', 'b', 'strong', 'i', 'em', 'code', 's', 'del', 'strike'],
  ],
);

/**
 * Every other element is inline without Markdown syntax (span, font, picture, sup, a
 * custom element...): its children are copied in its place. Turndown trims the content
 * of an inline element that has whitespace at its edges, and with it the blank lines an
 * image's rule puts around it (`<picture><img>\n</picture><span>credit</span>` glued
 * the image to the credit); unwrapped, the element changes nothing else turndown does.
 */
const unwrapped = (name: string) => !CONVERTED.has(name);

export function toMdTree(children: readonly AnyNode[]): MdElement {
  const root = new MdElement('div', {});
  const copy = (node: AnyNode, parent: MdElement) => {
    if (node.type === 'text') {
      // Text on both sides of an unwrapped element is one text node, as whitespace collapsing expects.
      const data = (node as unknown as { data: string }).data;
      const last = parent.lastChild;
      if (last instanceof MdText) last.data += data;
      else parent.appendChild(new MdText(data));
    } else if (node.type === 'tag' && unwrapped((node as Element).name)) {
      for (const child of (node as Element).children) copy(child, parent);
    } else if (node.type === 'tag' || node.type === 'script' || node.type === 'style') {
      const el = node as Element;
      const md = new MdElement(el.name, { ...el.attribs });
      parent.appendChild(md);
      for (const child of el.children) copy(child, md);
    }
  };
  for (const child of children) copy(child, root);
  return root;
}
