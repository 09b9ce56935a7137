// Stage 6: the cleaned body to Markdown, with turndown and our rules.
import TurndownService from 'turndown';
import type { AnyNode } from 'domhandler';
import { parseFragment } from '../parse.js';
import { MdElement, toMdTree } from './dom.js';
import { INVISIBLE } from '../post/summary.js';
import { dropIdleJoiners } from './joiners.js';
import { escapeText } from './escape.js';
import { em, heading, image, link, listItem, preformatted, strikethrough, strong } from './rules.js';
import { dataTable, tableCaption, tableCell, tableRow, tableSection } from './tables.js';

/**
 * The element that wraps the body while it is converted. Its rule keeps the Markdown and
 * hands turndown a single character instead: turndown's last step trims the whole output
 * with `/[\t\r\n\s]+$/`, which V8 tries from every character of every whitespace run -
 * quadratic on a body with a long run inside (10,000 `<br>`s before more text took
 * seconds, 20,000 a quarter of a minute). We trim it ourselves with String.trimEnd, which
 * is one pass from the end (so do the line trims of tidyMarkdown, for the same reason).
 */
let holder: MdElement | undefined;
let held = '';
const capture: TurndownService.Rule = {
  filter: (node) => node === (holder as unknown),
  replacement: (content) => {
    held = content;
    return '.';
  },
};

function createService(): TurndownService {
  const service = new TurndownService({
    headingStyle: 'atx',
    hr: '---',
    bulletListMarker: '*',
    codeBlockStyle: 'fenced',
    emDelimiter: '*',
    strongDelimiter: '**',
    linkStyle: 'inlined',
  });
  service.escape = escapeText;
  const rules = { capture, strong, em, image, link, heading, listItem, preformatted, strikethrough, dataTable, tableSection, tableRow, tableCell, tableCaption };
  for (const [name, rule] of Object.entries(rules)) service.addRule(name, rule);
  return service;
}

let service: TurndownService | undefined;

/** Markdown for a body (its HTML, or its parsed children), tidied by `tidyMarkdown`. */
export function toMarkdown(body: string | readonly AnyNode[]): string {
  service ??= createService();
  const nodes = typeof body === 'string' ? parseFragment(body).root()[0].children : body;
  holder = toMdTree(nodes);
  held = '';
  const top = new MdElement('div', {});
  top.appendChild(holder);
  try {
    service.turndown(top as unknown as TurndownService.Node);
    return tidyMarkdown(held.replace(/^[\t\r\n]+/, '').trimEnd());
  } finally {
    holder = undefined;
    held = '';
  }
}

/**
 * Images always start their line (after quote and list markers, or inside `[` for a
 * linked image), so a `![` anywhere else is text's `!` before a link: escape it.
 */
function escapeStrayImageMarks(line: string): string {
  if (!line.includes('![')) return line;
  // The markers that may open the line end before its first `!`, so they are found once.
  const lead = /^\s*(?:>\s*)*(?:[*+-] |\d+\. )?\s*/.exec(line)![0].length;
  return line.replace(/(?<!\\)!\[/g, (match, offset: number) => (offset === lead || (offset === lead + 1 && line[lead] === '[') ? match : '\\!['));
}

/** Whether the last text line written is a list item or indented: an indented paragraph after it continues the list. */
function mayContinueList(out: string[]): boolean {
  for (let i = out.length - 1; i >= 0; i--) if (out[i] !== '') return /^\s*(?:[*+-]|\d+[.)])\s|^\s{2,}\S/.test(out[i]);
  return false;
}

/**
 * Line-level tidying outside code fences: no whitespace-only lines, no trailing spaces
 * except a hard break before more text, at most one blank line in a row, no `****`.
 */
export function tidyMarkdown(markdown: string): string {
  const lines = dropIdleJoiners(markdown.replace(INVISIBLE, '').replace(/\r\n?/g, '\n')).split('\n');
  const out: string[] = [];
  let fence = '';
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i];
    const fenceMark = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence) {
      if (fenceMark && fenceMark[0] === fence[0] && fenceMark.length >= fence.length && !line.trim().slice(fenceMark.length)) fence = '';
      line = line.trimEnd();
      if (line === '' && out.at(-1) === '' && out.at(-2) === '') continue;
      out.push(line);
      continue;
    }
    if (fenceMark) fence = fenceMark;
    if (!/\S/.test(line.replace(/[\u00a0\u3000]/g, ' '))) line = '';
    else {
      const next = lines[i + 1] ?? '';
      const hardBreak = line.endsWith('  ') && /\S/.test(next) && !fence;
      line = line.trimEnd() + (hardBreak ? '  ' : '');
      line = escapeStrayImageMarks(line.replace(/(?<!\\)\*\*\*\*/g, ''));
    }
    if (line === '' && (out.length === 0 || out.at(-1) === '')) continue;
    // Up to three spaces opening a paragraph are collapsed source whitespace (an inline
    // wrapper's indentation), not indentation - unless a list above may continue there.
    if ((out.length === 0 || out.at(-1) === '') && /^ {1,3}\S/.test(line) && (/^ \S/.test(line) || !mayContinueList(out))) line = line.trimStart();
    out.push(line);
  }
  while (out.at(-1) === '') out.pop();
  return out.join('\n');
}
