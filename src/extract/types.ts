import type { Cheerio, CheerioAPI } from 'cheerio/slim';
import type { Element } from 'domhandler';
import type { CleanRules } from '../clean.js';
import type { PageLanguage } from './language.js';
import type { Lang } from '../post/schema.js';

/** A page ready for extraction. */
export interface Page {
  $: CheerioAPI;
  html: string;
  /** The page's URL (the original one for a saved file). */
  url: URL;
  fetchedAt: Date;
  /** The HTTP Content-Language header, when the page was fetched. */
  contentLanguage?: string;
}

/** Where a post is filed: ARCHIVE.md sections 1 and 5. A site adapter's is the suggestion when its site is registered. */
export interface Filing {
  folder: string;
  category: string;
  lang: Lang;
}

/** A field rule, in the style of @postlight/parser: a selector (its text), a [selector, attribute] pair, or code. */
export type FieldRule = string | readonly [selector: string, attribute: string] | { name: string; get: (page: Page) => string | undefined };

/** A body rule: a selector for the body element, or code that finds it or returns its HTML. */
export type BodyRule =
  | string
  | { name: string; html: (page: Page) => string | undefined }
  | { name: string; element: (page: Page) => Cheerio<Element> | undefined };

export interface Found<T> {
  value: T;
  /** The rule or strategy that produced it, for `inspect` and `--json`. */
  via: string;
  /** Why it was chosen over the other candidates, where candidates were compared. */
  why?: string;
  /** What the post should warn of (a date read in an unknown zone, a title taken from the body). */
  warning?: string;
}

/** A publication date: the archive's form (Beijing time) and the same instant on the site's own clock. */
export interface FoundDate extends Found<string> {
  /**
   * "YYYY-MM-DD HH:MM:SS" as the site's clock shows it: the zone the page's time was read in
   * (the site's zone where known, else the offset the date was written with). The day a
   * reader of the page saw, which Beijing time moves for evening posts in Europe or America.
   */
  local: string;
}

/** A value a rule found besides the chosen one, and why it was not taken or how it relates (for inspect). */
export interface Candidate {
  value: string;
  via: string;
  why: string;
}

/** The outcome of comparing a field's candidates: the chosen one (if any) and the others. */
export interface Decision {
  found?: Found<string>;
  others: Candidate[];
}

/** The publication date's decision: the chosen date with its site-clock form. */
export interface DateDecision extends Decision {
  found?: FoundDate;
}

export interface Body {
  $: CheerioAPI;
  root: Cheerio<Element>;
}

/** What extraction gives the rest of the pipeline. */
export interface Extracted {
  extractor: string;
  /** Why this extractor was chosen. */
  reason: string;
  title: Found<string>;
  /** Archive form, Beijing time; undefined when the page shows none. */
  date?: FoundDate;
  /** Where the date was looked for, for the error when none is found. */
  dateLookedFor: string;
  cover: Found<string>;
  body: Found<Body>;
  link: string;
  /** The page's own id, where a site adapter reads one. */
  id?: string;
  /** The adapter's filing of its site, if any. */
  suggested?: Filing;
  language: PageLanguage;
  clean: CleanRules;
  warnings: string[];
}

/** An extraction failure that names its reason (paywall, video-only, no body...). */
export class ExtractError extends Error {}
