// Visible text of a DOM subtree, with block boundaries kept as whitespace.
import type { AnyNode, Element } from 'domhandler';
import { charCounter } from './char-counts.js';

export const BLOCK_TAGS = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'center', 'dd', 'details', 'dialog', 'dir', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr',
  'html', 'li', 'main', 'menu', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th',
  'thead', 'tr', 'ul', 'br', 'caption',
]);

const SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'head', 'title']);

/** What a summary leaves out besides: pictures with their captions and credits. */
const NOT_PROSE = new Set([...SKIPPED, 'figure', 'figcaption']);

/** The text a summary is made from: blockText without figures and captions (else all of it, for a photo story). */
export function proseText(nodes: AnyNode | AnyNode[]): string {
  const prose = blockText(nodes, NOT_PROSE);
  return /\S/.test(prose) ? prose : blockText(nodes);
}

/** Text of the nodes, blocks separated by newlines; not collapsed. */
export function blockText(nodes: AnyNode | AnyNode[], skipped: ReadonlySet<string> = SKIPPED): string {
  const out: string[] = [];
  const walk = (node: AnyNode) => {
    if (node.type === 'text') out.push((node as unknown as { data: string }).data);
    else if (node.type === 'tag' || node.type === 'root' || node.type === 'script' || node.type === 'style') {
      const el = node as Element;
      const name = el.name ?? '';
      if (skipped.has(name)) return;
      const block = BLOCK_TAGS.has(name);
      if (block) out.push('\n');
      for (const child of el.children ?? []) walk(child);
      if (block) out.push('\n');
    }
  };
  for (const node of Array.isArray(nodes) ? nodes : [nodes]) walk(node);
  return out.join('');
}

/** Whether a code unit is one that JavaScript's `\s` matches. */
export const isSpace = (code: number) =>
  code === 32 || (code >= 9 && code <= 13) || code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;

/** One line of text: whitespace runs (nbsp and ideographic space included) folded to one space. */
export const foldSpace = (text: string) => text.replace(/\s+/g, ' ').trim();

/** Less text than this is no article body: a headline, a teaser, a stub. */
export const MIN_BODY_WEIGHT = 150;

/** Visible characters, a Han character counting two (it carries about a word). */
export function textWeight(text: string): number {
  const [spaces, han, points] = countWeighed(text);
  return points - spaces + han;
}

const countWeighed = charCounter([/\s/, /\p{Script=Han}/u]);
