// ESLint's "stylish" shape: each file with problems named once (underlined on a terminal),
// then one aligned row per problem - `  line:col  severity  message  rule` - then a blank
// line, and at the end the summary. File names and messages (which quote the posts' values)
// are escaped: no control character reaches the terminal.
import { eastAsianWidth } from 'get-east-asian-width';
import { forTerminal } from '../../cli/escape.js';
import { palette } from '../../cli/style.js';
import { count, sorted, summaryLine, type RenderOptions, type Report } from '../report.js';

/** Columns a terminal gives the text: two for wide (CJK) characters, so that rule ids line up after Chinese messages. */
export function displayWidth(text: string): number {
  // No character below U+1100 is wide: most messages are counted without looking one up.
  let narrow = 0;
  while (narrow < text.length && text.charCodeAt(narrow) < 0x1100) narrow++;
  let width = narrow;
  for (const c of narrow < text.length ? text.slice(narrow) : '') width += eastAsianWidth(c.codePointAt(0)!);
  return width;
}

export function renderStylish(report: Report, options: RenderOptions): string {
  const style = palette(options.color);
  // Each file's block is joined into one string as soon as it is written: a string grown by
  // += keeps every piece alive until the end, and the collector copies them over and over.
  const blocks: string[] = [];
  for (const result of report.results) {
    if (!result.diagnostics.length) continue;
    const rows = sorted(result.diagnostics).map((d) => {
      const message = forTerminal(d.message);
      return { line: String(d.line), col: String(d.col), severity: d.severity, message, messageWidth: displayWidth(message), rule: d.rule };
    });
    // Numbers and severities are ASCII: their width is their length.
    const width = (key: 'line' | 'col' | 'severity') => Math.max(...rows.map((r) => r[key].length));
    const [line, col, severity, message] = [width('line'), width('col'), width('severity'), Math.max(...rows.map((r) => r.messageWidth))];
    const block = [`${style.underline(forTerminal(result.file))}\n`];
    for (const r of rows) {
      const where = ' '.repeat(line - r.line.length) + style.dim(`${r.line}:${r.col}`) + ' '.repeat(col - r.col.length);
      const painted = (r.severity === 'error' ? style.red : style.yellow)(r.severity) + ' '.repeat(severity - r.severity.length);
      block.push(`  ${where}  ${painted}  ${r.message}${' '.repeat(message - r.messageWidth)}  ${style.dim(r.rule)}\n`);
    }
    block.push('\n');
    blocks.push(block.join(''));
  }
  if (!blocks.length) return `${summaryLine(report)}\n`;
  const summaryStyle = count(report, 'error') ? style.red : style.yellow;
  return `\n${blocks.join('')}${style.bold(summaryStyle(`\u2716 ${summaryLine(report)}`))}\n`;
}
