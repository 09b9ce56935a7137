// The dates a page declares (JSON-LD, meta tags, microdata, hAtom, <time pubdate>,
// script data) and the day in its URL: the candidates dates.ts weighs.
import type { Element } from 'domhandler';
import { readDate, type DateParts, type ReadOptions } from '../date.js';
import { isArticle, jsonLd, ldType } from './json-ld.js';
import { metaValues } from './meta.js';
import { elementsByTag, simpleSelect } from './page-index.js';
import type { Page } from './types.js';

export type Kind = 'published' | 'modified' | 'visible' | 'url';

export interface DateCandidate {
  parts: DateParts;
  raw: string;
  via: string;
  kind: Kind;
  /** Declared dates: the order of trust. Visible dates: the weight of the evidence. */
  rank: number;
  /** Where a visible date stands in the page's text. */
  pos?: number;
  /** A date printed as the text of a <time datetime>: the datetime it shows (on the site's clock). */
  shows?: DateParts;
  /** Where it comes from (a meta key, JSON-LD, <time> elements, script data): each source votes once. */
  source?: string;
  rejected?: string;
}

// Meta keys that declare the publication, most specific first (Open Graph's article
// namespace, then the names CMSs, Google Scholar, PRISM and analytics tags use).
const PUBLISHED_KEYS = [
  'article:published_time', 'og:published_time', 'og:article:published_time', 'article:published', 'article.published', 'published_time',
  'published-time', 'publish-date', 'publish_date', 'publishdate', 'publish-time', 'publishtime', 'pubdate', 'pub_date', 'datepublished',
  'date_published', 'publication_date', 'publication-date', 'publicationdate', 'originalpublicationdate', 'article_date_original',
  'original-publish-date', 'vr:published-time', 'cxenseparse:recs:publishtime', 'rnews:datepublished', 'bt:pubdate', 'sailthru.date',
  'parsely-pub-date', 'citation_publication_date', 'citation_online_date', 'prism.publicationdate', 'dc.date.issued', 'dcterms.issued', 'dc.issued',
];
// Keys that name a date of the page without saying which: CMSs fill them with the creation,
// publication or last change (Dublin Core's plain "date" is any of them).
const GENERIC_KEYS = ['dc.date', 'dcterms.date', 'date', 'citation_date', 'dc.date.created', 'dcterms.created', 'dc.created', 'article.created', 'created', 'datecreated'];
const MODIFIED_KEYS = [
  'article:modified_time', 'og:updated_time', 'article:modified', 'modified_time', 'dc.date.modified', 'dcterms.modified', 'last-modified',
  'lastmod', 'datemodified', 'dateupdate', 'updated_time', 'modified', 'revised', 'article.updated', 'last-updated',
];
// Keys of the JSON that pages keep in scripts (Next.js state, analytics layers, the article
// data Chinese portals keep in window.DATA: "pubtime").
const SCRIPT_KEYS = /"(datePublished|publishDate|publishedDate|publicationDate|published_at|publishedAt|firstPublishDate|firstPublished|pubDate|publish_time|publishTime|pubtime|pubTime|pub_time|pagePublishDate)"\s*:\s*"([^"]{8,40})"/g;

function candidate(value: string | undefined, via: string, kind: Kind, rank: number, read: ReadOptions, source = via): DateCandidate | undefined {
  const parts = readDate(value, read);
  return parts && { parts, raw: value!.trim(), via, kind, rank, source };
}

// JSON-LD objects whose dates are not the page's: an image's, a person's, an event's.
const PART_TYPES = /ImageObject|MediaObject|AudioObject|Person|Organization|Brand|Place|Offer|Event|Rating|Comment|Answer|Question/;

