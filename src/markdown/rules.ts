// Our turndown rules: { filter, replacement }, one behaviour each. They keep the
// archive's sound conventions and avoid each defect listed in ARCHIVE.md section 4.
import type TurndownService from 'turndown';
import type { MdElement } from './dom.js';
import { escapeBrackets } from './escape.js';
import { tooLongForHeading } from './heading-length.js';

type Rule = TurndownService.Rule;
type Node = TurndownService.Node;
type El = MdElement;

const hasAncestor = (node: Node, names: string[]) => {
  for (let p = node.parentNode; p; p = p.parentNode) if (names.includes(p.nodeName)) return true;
  return false;
};

/** Unicode punctuation: a delimiter next to it flanks differently (CommonMark 6.2). */
const PUNCT = /[\p{P}\p{S}]/u;

/** The character just outside an inline node, or '' at a block edge. */
function adjacentChar(node: Node, side: 'prev' | 'next'): string {
  for (let n: Node | null = node; n; n = n.parentNode as Node | null) {
    const sibling = (side === 'prev' ? n.previousSibling : n.nextSibling) as Node | null;
    if (sibling) {
      if (sibling.nodeName === 'BR' || blockish(sibling)) return '';
      const text = sibling.textContent ?? '';
      return side === 'prev' ? text.slice(-1) : text.slice(0, 1);
    }
    if (blockish(n.parentNode as Node | null)) return '';
  }
  return '';
}

const BLOCKS = /^(P|DIV|SECTION|ARTICLE|LI|TD|TH|H[1-6]|BLOCKQUOTE|FIGURE|FIGCAPTION|BODY|HTML|UL|OL|TABLE|TR|PRE|HEADER|FOOTER|MAIN|ASIDE|DD|DT|CENTER)$/;
const blockish = (node: Node | null) => !node || BLOCKS.test((node as unknown as El).nodeName ?? '');

/** Whitespace, punctuation or nothing: a delimiter next to it may close or open. */
const loose = (ch: string) => ch === '' || /\s/.test(ch) || PUNCT.test(ch);

/**
 * `**x**` / `*x*`. CommonMark does not close `**标题：**正文` (a delimiter between
 * punctuation and a letter does not flank), so edge punctuation moves outside the
 * delimiters exactly when that would happen: `**标题**：正文`. Nested or empty emphasis
 * gives no delimiters, so there is never a `****`.
 */
function emphasis(names: string[], delimiter: string): Rule {
  return {
    filter: (node) => names.includes(node.nodeName),
    replacement(content, node) {
      if (!content.trim() || hasAncestor(node, names)) return content;
      if (/\n/.test(content.trim())) return content; // emphasis cannot span blocks
      const chars = Array.from(content);
      let start = 0;
      let end = chars.length;
      if (PUNCT.test(chars[0]) && !loose(adjacentChar(node, 'prev'))) while (start < end && PUNCT.test(chars[start])) start++;
      if (PUNCT.test(chars[end - 1]) && !loose(adjacentChar(node, 'next'))) while (end > start && PUNCT.test(chars[end - 1])) end--;
      if (start >= end) return content;
      return chars.slice(0, start).join('') + delimiter + chars.slice(start, end).join('') + delimiter + chars.slice(end).join('');
    },
  };
}

function imageMarkdown(node: El): string {
  const src = node.getAttribute('src') ?? '';
  if (!src) return '';
  const alt = escapeBrackets((node.getAttribute('alt') ?? '').replace(/\s+/g, ' ').trim());
  const title = node.getAttribute('title');
  const titlePart = title ? ` "${title.replace(/\s+/g, ' ').replace(/"/g, '\\"')}"` : '';
  return `![${alt}](${destination(src)}${titlePart})`;
}

const destination = (url: string) => (/[\s<>]/.test(url) ? `<${url.replace(/[<>]/g, encodeURIComponent)}>` : url.replace(/([()])/g, '\\$1'));

const imagesIn = (node: El) => node.descendants((el) => el.nodeName === 'IMG');
const onlyImages = (node: El) => !/\S/.test(node.textContent ?? '') && imagesIn(node).length > 0;

export const image: Rule = {
  filter: 'img',
  // Always a line of its own: never glued to the text after it.
  replacement: (_content, node) => {
    const md = imageMarkdown(node as unknown as El);
    return md ? `\n\n${md}\n\n` : '';
  },
};

