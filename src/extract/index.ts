// Stage 4: choose the extractor (a site adapter by host or by the page's fingerprint,
// else the generic one) and run it.
import { absoluteUrl } from '../clean.js';
import { toArchiveDate, formatInZone } from '../date.js';
import { langFromTag, langFromText } from '../lang.js';
import { md5Id } from '../post/path.js';
import { findSource, siteSlug } from '../sources.js';
import { blockText } from '../text.js';
import type { SiteAdapter } from './adapter.js';
import { tencent } from './adapters/tencent.js';
import { GENERIC_CLEAN, genericFields } from './generic.js';
import { elementsByTag, simpleSelect } from './page-index.js';
import { firstBody, firstOf } from './rules.js';
import { ExtractError, type Extracted, type Filing, type Found, type Page } from './types.js';

export const ADAPTERS: readonly SiteAdapter[] = [tencent];

export interface ExtractOptions {
  /** Off in site tests, so that they prove the site's own rules. */
  genericFallback?: boolean;
  adapters?: readonly SiteAdapter[];
}

export function chooseAdapter(page: Page, adapters: readonly SiteAdapter[] = ADAPTERS): { adapter: SiteAdapter; reason: string } | undefined {
  const host = page.url.hostname.toLowerCase();
  for (const adapter of adapters) if (adapter.hosts.test(host)) return { adapter, reason: `host ${host}` };
  for (const adapter of adapters) {
    const why = adapter.fingerprint?.(page);
    if (why) return { adapter, reason: `page fingerprint: ${why}` };
  }
  return undefined;
}

export function extractArticle(page: Page, options: ExtractOptions = {}): Extracted {
  const chosen = chooseAdapter(page, options.adapters ?? ADAPTERS);
  return chosen ? runAdapter(chosen.adapter, chosen.reason, page, options.genericFallback ?? true) : runGeneric(page);
}

function fetchedDate(page: Page, warnings: string[]): Found<string> {
  warnings.push('no publication date found: using the time the page was fetched');
  return { value: formatInZone(page.fetchedAt), via: 'fetch time' };
}

function runAdapter(adapter: SiteAdapter, reason: string, page: Page, fallback: boolean): Extracted {
  const rejected = adapter.reject?.(page);
  if (rejected) throw new ExtractError(rejected);
  const identity = adapter.identify(page);
  if (!identity) throw new ExtractError(`no ${adapter.name} article id in the URL or the page`);
  const warnings: string[] = [];
  const generic = () => (fallback ? genericFields(page, adapter.dateZone) : {});
  let title = firstOf(adapter.title, page);
  let date = firstOf(adapter.date, page, (v) => toArchiveDate(v, adapter.dateZone));
  let cover = firstOf(adapter.cover, page, (v) => absoluteUrl(v, page.url.href));
  let body = firstBody(adapter.body, page, adapter.clean ?? {});
  if (!body) {
    const empty = adapter.emptyReason?.(page);
    if (empty) throw new ExtractError(empty);
  }
  if (!title || !date || !body) {
    const g = generic();
    title ??= tagged(g.title, 'generic');
    date ??= tagged(g.date, 'generic');
    body ??= tagged(g.body, 'generic');
    cover ??= tagged(g.cover, 'generic');
  }
  if (!body) throw new ExtractError('no article body found in the page');
  if (!title) throw new ExtractError('no title found in the page');
  return {
    extractor: adapter.name,
    reason,
    title,
    date: date ?? fetchedDate(page, warnings),
    cover: cover ?? { value: '', via: 'none' },
    body,
    link: identity.link,
    id: identity.id,
    filing: adapter.filing,
    clean: adapter.clean ?? {},
    warnings,
  };
}

function tagged<T>(found: Found<T> | undefined, prefix: string): Found<T> | undefined {
  return found && { ...found, via: `${prefix}: ${found.via}` };
}

function runGeneric(page: Page): Extracted {
  if (page.url.protocol !== 'http:' && page.url.protocol !== 'https:') {
    throw new ExtractError('a saved page of a site without an adapter needs --url <original-url> (the page names no canonical URL)');
  }
  const warnings: string[] = [];
  const g = genericFields(page);
  if (!g.body) throw new ExtractError('no article body found in the page');
  if (!g.title) throw new ExtractError('no title found in the page');
  const date = g.date ?? fetchedDate(page, warnings);
  const cover = g.cover && absoluteUrl(g.cover.value, page.url.href);
  const source = findSource(page.url);
  const filing = source ? { folder: source.folder, category: source.category, lang: source.lang } : fileUnknown(page, blockText(g.body.value.root.toArray()));
  return {
    extractor: 'generic',
    reason: `no site adapter for ${page.url.hostname}${source ? ` (registry: ${source.folder})` : ' (in no row of the registry)'}`,
    title: g.title,
    date,
    cover: cover ? { value: cover, via: g.cover!.via } : { value: '', via: 'none' },
    body: g.body,
    link: canonicalLink(page.url),
    // The registry's id where the URL holds one, else the archive's md5(title + date).
    id: source?.id ?? md5Id(g.title.value, date.value),
    filing,
    clean: GENERIC_CLEAN,
    warnings,
  };
}

/** A site in no row of the registry: folder and category from its name, language from the page. */
function fileUnknown(page: Page, text: string): Filing {
  const slug = siteSlug(page.url.hostname);
  const lang =
    langFromTag(elementsByTag(page, 'html')[0]?.attribs.lang) ??
    langFromTag(simpleSelect(page, 'meta[property="og:locale"]')![0]?.attribs.content) ??
    langFromText(text);
  return { folder: slug, category: slug, lang };
}

/** The article's URL without fragment and tracking parameters. */
export function canonicalLink(url: URL): string {
  const copy = new URL(url.href);
  copy.hash = '';
  for (const key of [...copy.searchParams.keys()]) if (/^(utm_|spm$|from$|fbclid$|gclid$)/.test(key)) copy.searchParams.delete(key);
  return copy.href;
}

/** The adapter for a URL's host, before anything is fetched. */
export function chooseAdapterForUrl(url: URL, adapters: readonly SiteAdapter[] = ADAPTERS): SiteAdapter | undefined {
  return adapters.find((a) => a.hosts.test(url.hostname.toLowerCase()));
}
