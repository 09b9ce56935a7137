// Dates as pages write them, read into their parts, and the archive's form of them:
// Beijing wall-clock time, "YYYY-MM-DD HH:MM:SS".
import { ARCHIVE_ZONE } from './post/schema.js';

const pad = (n: number) => String(n).padStart(2, '0');

/** A date as written: the day, the time when given, the offset from UTC (minutes) when given. */
export interface DateParts {
  y: number;
  mo: number;
  d: number;
  h?: number;
  mi?: number;
  s?: number;
  /** Minutes east of UTC, when the text says (`Z`, `+02:00`, `GMT`, `CEST`, an epoch). */
  offset?: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Formats an instant as wall-clock time in `zone`. */
export function formatInZone(instant: Date, zone: string = ARCHIVE_ZONE): string {
  const fixed = fixedOffset(zone);
  if (fixed !== undefined) {
    const t = new Date(instant.getTime() + fixed * 60000);
    return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())} ${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())}`;
  }
  let format = formatters.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, format);
  }
  const parts = format.formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}:${get('second')}`;
}

/** "+02:00", "-0500", "UTC" as minutes east of UTC; undefined for an IANA name. */
function fixedOffset(zone: string): number | undefined {
  if (/^(UTC|GMT|Z)$/i.test(zone)) return 0;
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : undefined;
}

