// The link and id a page is filed under: the page's own canonical URL when it names one
// on its site, in the form a post records (src/post/link.ts).
import { cleanLink, sameSite } from '../post/link.js';
import { liveElements } from './page-index.js';
import type { Page } from './types.js';

const CANONICAL = /(?:^|\s)canonical(?:$|\s)/i;

function declaredUrl(page: Page, value: string | undefined): URL | undefined {
  if (!value?.trim()) return undefined;
  try {
    const url = new URL(value.trim(), page.url.href);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The article's URL: `<link rel=canonical>`, else `og:url`, when it is on the same site as
 * the page's URL (a canonical elsewhere is a syndicated copy's source, or a mistake: the
 * page is filed where it was found); else the page's URL. A canonical pointing at the
 * site's home page from an article is a template default, not the article's address.
 * A canonical written with http: for a page served over https keeps https (stale templates).
 */
export function articleUrl(page: Page): URL {
  // What `link[rel~="canonical" i]` and `meta[property="og:url"]` find (rel is compared ignoring case, as in HTML).
  const candidates = [liveElements(page, 'link', (el) => CANONICAL.test(el.attribs.rel ?? ''))[0]?.attribs.href, liveElements(page, 'meta', (el) => el.attribs.property === 'og:url')[0]?.attribs.content];
  for (const value of candidates) {
    const url = declaredUrl(page, value);
    if (!url || !sameSite(url, page.url)) continue;
    if (url.pathname.replace(/\/+$/, '') === '' && page.url.pathname.replace(/\/+$/, '') !== '') continue;
    if (url.protocol === 'http:' && page.url.protocol === 'https:') url.protocol = 'https:';
    return url;
  }
  return page.url;
}

/** The link a post of this page records. */
export const canonicalLink = (page: Page) => cleanLink(articleUrl(page));

/** The page's canonical link, and the id `pattern` finds in its path (else md5(title + date)). */
export const identifyByUrl = (pattern?: RegExp) => (page: Page) => {
  const url = articleUrl(page);
  return { link: cleanLink(url), id: pattern?.exec(url.pathname)?.[1] };
};
