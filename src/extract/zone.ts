// The time zone of a page's zone-less timestamps, when the page or its domain tells it.
import { charCounter } from '../char-counts.js';
import { formatInZone, offsetName } from '../date.js';
import type { Page } from './types.js';
import { elementsByTag, simpleSelect } from './page-index.js';

// Countries whose clocks show one time (or whose news is written in one zone: Moscow for
// Russia), by ISO 3166 code. Countries that span zones (US, CA, AU, BR, MX, ID...) are left
// out: their domain or locale says nothing of the hour.
const COUNTRY_ZONES: Record<string, string> = {
  de: 'Europe/Berlin', at: 'Europe/Vienna', ch: 'Europe/Zurich', li: 'Europe/Vaduz', fr: 'Europe/Paris', be: 'Europe/Brussels',
  nl: 'Europe/Amsterdam', lu: 'Europe/Luxembourg', it: 'Europe/Rome', es: 'Europe/Madrid', pt: 'Europe/Lisbon', gb: 'Europe/London',
  uk: 'Europe/London', ie: 'Europe/Dublin', dk: 'Europe/Copenhagen', se: 'Europe/Stockholm', no: 'Europe/Oslo', fi: 'Europe/Helsinki',
  is: 'Atlantic/Reykjavik', pl: 'Europe/Warsaw', cz: 'Europe/Prague', sk: 'Europe/Bratislava', hu: 'Europe/Budapest', si: 'Europe/Ljubljana',
  hr: 'Europe/Zagreb', rs: 'Europe/Belgrade', ba: 'Europe/Sarajevo', ro: 'Europe/Bucharest', bg: 'Europe/Sofia', gr: 'Europe/Athens',
  ee: 'Europe/Tallinn', lv: 'Europe/Riga', lt: 'Europe/Vilnius', ua: 'Europe/Kyiv', by: 'Europe/Minsk', ru: 'Europe/Moscow',
  tr: 'Europe/Istanbul', il: 'Asia/Jerusalem', cn: 'Asia/Shanghai', hk: 'Asia/Hong_Kong', mo: 'Asia/Macau', tw: 'Asia/Taipei',
  jp: 'Asia/Tokyo', kr: 'Asia/Seoul', sg: 'Asia/Singapore', my: 'Asia/Kuala_Lumpur', th: 'Asia/Bangkok', vn: 'Asia/Ho_Chi_Minh',
  ph: 'Asia/Manila', in: 'Asia/Kolkata', pk: 'Asia/Karachi', ae: 'Asia/Dubai', sa: 'Asia/Riyadh', ir: 'Asia/Tehran', eg: 'Africa/Cairo',
  za: 'Africa/Johannesburg', ng: 'Africa/Lagos', ke: 'Africa/Nairobi', nz: 'Pacific/Auckland', ar: 'America/Argentina/Buenos_Aires',
  cl: 'America/Santiago', pe: 'America/Lima', ve: 'America/Caracas',
};

// Languages written mostly in one zone (German: Germany, Austria and Switzerland share one
// clock), for pages whose domain (.com, .org) and locale name no country.
const LANGUAGE_ZONES: Record<string, string> = {
  de: 'Europe/Berlin', it: 'Europe/Rome', nl: 'Europe/Amsterdam', pl: 'Europe/Warsaw', cs: 'Europe/Prague', sk: 'Europe/Bratislava',
  hu: 'Europe/Budapest', da: 'Europe/Copenhagen', sv: 'Europe/Stockholm', nb: 'Europe/Oslo', nn: 'Europe/Oslo', no: 'Europe/Oslo',
  fi: 'Europe/Helsinki', el: 'Europe/Athens', ro: 'Europe/Bucharest', bg: 'Europe/Sofia', hr: 'Europe/Zagreb', sl: 'Europe/Ljubljana',
  et: 'Europe/Tallinn', lv: 'Europe/Riga', lt: 'Europe/Vilnius', uk: 'Europe/Kyiv', tr: 'Europe/Istanbul', he: 'Asia/Jerusalem',
  ja: 'Asia/Tokyo', ko: 'Asia/Seoul', th: 'Asia/Bangkok', vi: 'Asia/Ho_Chi_Minh',
};

// Generic top-level domains, and country ones sold to the world (.io, .co, .tv, .me...).
const NO_COUNTRY = new Set(['com', 'net', 'org', 'info', 'biz', 'io', 'co', 'tv', 'me', 'ai', 'app', 'dev', 'news', 'blog', 'eu', 'fm', 'ly', 'to', 'cc', 'ws', 'site', 'online']);

