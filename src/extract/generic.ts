// The fallback for pages without a site adapter: metadata from the page's declarations,
// the body by scoring containers on the text of their paragraphs.
import type { Cheerio, CheerioAPI } from 'cheerio/slim';
import type { Element } from 'domhandler';
import { absoluteUrl, type CleanRules } from '../clean.js';
import { toArchiveDate } from '../date.js';
import { blockText } from '../text.js';
import { findContent, wholeContainer } from './content.js';
import { elementsByTag, simpleSelect } from './page-index.js';
import { firstBody, firstOf } from './rules.js';
import type { BodyRule, FieldRule, Found, Page } from './types.js';

const ldCache = new WeakMap<Page, Record<string, unknown>[]>();

/** JSON-LD objects of the page, @graph flattened; read once per page. */
export function jsonLd(page: Page): Record<string, unknown>[] {
  const cached = ldCache.get(page);
  if (cached) return cached;
  const out: Record<string, unknown>[] = [];
  ldCache.set(page, out);
  for (const el of simpleSelect(page, 'script[type="application/ld+json"]')!) {
    try {
      const add = (v: unknown): void => {
        if (Array.isArray(v)) v.forEach(add);
        else if (v && typeof v === 'object') {
          out.push(v as Record<string, unknown>);
          const graph = (v as Record<string, unknown>)['@graph'];
          if (graph) add(graph);
        }
      };
      add(JSON.parse(blockText(el.children)));
    } catch {
      // Broken JSON-LD is common; the other rules still apply.
    }
  }
  return out;
}

const ARTICLE_TYPES = /Article|Posting|Report|BlogPosting/;
const ldArticle = (page: Page) => jsonLd(page).find((o) => ARTICLE_TYPES.test(String(o['@type'] ?? '')));
const ldText = (v: unknown): string | undefined => {
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return ldText(v[0]);
  if (v && typeof v === 'object') return ldText((v as Record<string, unknown>).url);
  return undefined;
};

export const GENERIC_TITLE: readonly FieldRule[] = [
  { name: 'JSON-LD headline', get: (p) => ldText(ldArticle(p)?.headline) },
  ['meta[property="og:title"]', 'content'],
  ['meta[name="twitter:title"]', 'content'],
  { name: 'the only <h1>', get: (p) => (elementsByTag(p, 'h1').length === 1 ? blockText(elementsByTag(p, 'h1')[0].children) : undefined) },
  { name: '<title> without the site name', get: (p) => stripSiteName(blockText(elementsByTag(p, 'title')[0]?.children ?? [])) },
  'h1',
];

/** "Headline_Site", "Headline - Site", "Headline | Site": keep the longest part. */
export function stripSiteName(title: string): string {
  const parts = title.split(/\s+[-|–—]\s+|_|\|/).map((s) => s.trim()).filter(Boolean);
  return parts.sort((a, b) => b.length - a.length)[0] ?? title.trim();
}

export const GENERIC_DATE: readonly FieldRule[] = [
  { name: 'JSON-LD datePublished', get: (p) => ldText(ldArticle(p)?.datePublished) },
  ['meta[property="article:published_time"]', 'content'],
  ['meta[property="og:published_time"]', 'content'],
  ['meta[name="pubdate"]', 'content'],
  ['meta[name="publishdate"]', 'content'],
  ['meta[name="PubDate"]', 'content'],
  ['meta[name="publish_date"]', 'content'],
  ['meta[name="article:published_time"]', 'content'],
  ['meta[itemprop="datePublished"]', 'content'],
  ['[itemprop="datePublished"]', 'datetime'],
  ['meta[name="date"]', 'content'],
  ['meta[name="dc.date"]', 'content'],
  ['time[datetime]', 'datetime'],
  // The time elements of Chinese news templates (and of Baidu's news crawler).
  '#pubtime_baidu',
  '.h-time',
  '#pubtime',
  '.pubtime',
  '.time-source',
  '.post_time_source',
  '#pub_date',
  '.article-time',
  { name: 'a date in the text near the title', get: dateNearTitle },
];

const TEXT_DATE = /(\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?(?:\s*\d{1,2}\s*[:：]\s*\d{2}(?:\s*[:：]\s*\d{2})?)?)/;

/**
 * A date written near the headline; else the page's only date (old pages print it in a
 * top bar far from the headline). Several different dates in the page say nothing.
 */
