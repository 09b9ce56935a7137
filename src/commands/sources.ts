// `pressclip sources`: the registry, as a table for people or JSON for scripts.
import { SOURCES, type SourceRow } from '../sources.js';

const describeId = (row: SourceRow) => (row.id.from === 'url' ? `from the URL ${row.id.pattern}` : row.id.from === 'page' ? "the page's own id (md5(title + date) without an adapter)" : 'md5(title + date)');
const describe = <T extends string>(value: T | { rule: string }) => (typeof value === 'string' ? value : value.rule);

export function sourcesJson(): string {
  return (
    JSON.stringify(
      SOURCES.map((row) => ({ folder: row.folder, category: describe(row.category), lang: describe(row.lang), hosts: row.hosts.source, id: describeId(row) })),
      null,
      2,
    ) + '\n'
  );
}

export function sourcesTable(): string {
  const rows = SOURCES.map((row) => [row.folder, describe(row.category), describe(row.lang), row.hosts.source, describeId(row)]);
  const header = ['folder', 'category', 'lang', 'hosts', 'id'];
  const widths = header.map((h, i) => Math.min(48, Math.max(h.length, ...rows.map((r) => r[i].length))));
  const cell = (text: string, i: number) => (text.length > widths[i] ? text.slice(0, widths[i] - 1) + '…' : text.padEnd(widths[i]));
  const line = (r: string[]) => r.map(cell).join('  ').trimEnd();
  return [line(header), ...rows.map(line), '', `${SOURCES.length} sources; a host in no row is filed under its site's name, with md5(title + date) ids`].join('\n') + '\n';
}
