// The link and id an adapter files a page under, from its URL.
import type { Page } from './types.js';

/** The article's URL without fragment and tracking parameters. */
export function canonicalLink(url: URL): string {
  const copy = new URL(url.href);
  copy.hash = '';
  for (const key of [...copy.searchParams.keys()]) if (/^(utm_|spm$|from$|fbclid$|gclid$)/.test(key)) copy.searchParams.delete(key);
  return copy.href;
}

/** The page's canonical link, and the id `pattern` finds in its path (else md5(title + date)). */
export const identifyByUrl = (pattern?: RegExp) => (page: Page) => ({ link: canonicalLink(page.url), id: pattern?.exec(page.url.pathname)?.[1] });