/** The dates the page declares: JSON-LD, meta tags, microdata, hAtom, <time pubdate>. */
export function declared(page: Page, read: ReadOptions): DateCandidate[] {
  const out: DateCandidate[] = [];
  const push = (c: DateCandidate | undefined) => c && out.push(c);
  for (const o of jsonLd(page)) {
    const article = isArticle(o);
    const type = ldType(o) || 'object';
    // The article's object first; the web page that holds it next (Yoast's graph puts the
    // post's date on its WebPage), then other works the page is (a HowTo, a Recipe).
    if (!article && PART_TYPES.test(type)) continue;
    const source = article ? 'JSON-LD article' : 'JSON-LD page';
    push(candidate(strings(o.datePublished)[0], `JSON-LD datePublished (${type})`, 'published', article ? 0 : 3, read, source));
    push(candidate(strings(o.dateCreated)[0], `JSON-LD dateCreated (${type})`, 'published', 5, read, `${source} created`));
    push(candidate(strings(o.dateModified)[0], `JSON-LD dateModified (${type})`, 'modified', 0, read, `${source} modified`));
  }
  const meta = metaValues(page);
  PUBLISHED_KEYS.forEach((k, i) => push(candidate(meta.get(k)?.[0], `meta ${k}`, 'published', 1 + i / 100, read)));
  GENERIC_KEYS.forEach((k, i) => push(candidate(meta.get(k)?.[0], `meta ${k}`, 'published', 4 + i / 100, read)));
  MODIFIED_KEYS.forEach((k, i) => push(candidate(meta.get(k)?.[0], `meta ${k}`, 'modified', 1 + i / 100, read)));
  const attr = (el: Element) => el.attribs.datetime ?? el.attribs.content ?? el.attribs.title ?? el.attribs['data-datetime'];
  const text = (el: Element) => page.$(el).text();
  for (const [prop, kind, rank] of [['datePublished', 'published', 2], ['dateCreated', 'published', 5], ['dateModified', 'modified', 2]] as const) {
    for (const el of simpleSelect(page, `[itemprop="${prop}"]`)!) {
      if (el.name !== 'meta') push(candidate(attr(el) ?? text(el), `<${el.name} itemprop="${prop}">`, kind, rank, read, `itemprop ${prop}`));
    }
  }
  // <time pubdate>, <time class="entry-date published">, hAtom's <abbr class="published" title="...">.
  for (const el of [...elementsByTag(page, 'time'), ...elementsByTag(page, 'abbr'), ...elementsByTag(page, 'span')]) {
    const cls = `${el.attribs.class ?? ''}`;
    const published = 'pubdate' in el.attribs || /\b(published|entry-date|post-date|pubdate|publish-date)\b/i.test(cls);
    const updated = !published && /\b(updated|modified)\b/i.test(cls);
    if (!published && !updated) continue;
    const value = el.name === 'time' ? (el.attribs.datetime ?? text(el)) : el.attribs.title;
    const label = 'pubdate' in el.attribs ? ' pubdate' : ` class="${cls.trim()}"`;
    push(candidate(value, `<${el.name}${label}>`, published ? 'published' : 'modified', published ? 2.5 : 3, read, published ? 'published element' : 'updated element'));
  }
  // Dates in the page's script data: a lower rank, since such data may describe other
  // articles too; they settle the zone of a zone-less date of the same instant.
  for (const el of elementsByTag(page, 'script')) {
    if (el.attribs.type === 'application/ld+json' || el.attribs.src) continue;
    const code = (el.children[0] as { data?: string } | undefined)?.data ?? '';
    if (code.length < 20) continue;
    for (const m of code.matchAll(SCRIPT_KEYS)) push(candidate(m[2], `script "${m[1]}"`, 'published', 8, read, 'script'));
  }
  return out;
}

function strings(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.flatMap(strings);
  return [];
}

/** A day in the URL (/2019/10/16/, /2019-10-16-, /20191016/, /29-10-2021): set when the page was made. */
export function urlDate(url: URL, read: ReadOptions): DateCandidate | undefined {
  const path = url.pathname;
  const ymd = /(?:^|\/)((?:19|20)\d{2})\/(\d{1,2})\/(\d{1,2})(?:\/|$)/.exec(path) ?? /(?:^|[/_-])((?:19|20)\d{2})-(\d{2})-(\d{2})(?:[/_.-]|$)/.exec(path) ?? /(?:^|[/_-])((?:19|20)\d{2})(\d{2})(\d{2})(?:[/_.-]|$)/.exec(path);
  const dmy = ymd ? undefined : /(?:^|\/)(\d{1,2}[-.]\d{1,2}[-.](?:19|20)\d{2})(?:\/|\.html?|$)/.exec(path);
  const parts = ymd ? readDate(`${ymd[1]}-${ymd[2].padStart(2, '0')}-${ymd[3].padStart(2, '0')}`) : dmy ? readDate(dmy[1], read) : undefined;
  return parts && { parts, raw: (ymd ?? dmy)![0], via: 'the URL', kind: 'url', rank: 0 };
}
