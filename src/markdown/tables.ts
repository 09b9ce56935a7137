// Tables: data tables become pipe tables; layout tables (images, nested blocks, one
// column) give their cells' content as ordinary blocks.
import type TurndownService from 'turndown';

type Rule = TurndownService.Rule;
type El = HTMLElement;

const LAYOUT_CONTENT = 'img, table table, ul, ol, pre, blockquote, h1, h2, h3, h4, h5, h6, figure';

const tableOf = (node: El): El | null => {
  for (let p: El | null = node; p; p = p.parentNode as El | null) if (p.nodeName === 'TABLE') return p;
  return null;
};

const rowsOf = (table: El): El[] => Array.from(table.querySelectorAll('tr')).filter((tr) => tableOf(tr) === table);
const cellsOf = (tr: El): El[] => Array.from(tr.children).filter((c) => c.nodeName === 'TD' || c.nodeName === 'TH') as El[];
const span = (cell: El) => Math.max(1, Math.min(50, Number(cell.getAttribute('colspan') ?? '1') || 1));

const dataTableCache = new WeakMap<El, boolean>();
/** A table of data: at least two columns and only inline content in its cells. */
function isDataTable(table: El): boolean {
  let known = dataTableCache.get(table);
  if (known === undefined) {
    const rows = rowsOf(table);
    const width = Math.max(0, ...rows.map((r) => cellsOf(r).reduce((n, c) => n + span(c), 0)));
    known = width >= 2 && rows.length >= 1 && !table.querySelector(LAYOUT_CONTENT);
    dataTableCache.set(table, known);
  }
  return known;
}

const columns = (table: El) => Math.max(...rowsOf(table).map((r) => cellsOf(r).reduce((n, c) => n + span(c), 0)));

export const tableCell: Rule = {
  filter: (node) => (node.nodeName === 'TD' || node.nodeName === 'TH') && isDataTable(tableOf(node as El)!),
  replacement(content, node) {
    const text = content.replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|').trim();
    return ` ${text} |${' |'.repeat(span(node as El) - 1)}`;
  },
};

export const tableRow: Rule = {
  filter: (node) => node.nodeName === 'TR' && isDataTable(tableOf(node as El)!),
  replacement(content, node) {
    const tr = node as El;
    const table = tableOf(tr)!;
    const width = columns(table);
    const have = cellsOf(tr).reduce((n, c) => n + span(c), 0);
    const row = `|${content.replace(/\n/g, ' ')}${' |'.repeat(Math.max(0, width - have))}`;
    // GFM needs a header row: the first row is it.
    const isFirst = rowsOf(table)[0] === tr;
    return isFirst ? `\n${row}\n|${' --- |'.repeat(width)}` : `\n${row}`;
  },
};

export const dataTable: Rule = {
  filter: (node) => node.nodeName === 'TABLE' && isDataTable(node as El),
  replacement(content, node) {
    const caption = (node as El).querySelector('caption')?.textContent?.replace(/\s+/g, ' ').trim();
    const rows = content.replace(/\n+/g, '\n').trim();
    return caption ? `\n\n${caption}\n\n${rows}\n\n` : `\n\n${rows}\n\n`;
  },
};

/** Sections of a data table add nothing of their own. */
export const tableSection: Rule = {
  filter: (node) => ['THEAD', 'TBODY', 'TFOOT'].includes(node.nodeName) && isDataTable(tableOf(node as El)!),
  replacement: (content) => content,
};

/** A data table's caption is written by the table rule; elsewhere it is a paragraph. */
export const tableCaption: Rule = {
  filter: 'caption',
  replacement: (content, node) => {
    const table = tableOf(node as El);
    return table && isDataTable(table) ? '' : `\n\n${content.trim()}\n\n`;
  },
};
