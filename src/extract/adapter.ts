// A site adapter: mostly declarative rules, in the style of @postlight/parser's custom extractors.
import type { CleanRules } from '../clean.js';
import type { BodyRule, FieldRule, Filing, Page } from './types.js';

export interface SiteAdapter {
  name: string;
  filing: Filing;
  /** Hosts that serve this site's articles. */
  hosts: RegExp;
  /** Why a page served from any host (a saved copy, a proxy, a test server) is this site's. */
  fingerprint?: (page: Page) => string | undefined;
  /** The URL to request for an input URL, when the input itself holds no article. */
  fetchUrl?: (url: URL) => string;
  /** The API call that returns the article, for sites whose pages are rendered client-side. */
  api?: (url: URL) => { url: string; method: 'POST'; headers: Record<string, string>; body: string } | undefined;
  /** The archive's link and id for the page; no id means md5(title + date), as the archive does. */
  identify: (page: Page) => { link: string; id?: string } | undefined;
  title: readonly FieldRule[];
  date: readonly FieldRule[];
  /** The zone of zone-less dates on this site. */
  dateZone?: string;
  cover: readonly FieldRule[];
  body: readonly BodyRule[];
  clean?: CleanRules;
  /** Why the page is not an importable article (a paywall, say), checked before the body. */
  reject?: (page: Page) => string | undefined;
  /** Why the body came out empty, when the site can tell (a video-only article). */
  emptyReason?: (page: Page) => string | undefined;
}
