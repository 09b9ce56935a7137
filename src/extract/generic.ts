// The fallback for pages without a site adapter: metadata from the page's declarations,
// the body by scoring containers on the text of their paragraphs.
import type { Cheerio } from 'cheerio/slim';
import type { Element } from 'domhandler';
import type { CleanRules } from '../clean.js';
import { toArchiveDate } from '../date.js';
import { blockText } from '../text.js';
import { firstBody, firstOf } from './rules.js';
import type { BodyRule, FieldRule, Found, Page } from './types.js';

/** JSON-LD objects of the page, @graph flattened. */
export function jsonLd(page: Page): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  page.$('script[type="application/ld+json"]').each((_, el) => {
    try {
      const add = (v: unknown): void => {
        if (Array.isArray(v)) v.forEach(add);
        else if (v && typeof v === 'object') {
          out.push(v as Record<string, unknown>);
          const graph = (v as Record<string, unknown>)['@graph'];
          if (graph) add(graph);
        }
      };
      add(JSON.parse(page.$(el).text()));
    } catch {
      // Broken JSON-LD is common; the other rules still apply.
    }
  });
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
  { name: 'the only <h1>', get: (p) => (p.$('h1').length === 1 ? p.$('h1').text() : undefined) },
  { name: '<title> without the site name', get: (p) => stripSiteName(p.$('title').first().text()) },
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
  { name: 'a date in the text near the title', get: dateNearTitle },
];

const TEXT_DATE = /(\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?(?:\s*\d{1,2}\s*[:：]\s*\d{2}(?:\s*[:：]\s*\d{2})?)?)/;

function dateNearTitle(page: Page): string | undefined {
  const h1 = page.$('h1').first();
  const scope = h1.length ? h1.parent().parent() : page.$('body');
  const m = TEXT_DATE.exec(blockText(scope.toArray()).slice(0, 5000));
  return m?.[1];
}

export const GENERIC_COVER: readonly FieldRule[] = [
  ['meta[property="og:image"]', 'content'],
  ['meta[property="og:image:url"]', 'content'],
  ['meta[name="twitter:image"]', 'content'],
  ['meta[name="twitter:image:src"]', 'content'],
  { name: 'JSON-LD image', get: (p) => ldText(ldArticle(p)?.image) },
];

/** Class and id words of page furniture, never article text. */
const FURNITURE = /(^|[\s_-])(nav|navbar|menu|breadcrumbs?|share|sharing|social|related|recommend|comments?|footer|header|sidebar|advert|ads?|promo|subscribe|newsletter|tags?|author-?box|copyright|toolbar|hot-?news|rank)([\s_-]|$)/i;

export const GENERIC_CLEAN: CleanRules = {
  remove: ['nav', 'aside', 'footer', 'header', '[role="navigation"]', '[role="complementary"]', '[aria-hidden="true"]'],
};

/** Characters of text, counting a Han character as two letters' worth of meaning. */
function textWeight(text: string): number {
  const han = text.match(/\p{Script=Han}/gu)?.length ?? 0;
  return text.replace(/\s+/g, '').length + han;
}

/** The element holding most paragraph text, links discounted. */
function scoreBody(page: Page): Cheerio<Element> | undefined {
  const $ = page.$;
  const scores = new Map<Element, number>();
  $('p, pre, blockquote, li, div, section, td').each((_, el) => {
    const node = $(el);
    if (el.name !== 'p' && el.name !== 'pre' && node.children('p, div, section, table, ul, ol').length) return;
    const text = node.text();
    const weight = textWeight(text);
    if (weight < 25) return;
    const linkWeight = textWeight(node.find('a').text());
    const score = weight * (1 - Math.min(1, linkWeight / weight)) * (el.name === 'p' ? 1 : 0.6);
    const parent = el.parent as Element | null;
    if (parent && parent.type === 'tag') scores.set(parent, (scores.get(parent) ?? 0) + score);
    const grand = parent?.parent as Element | null;
    if (grand && grand.type === 'tag') scores.set(grand, (scores.get(grand) ?? 0) + score / 2);
  });
  let best: Element | undefined;
  let bestScore = 0;
  for (const [el, score] of scores) {
    const tokens = `${el.attribs.class ?? ''} ${el.attribs.id ?? ''}`;
    const adjusted = FURNITURE.test(tokens) ? score * 0.2 : score;
    if (adjusted > bestScore) [best, bestScore] = [el, adjusted];
  }
  return best ? ($(best) as Cheerio<Element>) : undefined;
}

export const GENERIC_BODY: readonly BodyRule[] = [
  '[itemprop="articleBody"]',
  { name: 'highest-scoring text container', html: (p) => scoreBody(p)?.html() ?? undefined },
];

export interface GenericFields {
  title?: Found<string>;
  date?: Found<string>;
  cover?: Found<string>;
  body?: ReturnType<typeof firstBody>;
}

export function genericFields(page: Page, zone?: string): GenericFields {
  return {
    title: firstOf(GENERIC_TITLE, page),
    date: firstOf(GENERIC_DATE, page, (v) => toArchiveDate(v, zone)),
    cover: firstOf(GENERIC_COVER, page, (v) => (/logo/i.test(v) ? undefined : v)),
    body: firstBody(GENERIC_BODY, page, GENERIC_CLEAN),
  };
}