/** True for a zone Intl knows (an IANA name) or a fixed offset such as +02:00. */
export function isZone(zone: string): boolean {
  if (fixedOffset(zone) !== undefined) return true;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The instant at which the wall clock in `zone` shows the given fields. */
function zonedToInstant(p: Required<Omit<DateParts, 'offset'>>, zone: string): Date {
  const asUtc = Date.UTC(p.y, p.mo - 1, p.d, p.h, p.mi, p.s);
  const fixed = fixedOffset(zone);
  if (fixed !== undefined) return new Date(asUtc - fixed * 60000);
  // The zone's offset at that moment, read back through Intl; two passes settle DST edges.
  let guess = asUtc;
  for (let i = 0; i < 2; i++) {
    const m = /^(\d+)-(\d+)-(\d+) (\d+):(\d+):(\d+)$/.exec(formatInZone(new Date(guess), zone))!;
    guess += asUtc - Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
  }
  return new Date(guess);
}

/** The earliest year taken: no news page on the web is older (epoch 0 and 1970 are placeholders). */
export const FIRST_YEAR = 1990;

function valid(p: DateParts): boolean {
  const { y, mo, d, h = 0, mi = 0, s = 0 } = p;
  if (y < FIRST_YEAR || y > 2100 || mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return false;
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

export const hasTime = (p: DateParts) => p.h !== undefined;

/** The instant the parts name, when they carry their offset. */
export function instantOf(p: DateParts): Date | undefined {
  if (p.offset === undefined) return undefined;
  return new Date(Date.UTC(p.y, p.mo - 1, p.d, p.h ?? 0, p.mi ?? 0, p.s ?? 0) - p.offset * 60000);
}

/** The parts as written, "YYYY-MM-DD[ HH:MM:SS][ +hh:mm]": what inspect shows as the page's own time. */
export function describeParts(p: DateParts): string {
  const day = `${p.y}-${pad(p.mo)}-${pad(p.d)}`;
  if (!hasTime(p)) return day;
  const time = `${day} ${pad(p.h!)}:${pad(p.mi ?? 0)}:${pad(p.s ?? 0)}`;
  return p.offset === undefined ? time : `${time} ${offsetName(p.offset)}`;
}

/** Minutes east of UTC as "+hh:mm" / "-hh:mm" (a zone formatInZone takes). */
export function offsetName(minutes: number): string {
  const abs = Math.abs(minutes);
  return `${minutes < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/**
 * The parts on the site's own clock, "YYYY-MM-DD HH:MM:SS": an instant shown in `zone` (the
 * site's zone) or, without one, in the offset it was written with; a zone-less time or a
 * bare day as written, since the page's clock is the one it was written on.
 */
export function siteClock(p: DateParts, zone?: string): string {
  const instant = instantOf(p);
  return instant ? formatInZone(instant, zone ?? offsetName(p.offset!)) : archiveForm(p);
}

/**
 * The archive's form of a date. An offset converts it; a day without a time stays that day
 * at 00:00:00 (a day is no instant, and moving it would invent a time); a zone-less time
 * is wall-clock time in `zone` (Beijing when no zone is known: the page's own clock kept).
 */
export function archiveForm(p: DateParts, zone: string = ARCHIVE_ZONE): string {
  const instant = instantOf(p);
  if (instant) return formatInZone(instant);
  if (!hasTime(p)) return `${p.y}-${pad(p.mo)}-${pad(p.d)} 00:00:00`;
  const full = { y: p.y, mo: p.mo, d: p.d, h: p.h!, mi: p.mi ?? 0, s: p.s ?? 0 };
  if (zone === ARCHIVE_ZONE) return `${full.y}-${pad(full.mo)}-${pad(full.d)} ${pad(full.h)}:${pad(full.mi)}:${pad(full.s)}`;
  return formatInZone(zonedToInstant(full, zone));
}

// Month names of the languages the web's news is mostly written in, as they are printed
// in dates (genitive forms where a language declines them: "8 января", "8 stycznia").
const MONTH_NAMES: readonly string[] = [
  // en
  'january february march april may june july august september october november december',
  'jan feb mar apr may jun jul aug sep oct nov dec',
  'jan feb mar apr may jun jul aug sept oct nov dec',
  // de (and Austrian forms)
  'januar februar märz april mai juni juli august september oktober november dezember',
  'jan feb mär apr mai jun jul aug sep okt nov dez',
  'jänner feber mrz apr mai jun jul aug sept okt nov dez',
  // fr
  'janvier février mars avril mai juin juillet août septembre octobre novembre décembre',
  'janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre',
  'janv févr mars avr mai juin juil août sept oct nov déc',
  // es
  'enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre',
  'ene feb mar abr may jun jul ago sep oct nov dic',
  // it
  'gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre',
  'gen feb mar apr mag giu lug ago set ott nov dic',
  // pt
  'janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro',
  'jan fev mar abr mai jun jul ago set out nov dez',
  // nl
  'januari februari maart april mei juni juli augustus september oktober november december',
  'jan feb mrt apr mei jun jul aug sep okt nov dec',
  // sv, da, no
  'januari februari mars april maj juni juli augusti september oktober november december',
  'januar februar marts april maj juni juli august september oktober november december',
  'januar februar mars april mai juni juli august september oktober november desember',
  // pl (genitive)
  'stycznia lutego marca kwietnia maja czerwca lipca sierpnia września października listopada grudnia',
  // cs (genitive)
  'ledna února března dubna května června července srpna září října listopadu prosince',
  // ru (genitive)
  'января февраля марта апреля мая июня июля августа сентября октября ноября декабря',
  // tr
  'ocak şubat mart nisan mayıs haziran temmuz ağustos eylül ekim kasım aralık',
  // hu
  'január február március április május június július augusztus szeptember október november december',
  // fi (partitive)
  'tammikuuta helmikuuta maaliskuuta huhtikuuta toukokuuta kesäkuuta heinäkuuta elokuuta syyskuuta lokakuuta marraskuuta joulukuuta',
];

const MONTHS = new Map<string, number>();
for (const line of MONTH_NAMES) {
  const names = line.split(' ');
  if (names.length !== 12) throw new Error(`a line of month names holds ${names.length} names: ${line}`);
  names.forEach((name, i) => MONTHS.set(name, i + 1));
}
const MONTH = [...MONTHS.keys()].sort((a, b) => b.length - a.length).join('|');

// Abbreviations of zones that name one offset wherever they are used (CST and IST do not).
const ZONE_ABBREVIATIONS: Record<string, number> = {
  UTC: 0, GMT: 0, Z: 0, WET: 0, BST: 60, CET: 60, MEZ: 60, CEST: 120, MESZ: 120, EET: 120, EEST: 180, MSK: 180,
  EST: -300, EDT: -240, CDT: -300, MST: -420, MDT: -360, PST: -480, PDT: -420, JST: 540, KST: 540, HKT: 480, AEST: 600, AEDT: 660,
};
const ZONE_ABBR = Object.keys(ZONE_ABBREVIATIONS).join('|');

const TIME =
  `(\\d{1,2})\\s*[:：时h]\\s*(\\d{2})(?:\\s*[:：分]\\s*(\\d{2}))?(?:[.,:]\\d{1,6})?(?:\\s*秒)?` +
  `(?:\\s*([ap])\\.?\\s?m\\b\\.?)?(?:\\s*(?:Uhr|h|Ortszeit)\\b)?` +
  `(?:\\s*(Z\\b|(?:UTC|GMT)?\\s*[+-]\\d{1,2}(?::?\\d{2})?\\b|(?:${ZONE_ABBR})\\b))?`;
// What may stand between a date and its time: "8 January 2020, 3:51 pm", "29.12.2010 - 22:40",
// "18.10.2019, 15:07 Uhr", "am 25.08.2015 um 22:30", "Nov 8, 2023 / 02:40 PM", "2019-06-20T07:30".
const JOIN = `(?:T|\\s*(?:[,|/@·•-]|–|—|um|at|à|a las|alle|om|kl\\.?|klo|o)?\\s*)`;
const WITH_TIME = `(?:${JOIN}${TIME})?`;

/** The forms of a date in text, each with the order of its groups. */
const FORMS: { re: RegExp; order: 'ymd' | 'dmy' | 'mdy' | 'amb'; named?: boolean }[] = [
  // 2019-10-16, 2019/10/16, 2019.10.16, 2019年10月16日, 2019년 10월 16일, 2020. 2. 18.
  { re: new RegExp(`(?<![\\d.])(\\d{4})\\s*(?:[-/.年년]\\s*)(\\d{1,2})\\s*[-/.月월]\\s*(\\d{1,2})(?![\\d])\\s*[日일]?\\.?${WITH_TIME}`, 'giu'), order: 'ymd' },
  // 16.10.2019, 16. 10. 2019 (the dotted day-month-year of most of Europe)
  { re: new RegExp(`(?<![\\d.])(\\d{1,2})\\.\\s?(\\d{1,2})\\.\\s?(\\d{4}|\\d{2}(?![\\d.]))(?!\\d)${WITH_TIME}`, 'giu'), order: 'dmy' },
  // 10/16/2019 or 16/10/2019, 16-10-2019: the order is decided by the values or the page's locale
  { re: new RegExp(`(?<![\\d/.-])(\\d{1,2})[/-](\\d{1,2})[/-](\\d{4})(?![\\d/-])${WITH_TIME}`, 'giu'), order: 'amb' },
  // 16 October 2019, 16. Oktober 2019, 13 juin 2019, 13 de junio de 2019, 8 января 2020
  { re: new RegExp(`(?<![\\p{L}\\d])(\\d{1,2})(?:\\.|º|er|st|nd|rd|th)?\\s*(?:de\\s+)?(${MONTH})\\.?,?\\s*(?:de\\s+)?(\\d{4})(?!\\d)${WITH_TIME}`, 'giu'), order: 'dmy', named: true },
  // October 16, 2019, Jan. 8 2020, Juli 12, 2017
  { re: new RegExp(`(?<![\\p{L}])(${MONTH})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})(?!\\d)${WITH_TIME}`, 'giu'), order: 'mdy', named: true },
  // 2020. február 19. (Hungarian)
  { re: new RegExp(`(?<!\\d)(\\d{4})\\.\\s*(${MONTH})\\s+(\\d{1,2})\\.?${WITH_TIME}`, 'giu'), order: 'ymd', named: true },
];

export interface FoundDate {
  parts: DateParts;
  /** Where the date's text starts and ends in the scanned text. */
  index: number;
  end: number;
  raw: string;
}

export interface ReadOptions {
  /** How to read 03/04/2019: month first (US English) or day first (everywhere else). */
  monthFirst?: boolean;
}

function num(v: string | undefined): number | undefined {
  return v === undefined ? undefined : Number(v);
}

function zoneOffset(z: string | undefined): number | undefined {
  if (!z) return undefined;
  const t = z.replace(/\s+/g, '').toUpperCase();
  if (t in ZONE_ABBREVIATIONS) return ZONE_ABBREVIATIONS[t];
  const m = /^(?:UTC|GMT)?([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(t);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0)) : undefined;
}

function partsOf(m: RegExpExecArray, order: 'ymd' | 'dmy' | 'mdy' | 'amb', named: boolean, options: ReadOptions): DateParts | undefined {
  const monthOf = (v: string) => (named ? MONTHS.get(v.toLowerCase().replace(/\.$/, '')) : Number(v));
  let y: number, mo: number | undefined, d: number;
  if (order === 'ymd') [y, mo, d] = [Number(m[1]), monthOf(m[2]), Number(m[3])];
  else if (order === 'dmy') [d, mo, y] = [Number(m[1]), monthOf(m[2]), Number(m[3])];
  else if (order === 'mdy') [mo, d, y] = [monthOf(m[1]), Number(m[2]), Number(m[3])];
  else {
    const [a, b] = [Number(m[1]), Number(m[2])];
    const monthFirst = a > 12 ? false : b > 12 ? true : Boolean(options.monthFirst);
    [mo, d, y] = monthFirst ? [a, b, Number(m[3])] : [b, a, Number(m[3])];
  }
  if (mo === undefined) return undefined;
  // Two-digit years (30.10.23) are of this century.
  if (y < 100) y += 2000;
  const p: DateParts = { y, mo, d };
  if (m[4] !== undefined) {
    let h = Number(m[4]);
    const half = m[7]?.toLowerCase();
    if (half && (h < 1 || h > 12)) return valid(p) ? p : undefined;
    if (half === 'p' && h < 12) h += 12;
    if (half === 'a' && h === 12) h = 0;
    Object.assign(p, { h, mi: num(m[5]), s: num(m[6]) ?? 0 });
    const offset = zoneOffset(m[8]);
    if (offset !== undefined) p.offset = offset;
  }
  return valid(p) ? p : undefined;
}

// Every form holds a year (19xx, 20xx) or a dotted two-digit one (30.10.23): where a date can be.
const YEAR = /(?:19|20)\d{2}|\d\.\d{1,2}\.\d{2}(?!\d)/g;

/** Stretches of the text around its years, merged: the forms run there, not over all of it. */
function windows(text: string): [number, number][] {
  if (text.length < 4000) return [[0, text.length]];
  const out: [number, number][] = [];
  YEAR.lastIndex = 0;
  for (let m = YEAR.exec(text); m; m = YEAR.exec(text)) {
    // Room for a weekday and a month name before the year, a time and its zone after it.
    const [from, to] = [Math.max(0, m.index - 48), Math.min(text.length, m.index + 64)];
    if (out.length && from <= out[out.length - 1][1]) out[out.length - 1][1] = to;
    else out.push([from, to]);
  }
  return out;
}

/** Every date written in a text, in order; overlapping readings keep the earliest, longest. */
export function findDates(text: string, options: ReadOptions = {}): FoundDate[] {
  const found: FoundDate[] = [];
  for (const [from, to] of windows(text)) {
    const part = text.slice(from, to);
    for (const form of FORMS) {
      form.re.lastIndex = 0;
      for (let m = form.re.exec(part); m; m = form.re.exec(part)) {
        const parts = partsOf(m, form.order, Boolean(form.named), options);
        if (parts) found.push({ parts, index: from + m.index, end: from + m.index + m[0].length, raw: m[0].trim() });
      }
    }
  }
  found.sort((a, b) => a.index - b.index || b.end - a.end);
  const kept: FoundDate[] = [];
  for (const f of found) if (!kept.length || f.index >= kept[kept.length - 1].end) kept.push(f);
  return kept;
}

/**
 * A date value as metadata gives it (a meta tag's content, JSON-LD, a datetime attribute):
 * ISO 8601 with or without offset, epoch seconds or milliseconds, or any form findDates reads.
 */
export function readDate(input: string | number | undefined | null, options: ReadOptions = {}): DateParts | undefined {
  if (input === undefined || input === null) return undefined;
  const text = String(input).trim();
  if (!text) return undefined;
  if (/^\d{10}(\d{3})?$/.test(text)) {
    const t = new Date(text.length === 13 ? Number(text) : Number(text) * 1000);
    const p = { y: t.getUTCFullYear(), mo: t.getUTCMonth() + 1, d: t.getUTCDate(), h: t.getUTCHours(), mi: t.getUTCMinutes(), s: t.getUTCSeconds(), offset: 0 };
    return valid(p) ? p : undefined;
  }
  const first = findDates(text.slice(0, 200), options)[0];
  if (first) return first.parts;
  // What the forms above do not cover, as JavaScript reads it ("Tue Oct 15 2019 10:00:00
  // GMT+0200"): short ASCII text naming its zone only, since Date.parse guesses at anything
  // else and reads a zone-less time in the zone of the machine.
  const parsed = Date.parse(text);
  if (!Number.isNaN(parsed) && /^[\x20-\x7e]{8,60}$/.test(text) && /\d{4}/.test(text) && /\b(GMT|UTC|Z)\b|[+-]\d{2}:?\d{2}\b/.test(text)) {
    const t = new Date(parsed);
    const p = { y: t.getUTCFullYear(), mo: t.getUTCMonth() + 1, d: t.getUTCDate(), h: t.getUTCHours(), mi: t.getUTCMinutes(), s: t.getUTCSeconds(), offset: 0 };
    return valid(p) ? p : undefined;
  }
  return undefined;
}

/**
 * Reads a date as pages write it and returns the archive's form, or undefined.
 * Zone-less times are wall-clock time in `zone` (Beijing unless a site says otherwise).
 */
export function toArchiveDate(input: string | number | undefined | null, zone: string = ARCHIVE_ZONE): string | undefined {
  const parts = readDate(input);
  return parts && archiveForm(parts, zone);
}
