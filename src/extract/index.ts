// Stage 4: choose the extractor (a site adapter by host or by the page's fingerprint,
// else the generic one) and run it.
import { absoluteUrl } from '../clean.js';
import { toArchiveDate, formatInZone } from '../date.js';
import { langFromTag, langFromText } from '../lang.js';
import { md5Id } from '../post/path.js';
import { findSource, siteSlug, type SourceMatch } from '../sources.js';
import { blockText, MIN_BODY_WEIGHT, textWeight } from '../text.js';
import type { SiteAdapter } from './adapter.js';
import { ADAPTERS, chooseAdapterForUrl } from './adapters/index.js';
import { canonicalLink } from './link.js';
import { GENERIC_CLEAN, genericFields } from './generic.js';
import { elementsByTag, simpleSelect } from './page-index.js';
import { firstBody, firstOf } from './rules.js';
import { ExtractError, type Extracted, type Filing, type Found, type Page } from './types.js';
import type { ZoneGuess } from './zone.js';

export { ADAPTERS, chooseAdapterForUrl };

export interface ExtractOptions {
  /** Off in site tests, so that they prove the site's own rules. */
  genericFallback?: boolean;
  adapters?: readonly SiteAdapter[];
  /** The zone of the page's zone-less times (`--zone`), over the registry's and the page's. */
  zone?: string;
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
  return chosen ? runAdapter(chosen.adapter, chosen.reason, page, options.genericFallback ?? true, options.zone) : runGeneric(page, options.zone);
}

/**
 * The zone of the page's zone-less times when it is known beyond the page: given by the
 * user (--zone), by the site's adapter, or by the registry's row for an archive source.
 */
export function knownZone(page: Page, adapter: SiteAdapter | undefined, userZone: string | undefined): ZoneGuess | undefined {
  if (userZone) return { zone: userZone, why: '--zone' };
  if (adapter?.dateZone) return { zone: adapter.dateZone, why: `the ${adapter.name} adapter` };
  const row = findSource(page.url);
  return row?.row.zone ? { zone: row.row.zone, why: `the registry's ${row.folder} row` } : undefined;
}

function fetchedDate(page: Page, warnings: string[]): Found<string> {
  warnings.push('no publication date found: using the time the page was fetched');
  return { value: formatInZone(page.fetchedAt), via: 'fetch time' };
}

function runAdapter(adapter: SiteAdapter, reason: string, page: Page, fallback: boolean, userZone?: string): Extracted {
  const rejected = adapter.reject?.(page);
  if (rejected) throw new ExtractError(rejected);
  const identity = adapter.identify(page);
  if (!identity) throw new ExtractError(`no ${adapter.name} article id in the URL or the page`);
  const warnings: string[] = [];
  // Each generic field is found only when asked for (genericFields is lazy).
  const zone = knownZone(page, adapter, userZone);
  const generic = fallback ? genericFields(page, zone) : undefined;
  let title = firstOf(adapter.title, page);
  let date = firstOf(adapter.date, page, (v) => toArchiveDate(v, zone?.zone));
  let cover = firstOf(adapter.cover, page, (v) => absoluteUrl(v, page.url.href));
  let body = firstBody(adapter.body, page, adapter.clean ?? {});
  if (!body) {
    const empty = adapter.emptyReason?.(page);
    if (empty) throw new ExtractError(empty);
  }
  // A site rule that matched a wrapper of the headline only (an older template) loses to
  // the generic body when that holds more. (Generic extraction moves nodes out of the page,
  // so the site body is measured first.)
  const siteWeight = body ? textWeight(blockText(body.value.root.toArray())) : 0;
  if (generic) {
    title ??= tagged(generic.title, 'generic');
    date ??= tagged(generic.date, 'generic');
    if (!body || siteWeight < MIN_BODY_WEIGHT) {
      const found = generic.body;
      if (found && textWeight(blockText(found.value.root.toArray())) > siteWeight) body = tagged(found, 'generic');
    }
    cover ??= tagged(generic.cover, 'generic');
  }
  if (!body) throw new ExtractError('no article body found in the page');
  if (!title) throw new ExtractError('no title found in the page');
  date ??= fetchedDate(page, warnings);
  if (date.warning) warnings.push(date.warning);
  // The registry files the site's archive hosts; the adapter files the rest of the site.
  const source = findSource(page.url);
  return {
    extractor: adapter.name,
    reason,
    title,
    date,
    cover: cover ?? { value: '', via: 'none' },
    body,
    link: identity.link,
    id: identity.id ?? source?.id ?? md5Id(title.value, date.value),
    filing: source ? registryFiling(source) : adapter.filing,
    clean: adapter.clean ?? {},
    warnings,
  };
}

function tagged<T>(found: Found<T> | undefined, prefix: string): Found<T> | undefined {
  return found && { ...found, via: `${prefix}: ${found.via}` };
}

function runGeneric(page: Page, userZone?: string): Extracted {
  if (page.url.protocol !== 'http:' && page.url.protocol !== 'https:') {
    throw new ExtractError('a saved page of a site without an adapter needs --url <original-url> (the page names no canonical URL)');
  }
  const warnings: string[] = [];
  const source = findSource(page.url);
  const g = genericFields(page, knownZone(page, undefined, userZone));
  // Metadata first: the body search moves the article's nodes (the <h1> among them).
  const [named, found, cover] = [g.title, g.date, g.cover];
  if (!g.body) throw new ExtractError('no article body found in the page');
  const title = named ?? g.titleFromBody;
  if (!title) throw new ExtractError('no title found in the page');
  const date = found ?? fetchedDate(page, warnings);
  for (const f of [title, date]) if (f.warning) warnings.push(f.warning);
  const filing = source ? registryFiling(source) : fileUnknown(page, blockText(g.body.value.root.toArray()));
  return {
    extractor: 'generic',
    reason: `no site adapter for ${page.url.hostname}${source ? ` (registry: ${source.folder})` : ' (in no row of the registry)'}`,
    title,
    date,
    cover: cover ?? { value: '', via: 'none' },
    body: g.body,
    link: canonicalLink(page.url),
    // The registry's id where the URL holds one, else the archive's md5(title + date).
    id: source?.id ?? md5Id(title.value, date.value),
    filing,
    clean: GENERIC_CLEAN,
    warnings,
  };
}

const registryFiling = (m: SourceMatch): Filing => ({ folder: m.folder, category: m.category, lang: m.lang });

/** A site in no row of the registry: folder and category from its name, language from the page. */
function fileUnknown(page: Page, text: string): Filing {
  const slug = siteSlug(page.url.hostname);
  const declared = langFromTag(elementsByTag(page, 'html')[0]?.attribs.lang) ?? langFromTag(simpleSelect(page, 'meta[property="og:locale"]')![0]?.attribs.content);
  const written = langFromText(text);
  // Templates copied from English ones say lang="en" over Chinese text: the text wins then.
  const lang = declared && !(declared === 'en' && written !== 'en') ? declared : written;
  return { folder: slug, category: slug, lang };
}


export { canonicalLink };
