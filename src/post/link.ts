// One article, one link: the form a post records (tracking parameters and fragment
// removed) and the key under which two forms of one article are the same (scheme,
// `www.`, a trailing slash, the order of parameters, both Tencent id forms). Light:
// validate's duplicate-link rule reads the same key as import and batch.
import { qqIdFromUrl } from '../extract/adapters/tencent.js';

/**
 * Query parameters that say how a reader came to a page, never which page it is. No
 * maintained library fits (tidy-url, the one on npm, keeps ref, yclid, igshid, _ga, spm
 * and from, and logs to the console; normalize-url removes only utm_*), so the list is
 * ClearURLs' global rules plus the share and referral parameters of news sites.
 */
const TRACKING_PREFIX = /^(utm_|ga_|pk_|mtm_|matomo_|piwik_|hsa_|itm_|stm_|oly_|vero_)/;
const TRACKING = new Set([
  // ad and social click ids: Google, Meta, Microsoft, Yandex, Instagram, X, TikTok, LinkedIn
  'gclid', 'gclsrc', 'dclid', 'gbraid', 'wbraid', 'fbclid', 'msclkid', 'yclid', 'igshid', 'igsh', 'twclid', 'ttclid', 'li_fat_id', 'srsltid',
  // newsletters and analytics: Mailchimp, Google Analytics, HubSpot, Marketo, Webtrends, Adobe
  'mc_cid', 'mc_eid', '_ga', '_gl', '_hsenc', '_hsmi', '__hstc', '__hssc', '__hsfp', 'hsctatracking', 'mkt_tok', 'wt_mc', 'wt.mc_id', 's_cid', 'rb_clickid', 'wickedid', 'ml_subscriber', 'ml_subscriber_hash',
  // referral and share markers of news sites and portals (Alibaba/Tencent spm and from, the NYT's smid)
  'ref', 'ref_src', 'ref_url', 'spm', 'scm', 'from', 'smid', 'smtyp', 'cmpid', 'ncid', 'sr_share', 'soc_src', 'soc_trk', 'share_token', 'ito', 'cmp', 'ocid',
]);

export const isTrackingParameter = (name: string) => {
  const key = name.toLowerCase();
  return TRACKING.has(key) || TRACKING_PREFIX.test(key);
};

/**
 * The link a post records: no fragment, no tracking parameters. Host case and default
 * ports are normalised by the URL parser itself.
 */
export function cleanLink(url: URL): string {
  const copy = new URL(url.href);
  copy.hash = '';
  for (const key of [...copy.searchParams.keys()]) if (isTrackingParameter(key)) copy.searchParams.delete(key);
  if (![...copy.searchParams.keys()].length) copy.search = '';
  return copy.href;
}

/** %xx escapes in one case, and ( ) as the last line writes them percent-encoded (markdownLink). */
const sameEscapes = (s: string) => s.replace(/%[0-9a-f]{2}/gi, (e) => e.toUpperCase()).replace(/%28/g, '(').replace(/%29/g, ')');

/**
 * A key that is the same for every form of one article's link: both Tencent id forms;
 * http or https; with or without `www.`, a trailing slash, a fragment or tracking
 * parameters; parameters in any order.
 */
export function linkKey(link: string): string {
  try {
    const url = new URL(link);
    const qq = qqIdFromUrl(url);
    if (qq) return `qq:${qq.replace(/00$/, '')}`;
    const host = url.host.toLowerCase().replace(/^www\./, '');
    const params = [...url.searchParams].filter(([name]) => !isTrackingParameter(name)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const query = params.length ? `?${new URLSearchParams(params)}` : '';
    return sameEscapes(`${host}${url.pathname.replace(/\/+$/, '')}${query}`);
  } catch {
    return link.trim();
  }
}

/** An IP address or localhost: a machine, not a site, so never the name of a folder. */
export function isMachineHost(host: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  return /^\d+(\.\d+){3}$/.test(h) || h.startsWith('[') || h === 'localhost' || h.endsWith('.localhost');
}

/** Second-level public suffixes common among news sites (no full public-suffix list needed for a name). */
const SECOND_LEVEL = /^(com|net|org|co|gov|edu|ac|or|ne)\.[a-z]{2}$/;

/** The registrable domain: `news.bbc.co.uk` -> `bbc.co.uk`; a machine host stays whole. */
export function siteDomain(host: string): string {
  const h = host.toLowerCase().replace(/\.$/, '');
  if (isMachineHost(h)) return h;
  const labels = h.split('.');
  const suffixLength = labels.length > 2 && SECOND_LEVEL.test(labels.slice(-2).join('.')) ? 2 : 1;
  return labels.slice(-(suffixLength + 1)).join('.');
}

/** Two URLs of one site: the same registrable domain, whatever the scheme and subdomain. */
export const sameSite = (a: URL, b: URL) => siteDomain(a.hostname) === siteDomain(b.hostname);
