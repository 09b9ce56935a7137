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

const cellsOf = (tr: El): El[] => tr.children.filter((c) => c.nodeName === 'TD' || c.nodeName === 'TH');
const span = (cell: El) => Math.max(1, Math.min(50, Number(cell.getAttribute('colspan') ?? '1') || 1));
const widthOf = (tr: El) => cellsOf(tr).reduce((n, c) => n + span(c), 0);

interface Shape {
  /** A table of data: at least two columns and only inline content in its cells. */
  data: boolean;
  /** The widest row, in columns. */
  width: number;
  /** The header row (the first), written with the separator line under it. */
  first: El | undefined;
}

/**
 * What the rules ask of a table, measured once per table: each cell and row asks, and
 * measuring the table again for each row made a 1.5 MB table of 400 rows take 22 s. Kept
 * on the table itself (a WeakMap's entries outlive young-generation collections in V8,
 * and with them the page's whole tree: see extract/per-page.ts).
 */
const SHAPE = Symbol('shape');
function shapeOf(table: El): Shape {
  const held = table as unknown as { [SHAPE]?: Shape };
  if (!held[SHAPE]) {
    const rows = table.getElementsByTagName('tr').filter((tr) => tableOf(tr) === table);
    const width = rows.reduce((n, r) => Math.max(n, widthOf(r)), 0);
    const data = width >= 2 && table.descendants((el) => LAYOUT_CONTENT.has(el.nodeName)).length === 0;
    held[SHAPE] = { data, width, first: rows[0] };
  }
  return held[SHAPE];
}

/** Cells and rows outside any table (a body cut out of a layout table) are no data table's. */
const inDataTable = (node: El) => {
  const table = tableOf(node);
  return table !== null && shapeOf(table).data;
};

export const tableCell: Rule = {
  filter: (node) => (node.nodeName === 'TD' || node.nodeName === 'TH') && inDataTable(node as unknown as El),
  replacement(content, node) {
    // Whitespace runs holding a line break become one space (one pass: `/\s*\n\s*/` tries
    // every character of a long run of other spaces).
    const text = content.replace(/\s+/g, (run) => (run.includes('\n') ? ' ' : run)).replace(/\|/g, '\\|').trim();
    return ` ${text} |${' |'.repeat(span(node as unknown as El) - 1)}`;
  },
};

export const tableRow: Rule = {
  filter: (node) => node.nodeName === 'TR' && inDataTable(node as unknown as El),
  replacement(content, node) {
    const tr = node as unknown as El;
    const { width, first } = shapeOf(tableOf(tr)!);
    const row = `|${content.replace(/\n/g, ' ')}${' |'.repeat(Math.max(0, width - widthOf(tr)))}`;
    // GFM needs a header row: the first row is it.
    return first === tr ? `\n${row}\n|${' --- |'.repeat(width)}` : `\n${row}`;
  },
};

export const dataTable: Rule = {
  filter: (node) => node.nodeName === 'TABLE' && shapeOf(node as unknown as El).data,
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
    return table && shapeOf(table).data ? '' : `\n\n${content.trim()}\n\n`;
  },
};
