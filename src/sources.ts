// Which source a URL belongs to: ARCHIVE.md section 5. Adding a source is adding a row.
import type { Lang } from './post/schema.js';

export interface SourceRow {
  folder: string;
  category: string;
  lang: Lang;
  /** Hosts of the source's article URLs. */
  hosts: RegExp;
  /** Narrows a row to some paths, where one host holds two categories. */
  paths?: RegExp;
}

export const SOURCES: readonly SourceRow[] = [{ folder: 'qq', category: 'qq', lang: 'zh-CN', hosts: /^(new|news|view\.inews|inews)\.qq\.com$/ }];

export function findSource(url: URL): SourceRow | undefined {
  const host = url.hostname.toLowerCase();
  return SOURCES.find((row) => row.hosts.test(host) && (!row.paths || row.paths.test(url.pathname)));
}

/** Second-level public suffixes common among news sites (no full public-suffix list needed for a name). */
const SECOND_LEVEL = /^(com|net|org|co|gov|edu|ac|or|ne)\.[a-z]{2}$/;

/** A folder name for a site in no row: the registrable domain's name, lowercase letters and digits. */
export function siteSlug(host: string): string {
  const labels = host.toLowerCase().replace(/\.$/, '').split('.');
  const suffixLength = labels.length > 2 && SECOND_LEVEL.test(labels.slice(-2).join('.')) ? 2 : 1;
  const name = labels[labels.length - suffixLength - 1] ?? labels[0];
  return name.replace(/[^a-z0-9]/g, '') || 'site';
}
