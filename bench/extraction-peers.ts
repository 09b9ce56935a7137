// The extractors of the extraction bench, each behind one signature: the decoded page in,
// the article's visible text, title and date out. The peers are dev dependencies loaded
// on first use, so that `npm run bench` pays for them only when this table runs.
import type { Element } from 'domhandler';
import { extractArticle } from '../src/extract/index.js';
import { parseFragment, parseHtml } from '../src/parse.js';
import { pageUrl } from '../src/pipeline.js';
import { blockText } from '../src/text.js';

export interface Outcome {
  /** The content's visible text, computed after the timed run (it is scoring, not extraction). */
  text?: () => string;
  title?: string;
  date?: string;
  /**
   * The date on the site's own clock, where the extractor converts it (pressclip writes
   * Beijing time); the peers give the page's own strings, so theirs is `date`.
   */
  localDate?: string;
}

export interface Extractor {
  name: string;
  /** False for a metadata-only extractor (no content column). */
  content: boolean;
  run(html: string, url: string | undefined): Promise<Outcome> | Outcome;
}

/** A page whose URL is unknown is given this one (a reserved domain, RFC 2606; metascraper refuses hosts without a public suffix). */
export const UNKNOWN_URL = 'https://www.example.com/test/page.html';

/** The visible text of an extractor's HTML (block breaks kept): what the metric scores. */
export function visibleText(html: string | null | undefined): string {
  return html ? blockText(parseFragment(html).root()[0].children) : '';
}

/**
 * pressclip as `import` runs it: the page's own URL where known, else the one the page
 * names (canonical, og:url), an adapter or the generic extractor, the body cleaned.
 */
const pressclip: Extractor = {
  name: 'pressclip',
  content: true,
  run(html, url) {
    const $ = parseHtml(html);
    let pageAt = url ? new URL(url) : pageUrl(new URL('file:///saved-page.html'), $);
    if (pageAt.protocol === 'file:') pageAt = new URL(UNKNOWN_URL);
    const extracted = extractArticle({ $, html, url: pageAt, fetchedAt: new Date() });
    return {
      text: () => blockText(extracted.body.value.root.toArray() as Element[]),
      title: extracted.title.value,
      date: extracted.date?.value,
      localDate: extracted.date?.local,
    };
  },
};

type Module = Record<string, unknown>;
const loaded = new Map<string, Module>();
const need = (name: string) => loaded.get(name)!;

/** Loads the peers' modules (outside the timed runs). */
export async function loadPeers(): Promise<void> {
  for (const name of ['linkedom', '@mozilla/readability', 'defuddle/node', '@postlight/parser', '@extractus/article-extractor', 'metascraper', 'metascraper-title', 'metascraper-date']) {
    loaded.set(name, (await import(name)) as Module);
  }
}

const linkedom = (html: string) => (need('linkedom').parseHTML as (h: string) => { document: unknown }).call(null, html).document;

const readability: Extractor = {
  name: '@mozilla/readability (linkedom)',
  content: true,
  run(html) {
    const Readability = need('@mozilla/readability').Readability as new (doc: unknown) => { parse(): { content?: string | null; title?: string | null; publishedTime?: string | null } | null };
    const article = new Readability(linkedom(html)).parse();
    return { text: () => visibleText(article?.content), title: article?.title ?? undefined, date: article?.publishedTime ?? undefined };
  },
};

const defuddle: Extractor = {
  name: 'defuddle (linkedom)',
  content: true,
  async run(html, url) {
    const Defuddle = need('defuddle/node').Defuddle as (doc: unknown, url: string) => Promise<{ content?: string; title?: string; published?: string }>;
    const result = await Defuddle(linkedom(html), url ?? UNKNOWN_URL);
    return { text: () => visibleText(result.content), title: result.title || undefined, date: result.published || undefined };
  },
};

const postlight: Extractor = {
  name: '@postlight/parser',
  content: true,
  async run(html, url) {
    const Parser = (need('@postlight/parser').default ?? need('@postlight/parser')) as { parse(url: string, o: object): Promise<{ content?: string; title?: string; date_published?: string } | null> };
    // The HTML is given, and no further pages are fetched: nothing goes to the network.
    const result = await Parser.parse(url ?? UNKNOWN_URL, { html, fetchAllPages: false });
    return { text: () => visibleText(result?.content), title: result?.title ?? undefined, date: result?.date_published ?? undefined };
  },
};

const articleExtractor: Extractor = {
  name: '@extractus/article-extractor',
  content: true,
  async run(html, url) {
    const extractFromHtml = need('@extractus/article-extractor').extractFromHtml as (html: string, url: string) => Promise<{ content?: string; title?: string; published?: string } | null>;
    const result = await extractFromHtml(html, url ?? UNKNOWN_URL);
    return { text: () => visibleText(result?.content), title: result?.title || undefined, date: result?.published || undefined };
  },
};

let scraper: ((o: { html: string; url: string }) => Promise<{ title?: string | null; date?: string | null }>) | undefined;

const metascraper: Extractor = {
  name: 'metascraper (title, date rules)',
  content: false,
  async run(html, url) {
    scraper ??= (need('metascraper').default as (rules: unknown[]) => typeof scraper)([
      (need('metascraper-title').default as () => unknown)(),
      (need('metascraper-date').default as () => unknown)(),
    ]);
    const result = await scraper!({ html, url: url ?? UNKNOWN_URL });
    return { title: result.title ?? undefined, date: result.date ?? undefined };
  },
};

export const EXTRACTORS: readonly Extractor[] = [pressclip, readability, defuddle, postlight, articleExtractor, metascraper];
