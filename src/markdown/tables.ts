// Tables: data tables become pipe tables; layout tables (images, nested blocks, one
// column) give their cells' content as ordinary blocks.
import type TurndownService from 'turndown';
import type { MdElement } from './dom.js';

type Rule = TurndownService.Rule;
type El = MdElement;

/** Content that makes a table a layout: pictures, nested tables, lists and other blocks. */
const LAYOUT_CONTENT = new Set(['IMG', 'TABLE', 'UL', 'OL', 'PRE', 'BLOCKQUOTE', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'FIGURE']);

const tableOf = (node: El): El | null => {
  for (let p: El | null = node; p; p = p.parentNode as El | null) if (p.nodeName === 'TABLE') return p;
  return null;
};

const rowsOf = (table: El): El[] => table.getElementsByTagName('tr').filter((tr) => tableOf(tr) === table);
const cellsOf = (tr: El): El[] => tr.children.filter((c) => c.nodeName === 'TD' || c.nodeName === 'TH');
const span = (cell: El) => Math.max(1, Math.min(50, Number(cell.getAttribute('colspan') ?? '1') || 1));

const dataTableCache = new WeakMap<El, boolean>();
/** A table of data: at least two columns and only inline content in its cells. */
function isDataTable(table: El): boolean {
  let known = dataTableCache.get(table);
  if (known === undefined) {
    const rows = rowsOf(table);
    const width = Math.max(0, ...rows.map((r) => cellsOf(r).reduce((n, c) => n + span(c), 0)));
    known = width >= 2 && rows.length >= 1 && table.descendants((el) => LAYOUT_CONTENT.has(el.nodeName)).length === 0;
    dataTableCache.set(table, known);
  }
  return known;
}

/** Cells and rows outside any table (a body cut out of a layout table) are no data table's. */
const inDataTable = (node: El) => {
  const table = tableOf(node);
  return table !== null && isDataTable(table);
};

const columns = (table: El) => Math.max(...rowsOf(table).map((r) => cellsOf(r).reduce((n, c) => n + span(c), 0)));

export const tableCell: Rule = {
  filter: (node) => (node.nodeName === 'TD' || node.nodeName === 'TH') && inDataTable(node as unknown as El),
  replacement(content, node) {
    const text = content.replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|').trim();
    return ` ${text} |${' |'.repeat(span(node as unknown as El) - 1)}`;
  },
};

export const tableRow: Rule = {
  filter: (node) => node.nodeName === 'TR' && inDataTable(node as unknown as El),
  replacement(content, node) {
    const tr = node as unknown as El;
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
  filter: (node) => node.nodeName === 'TABLE' && isDataTable(node as unknown as El),
  replacement(content, node) {
    const caption = (node as unknown as El).getElementsByTagName('caption')[0]?.textContent?.replace(/\s+/g, ' ').trim();
    const rows = content.replace(/\n+/g, '\n').trim();
    return caption ? `\n\n${caption}\n\n${rows}\n\n` : `\n\n${rows}\n\n`;
  },
};

/** Sections of a data table add nothing of their own. */
export const tableSection: Rule = {
  filter: (node) => ['THEAD', 'TBODY', 'TFOOT'].includes(node.nodeName) && inDataTable(node as unknown as El),
  replacement: (content) => content,
};

/** A data table's caption is written by the table rule; elsewhere it is a paragraph. */
export const tableCaption: Rule = {
  filter: 'caption',
  replacement: (content, node) => {
    const table = tableOf(node as unknown as El);
    return table && isDataTable(table) ? '' : `\n\n${content.trim()}\n\n`;
  },
};
