// The fallback for pages without a site adapter: title and date by comparing what the
// page declares and prints (title.ts, dates.ts), the cover from its declarations, the body
// by scoring containers on the text of their paragraphs.
import type { Cheerio, CheerioAPI } from 'cheerio/slim';
import type { Element } from 'domhandler';
import { absoluteUrl, type CleanRules } from '../clean.js';
import { blockText } from '../text.js';
import { findContent, wholeContainer } from './content.js';
import { chooseDate } from './dates.js';
import { ldArticle, ldText } from './json-ld.js';
import { elementsByTag } from './page-index.js';
import { firstBody, firstOf } from './rules.js';
import { chooseTitle, titleFromBody, type TitleDecision } from './title.js';
import type { BodyRule, DateDecision, FieldRule, Found, FoundDate, Page } from './types.js';
import type { ZoneGuess } from './zone.js';

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
      const found = findContent(pageBody(page), page.url);
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

export interface GenericFields {
  title?: Found<string>;
  date?: FoundDate;
  cover?: Found<string>;
  body?: ReturnType<typeof firstBody>;
  /** The candidates of the title and the date, compared (for inspect). */
  titleDecision: TitleDecision;
  dateDecision: DateDecision;
  /** The body's first heading-like line (else the start of its text), for a page that names no title anywhere. */
  titleFromBody?: Found<string>;
}

/**
 * Each field on first use: finding the body moves the article's nodes out of the page,
 * so an adapter that only lacks a title must not pay for (or suffer) a body search.
 * `zone` is the zone of zone-less times when the user, the registry or a site adapter
 * knows it; otherwise the page's own signals are read.
 */
export function genericFields(page: Page, zone?: ZoneGuess): GenericFields {
  return new LazyFields(page, zone);
}

/**
 * A class, not an object literal with getters: V8 gives each such literal a hidden class
 * of its own, kept in its old generation, and through its getters' closures the page's
 * whole tree outlived every young-generation collection (see per-page.ts).
 */
class LazyFields implements GenericFields {
  private readonly memo = new Map<string, unknown>();

  constructor(
    private readonly page: Page,
    private readonly zone?: ZoneGuess,
  ) {}

  private once<T>(key: string, find: () => T): T {
    if (!this.memo.has(key)) this.memo.set(key, find());
    return this.memo.get(key) as T;
  }

  get titleDecision() {
    return this.once('titleDecision', () => chooseTitle(this.page));
  }

  get title() {
    return this.titleDecision.found;
  }

  get dateDecision() {
    // Dates are looked for near the headline: the title is found first.
    return this.once('dateDecision', () => chooseDate(this.page, { zone: this.zone, headline: this.titleDecision.headline, title: this.titleDecision.found?.value }));
  }

  get date() {
    return this.dateDecision.found;
  }

  get cover() {
    // Absolute, as a thumbnail must be: the adapters' fallback uses it as it is.
    return this.once('cover', () => firstOf(GENERIC_COVER, this.page, (v) => (/logo/i.test(v) ? undefined : absoluteUrl(v, this.page.url.href))));
  }

  get body() {
    return this.once('body', () => firstBody(GENERIC_BODY, this.page, GENERIC_CLEAN));
  }

  get titleFromBody() {
    const body = this.body;
    return body && titleFromBody(body.value.root[0]);
  }
}

/** The body text the generic extractor finds on a page (block breaks kept): the Zyte benchmark's input. */
export function genericBodyText($: CheerioAPI, url: URL): string {
  const body = firstBody(GENERIC_BODY, { $, html: '', url, fetchedAt: new Date() }, GENERIC_CLEAN);
  return body ? blockText(body.value.root.toArray()) : '';
}
