// The page's <meta> declarations by key: `name`, `property` and `itemprop` alike, lowercased,
// each of a space-separated list (RDFa allows `property="og:title twitter:title"`).
import { elementsByTag } from './page-index.js';
import { perPage } from './per-page.js';
import type { Page } from './types.js';

export const metaValues = perPage(function metaValues(page: Page): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const el of elementsByTag(page, 'meta')) {
    const content = el.attribs.content?.replace(/\s+/g, ' ').trim();
    if (!content) continue;
    const keys = [el.attribs.name, el.attribs.property, el.attribs.itemprop].filter(Boolean).join(' ');
    for (const key of keys.toLowerCase().split(/\s+/)) {
      if (!key) continue;
      let list = found.get(key);
      if (!list) found.set(key, (list = []));
      list.push(content);
    }
  }
  return found;
});

/** The first value of the first key present. */
export function meta(page: Page, ...keys: string[]): string | undefined {
  const values = metaValues(page);
  for (const key of keys) {
    const v = values.get(key)?.[0];
    if (v) return v;
  }
  return undefined;
}
