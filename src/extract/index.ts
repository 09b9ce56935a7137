// Stage 4: choose the extractor (a site adapter by host or by the page's fingerprint,
// else the generic one) and run it.
import { absoluteUrl } from '../clean.js';
import { archiveForm, readDate, siteClock } from '../date.js';
import { pageLanguage, type PageLanguage } from './language.js';
import { ARCHIVE } from '../sources.js';
import { blockText, MIN_BODY_WEIGHT, textWeight } from '../text.js';
import type { Element } from 'domhandler';
import type { SiteAdapter } from './adapter.js';
import { ADAPTERS, chooseAdapterForUrl } from './adapters/index.js';
import { canonicalLink } from './link.js';
import { GENERIC_CLEAN, genericFields } from './generic.js';
import { elementsByTag, liveElements, simpleSelect } from './page-index.js';
import { describeRule, firstBody, firstOf } from './rules.js';
import { ExtractError, type Body, type Extracted, type Found, type FoundDate, type Page } from './types.js';
import type { ZoneGuess } from './zone.js';

export { ADAPTERS, chooseAdapterForUrl };

export interface ExtractOptions {
  /** Off in site tests, so that they prove the site's own rules. */
  genericFallback?: boolean;
  adapters?: readonly SiteAdapter[];
  /** The zones of the page's zone-less times known beyond the page (--zone, the registry). */
  zones?: KnownZones;
}

/**
 * What the caller knows of the zone of a page's zone-less times: the user's `--zone`, and
 * the registry row of the article's source (with the site's config: only the main thread
 * has it). Plain data, so that it crosses to a worker thread.
 */
export interface KnownZones {
  user?: string;
  source?: { zone: string; folder: string };
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
  return chosen ? runAdapter(chosen.adapter, chosen.reason, page, options.genericFallback ?? true, options.zones) : runGeneric(page, options.zones);
}

/**
 * The zone of the page's zone-less times when it is known beyond the page: given by the
 * user (--zone), by the site's adapter, or by the registry's row of its source (the one the
 * caller found, else the archive's own row for the page's URL: a saved page names its URL).
 */
export function knownZone(page: Page, adapter: SiteAdapter | undefined, zones: KnownZones = {}): ZoneGuess | undefined {
  if (zones.user) return { zone: zones.user, why: '--zone' };
  if (adapter?.dateZone) return { zone: adapter.dateZone, why: `the ${adapter.name} adapter` };
  const source = zones.source ?? archiveZone(page.url);
  return source && { zone: source.zone, why: `the registry's ${source.folder} row` };
}

function archiveZone(url: URL): KnownZones['source'] {
  const match = ARCHIVE.find(url);
  return match?.zone ? { zone: match.zone, folder: match.folder } : undefined;
}

/** Where the generic extractor looks for a date, in words (`pressclip inspect` lists each rule). */
const GENERIC_DATE_PLACES = 'JSON-LD, the date meta tags, microdata and <time>, script data, dates printed near the headline (Chinese forms included) and the URL';

/** `meta[http-equiv="content-language" i]`, as Cheerio compares ignoring case. */
const isContentLanguage = (el: Element) => {
  const value = el.attribs['http-equiv'];
  return value?.length === 16 && value.toLowerCase() === 'content-language';
};

/** The page's declarations of its language, most specific first, and its text: PageLanguage decides. */
function language(page: Page, title: string, body: Found<Body>): PageLanguage {
  // The index's first og:locale (even one the body search has moved out of the page), else the page's own.
  const locale = simpleSelect(page, 'meta[property="og:locale"]')![0]?.attribs.content ?? liveElements(page, 'meta', (el) => el.attribs.property === 'og:locale')[0]?.attribs.content;
  return pageLanguage(
    [
      { tag: elementsByTag(page, 'html')[0]?.attribs.lang, from: '<html lang>' },
      { tag: locale, from: 'og:locale' },
      { tag: page.contentLanguage?.split(',')[0], from: 'the Content-Language header' },
      { tag: liveElements(page, 'meta', isContentLanguage)[0]?.attribs.content?.split(',')[0], from: '<meta http-equiv="Content-Language">' },
    ],
    // The body first: the sample read is its first few thousand characters, and a title is no evidence of length.
    `${blockText(body.value.root.toArray())}\n${title}`,
  );
}

function runAdapter(adapter: SiteAdapter, reason: string, page: Page, fallback: boolean, zones?: KnownZones): Extracted {
  const rejected = adapter.reject?.(page);
  if (rejected) throw new ExtractError(rejected);
  const identity = adapter.identify(page);
  if (!identity) throw new ExtractError(`no ${adapter.name} article id in the URL or the page`);
  const warnings: string[] = [];
  // Each generic field is found only when asked for (genericFields is lazy).
  const zone = knownZone(page, adapter, zones);
  const generic = fallback ? genericFields(page, zone) : undefined;
  let title = firstOf(adapter.title, page);
  let date = siteDate(firstOf(adapter.date, page, (v) => (readDate(v) ? v : undefined)), zone?.zone);
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
  if (date?.warning) warnings.push(date.warning);
  const siteRules = adapter.date.map(describeRule).join(', ');
  return {
    extractor: adapter.name,
    reason,
    title,
    date,
    dateLookedFor: fallback ? `the ${adapter.name} rules (${siteRules}), then ${GENERIC_DATE_PLACES}` : `the ${adapter.name} rules (${siteRules})`,
    cover: cover ?? { value: '', via: 'none' },
    body,
    link: identity.link,
    id: identity.id,
    suggested: adapter.filing,
    language: language(page, title.value, body),
    clean: adapter.clean ?? {},
    warnings,
  };
}

/** A site rule's date as written, in the archive's form and on the site's clock. */
function siteDate(found: Found<string> | undefined, zone: string | undefined): FoundDate | undefined {
  const parts = found && readDate(found.value);
  return parts && { value: archiveForm(parts, zone), local: siteClock(parts, zone), via: found.via };
}

function tagged<F extends Found<unknown>>(found: F | undefined, prefix: string): F | undefined {
  return found && { ...found, via: `${prefix}: ${found.via}` };
}

function runGeneric(page: Page, zones?: KnownZones): Extracted {
  if (page.url.protocol !== 'http:' && page.url.protocol !== 'https:') {
    throw new ExtractError('a saved page of a site without an adapter needs its original URL (import: --url <original-url>; a batch list: after a tab on its line): the page names no canonical URL');
  }
  const g = genericFields(page, knownZone(page, undefined, zones));
  // Metadata first: the body search moves the article's nodes (the <h1> among them).
  const [named, date, cover] = [g.title, g.date, g.cover];
  if (!g.body) throw new ExtractError('no article body found in the page');
  const title = named ?? g.titleFromBody;
  if (!title) throw new ExtractError('no title found in the page');
  const warnings = [title, date].flatMap((f) => (f?.warning ? [f.warning] : []));
  return {
    extractor: 'generic',
    reason: `no site adapter for ${page.url.hostname}`,
    title,
    date,
    dateLookedFor: GENERIC_DATE_PLACES,
    cover: cover ?? { value: '', via: 'none' },
    body: g.body,
    link: canonicalLink(page),
    language: language(page, title.value, g.body),
    clean: GENERIC_CLEAN,
    warnings,
  };
}

export { canonicalLink };