function dateNearTitle(page: Page): string | undefined {
  const h1 = elementsByTag(page, 'h1').find((el) => blockText(el.children).trim());
  const body = elementsByTag(page, 'body')[0];
  const scope = (h1?.parent?.parent ?? body) as Element | undefined;
  // A date with its time beats a bare day (often today's date, written by a script).
  const near = scope ? [...blockText(scope).slice(0, 5000).matchAll(new RegExp(TEXT_DATE.source, 'g'))].map((m) => m[1]) : [];
  if (near.length) return near.find((d) => /[:：]/.test(d)) ?? near[0];
  if (!body) return undefined;
  const all = [...blockText(body).slice(0, 30000).matchAll(new RegExp(TEXT_DATE.source, 'g'))].map((m) => m[1]);
  const days = new Set(all.map((d) => d.replace(/\D+/g, '-').split('-').slice(0, 3).map(Number).join('-')));
  return days.size === 1 ? all[0] : undefined;
}

export const GENERIC_COVER: readonly FieldRule[] = [
  ['meta[property="og:image"]', 'content'],
  ['meta[property="og:image:url"]', 'content'],
  ['meta[name="twitter:image"]', 'content'],
  ['meta[name="twitter:image:src"]', 'content'],
  { name: 'JSON-LD image', get: (p) => ldText(ldArticle(p)?.image) },
];

export const GENERIC_CLEAN: CleanRules = {
  remove: ['nav', 'aside', 'footer', 'header', '[role="navigation"]', '[role="complementary"]', '[aria-hidden="true"]'],
};

const pageBody = (page: Page) => elementsByTag(page, 'body')[0] ?? (page.$.root()[0] as unknown as Element);

export const GENERIC_BODY: readonly BodyRule[] = [
  {
    name: 'highest-scoring text container',
    element: (page) => {
      const found = findContent(pageBody(page));
      return found && (page.$(found.root) as Cheerio<Element>);
    },
  },
  {
    // What the first rule found cleaned to nothing (a search form, a script-written
    // gallery): the page is still shown to readers, so its article container or body is.
    name: 'the whole article container or page body',
    element: (page) => {
      const found = wholeContainer(pageBody(page));
      return found && (page.$(found.root) as Cheerio<Element>);
    },
  },
];

/**
 * A meta tag often gives the day only (`<meta name="publishdate" content="2019-06-15">`)
 * while the page shows the time: a same-day date near the title supplies it.
 */
function preciseDate(page: Page, found: Found<string> | undefined, zone?: string): Found<string> | undefined {
  if (!found?.value.endsWith(' 00:00:00')) return found;
  const near = toArchiveDate(dateNearTitle(page), zone);
  return near && near.slice(0, 10) === found.value.slice(0, 10) && !near.endsWith(' 00:00:00') ? { value: near, via: `${found.via}, its time from the text near the title` } : found;
}

export interface GenericFields {
  title?: Found<string>;
  date?: Found<string>;
  cover?: Found<string>;
  body?: ReturnType<typeof firstBody>;
}

/**
 * Each field on first use: finding the body moves the article's nodes out of the page,
 * so an adapter that only lacks a title must not pay for (or suffer) a body search.
 */
export function genericFields(page: Page, zone?: string): GenericFields {
  const memo = new Map<string, unknown>();
  const once = <T>(key: string, find: () => T): T => {
    if (!memo.has(key)) memo.set(key, find());
    return memo.get(key) as T;
  };
  return {
    get title() {
      return once('title', () => firstOf(GENERIC_TITLE, page));
    },
    get date() {
      return once('date', () => preciseDate(page, firstOf(GENERIC_DATE, page, (v) => toArchiveDate(v, zone)), zone));
    },
    get cover() {
      // Absolute, as a thumbnail must be: the adapters' fallback uses it as it is.
      return once('cover', () => firstOf(GENERIC_COVER, page, (v) => (/logo/i.test(v) ? undefined : absoluteUrl(v, page.url.href))));
    },
    get body() {
      return once('body', () => firstBody(GENERIC_BODY, page, GENERIC_CLEAN));
    },
  };
}

/** The body text the generic extractor finds on a page (block breaks kept): the Zyte benchmark's input. */
export function genericBodyText($: CheerioAPI, url: URL): string {
  const body = firstBody(GENERIC_BODY, { $, html: '', url, fetchedAt: new Date() }, GENERIC_CLEAN);
  return body ? blockText(body.value.root.toArray()) : '';
}