export interface ZoneGuess {
  zone: string;
  /** How it was found, for inspect. */
  why: string;
}

/** A locale tag's region ("de-CH", "en_GB") or, failing that, its language's zone. */
function localeZone(tag: string | undefined): ZoneGuess | undefined {
  const m = /^([a-z]{2,3})(?:[-_]([a-z]{2}))?\b/i.exec(tag?.trim() ?? '');
  if (!m) return undefined;
  const region = m[2]?.toLowerCase();
  if (region && COUNTRY_ZONES[region]) return { zone: COUNTRY_ZONES[region], why: `the locale ${tag}` };
  if (region === 'us' || region === 'ca' || region === 'au' || region === 'br' || region === 'mx') return undefined;
  const lang = m[1].toLowerCase();
  if (lang === 'zh') return { zone: 'Asia/Shanghai', why: `the locale ${tag}` };
  return LANGUAGE_ZONES[lang] ? { zone: LANGUAGE_ZONES[lang], why: `the language ${tag}` } : undefined;
}

const countScripts = charCounter([/\p{L}/u, /[\u3040-\u30ff]/, /[\uac00-\ud7af]/, /\p{Script=Han}/u]);

/**
 * The zone of the script a page is written in, where the script has one: Chinese is the
 * main language only in places on UTC+8 (mainland China, Hong Kong, Macau, Taiwan,
 * Singapore), Japanese in Japan, Korean in Korea. Chinese templates often declare
 * `lang="en"` or nothing, and sit on .com domains.
 */
function scriptZone(text: string): ZoneGuess | undefined {
  const [letters, kana, hangul, han] = countScripts(text.slice(0, 5000));
  if (kana >= Math.max(10, letters * 0.1)) return { zone: 'Asia/Tokyo', why: 'the page is written in Japanese' };
  if (hangul >= Math.max(20, letters * 0.3)) return { zone: 'Asia/Seoul', why: 'the page is written in Korean' };
  if (han >= Math.max(20, letters * 0.3)) return { zone: 'Asia/Shanghai', why: 'the page is written in Chinese (UTC+8 wherever Chinese is the main language)' };
  return undefined;
}

/**
 * The zone the page's own signals give: its domain's country, else the region or language
 * of `<html lang>` / `og:locale`, else the script of its text. Undefined when they name
 * none (an English page on a .com domain).
 */
export function declaredZone(page: Page, text: string): ZoneGuess | undefined {
  const host = page.url.hostname.toLowerCase();
  const tld = host.split('.').pop() ?? '';
  if (!NO_COUNTRY.has(tld) && COUNTRY_ZONES[tld]) return { zone: COUNTRY_ZONES[tld], why: `the domain .${tld}` };
  const lang = elementsByTag(page, 'html')[0]?.attribs.lang;
  const locale = simpleSelect(page, 'meta[property="og:locale"]')![0]?.attribs.content;
  return localeZone(lang) ?? localeZone(locale) ?? scriptZone(text);
}

/** The offsets (minutes) a zone's clocks show in the given year, winter and summer. */
function offsetsOf(zone: string, year: number): number[] {
  return [0, 6].map((month) => {
    const t = Date.UTC(year, month, 15, 12);
    const m = /^(\d+)-(\d+)-(\d+) (\d+):(\d+):(\d+)$/.exec(formatInZone(new Date(t), zone))!;
    return (Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) - t) / 60000;
  });
}

/**
 * The zone that other timestamps of the page carry or imply (their offsets, in minutes):
 * the most common non-zero one (UTC says nothing: CMSs write UTC whatever the site's zone). The
 * page's declared zone when it shows that offset (it knows summer time), else the offset.
 */
export function offsetZone(offsets: number[], page: Page, year: number, text: string): ZoneGuess | undefined {
  const counts = new Map<number, number>();
  for (const o of offsets) if (o) counts.set(o, (counts.get(o) ?? 0) + 1);
  const offset = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  if (offset === undefined) return undefined;
  const shown = offsetName(offset);
  const guess = declaredZone(page, text);
  if (guess && offsetsOf(guess.zone, year).includes(offset)) return { zone: guess.zone, why: `${guess.why}, whose offset ${shown} other dates of the page give` };
  return { zone: shown, why: `the offset ${shown} that other dates of the page give` };
}