export const link: Rule = {
  filter: (node) => node.nodeName === 'A',
  replacement(content, node) {
    // A link inside a link (htmlparser2 nests `<a><a>`, browsers do not): the outer one
    // links the text, once - never `[[text](u)](u)`.
    if (hasAncestor(node, ['A'])) return content;
    const el = node as unknown as El;
    const raw = el.getAttribute('href');
    const href = raw && /^(https?:|mailto:)/i.test(raw) ? raw : null;
    if (onlyImages(el)) {
      // A linked picture: each image on its own line, linked to the target.
      const images = imagesIn(el).map(imageMarkdown).filter(Boolean);
      return images.map((md) => `\n\n${href ? `[${md}](${destination(href)})` : md}\n\n`).join('');
    }
    const text = content.trim();
    if (!text) return '';
    if (!href || /\n\s*\n/.test(text)) return content; // no target, or block content: keep the text
    const title = el.getAttribute('title');
    const titlePart = title ? ` "${title.replace(/\s+/g, ' ').replace(/"/g, '\\"')}"` : '';
    return `[${text.replace(/\n/g, ' ')}](${destination(href)}${titlePart})`;
  },
};

/** Ten times the longest heading kept as one, in characters of Markdown (links included). */
const HEADING_SCAN_LIMIT = 10_000;

/** The text without its trailing newlines; `/
+$/` is quadratic on a long run of them inside. */
function trimNewlines(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 10) end--;
  return text.slice(0, end);
}

export const heading: Rule = {
  filter: ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'],
  replacement(content, node) {
    // Far too long for a heading: a paragraph, its pictures left on their own lines where
    // they are (and the scans below, which read from each `![` on, left out).
    if (content.length > HEADING_SCAN_LIMIT) return `\n\n${content.trim()}\n\n`;
    // Images leave the heading and stand before it; a heading of nothing is dropped.
    const images: string[] = [];
    const text = content
      .replace(/!\[[^\]]*\]\((?:\\.|[^)\\])*\)/g, (md) => (images.push(md), ''))
      .replace(/\[\]\([^)]*\)/g, '')
      .replace(/\s+/g, ' ')
      .trim();
    const pictures = images.map((md) => `\n\n${md}\n\n`).join('');
    if (!text) return pictures;
    const plain = text.replace(/[\\*_]/g, '');
    if (tooLongForHeading(plain)) return `${pictures}\n\n${text}\n\n`;
    const level = Number((node as unknown as El).nodeName.charAt(1));
    return `${pictures}\n\n${'#'.repeat(level)} ${text}\n\n`;
  },
};

export const listItem: Rule = {
  filter: 'li',
  replacement(content, node) {
    const el = node as unknown as El;
    const parent = el.parentNode as El | null;
    let prefix = '* ';
    if (parent?.nodeName === 'OL') {
      const start = Number(parent.getAttribute('start') ?? '1') || 1;
      const index = parent.indexOfElement(el);
      prefix = `${start + index}. `;
    }
    const text = content.replace(/^\n+/, '');
    const body = (text.endsWith('\n') ? `${trimNewlines(text)}\n` : text).replace(/\n(?!\n|$)/g, `\n${' '.repeat(prefix.length)}`);
    if (!body.trim()) return '';
    return prefix + body + (el.nextSibling && !/\n$/.test(body) ? '\n' : '');
  },
};

export const preformatted: Rule = {
  filter: 'pre',
  replacement(_content, node) {
    const el = node as unknown as El;
    const code = el.textContent ?? '';
    if (!code.trim()) return '';
    const lang = /(?:^|\s)(?:lang(?:uage)?-)([\w+#-]+)/.exec(`${el.getAttribute('class') ?? ''} ${el.getElementsByTagName('code')[0]?.getAttribute('class') ?? ''}`)?.[1] ?? '';
    const longest = (code.match(/`+/g) ?? []).reduce((n, run) => Math.max(n, run.length), 2);
    const fence = '`'.repeat(longest + 1);
    return `\n\n${fence}${lang}\n${trimNewlines(code)}\n${fence}\n\n`;
  },
};

export const strikethrough: Rule = {
  filter: (node) => ['DEL', 'S', 'STRIKE'].includes(node.nodeName),
  replacement: (content) => (content.trim() ? `~~${content}~~` : content),
};

export const strong = emphasis(['STRONG', 'B'], '**');
export const em = emphasis(['EM', 'I'], '*');
