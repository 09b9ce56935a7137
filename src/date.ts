// Dates in the archive are Beijing wall-clock time, "YYYY-MM-DD HH:MM:SS".
import { ARCHIVE_ZONE } from './post/schema.js';

const pad = (n: number) => String(n).padStart(2, '0');

/** Formats an instant as wall-clock time in `zone`. */
const formatters = new Map<string, Intl.DateTimeFormat>();

export function formatInZone(instant: Date, zone: string = ARCHIVE_ZONE): string {
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

/** The instant at which the wall clock in `zone` shows the given fields. */
function zonedToInstant(y: number, mo: number, d: number, h: number, mi: number, s: number, zone: string): Date {
  const asUtc = Date.UTC(y, mo - 1, d, h, mi, s);
  // The zone's offset at that moment, read back through Intl; two passes settle DST edges.
  let guess = asUtc;
  for (let i = 0; i < 2; i++) {
    const shown = formatInZone(new Date(guess), zone);
    const m = /^(\d+)-(\d+)-(\d+) (\d+):(\d+):(\d+)$/.exec(shown)!;
    const shownUtc = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
    guess += asUtc - shownUtc;
  }
  return new Date(guess);
}

function validFields(y: number, mo: number, d: number, h: number, mi: number, s: number): boolean {
  if (y < 1990 || y > 2100 || mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return false;
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

const ISO_ZONED = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})$/i;
// 2025-02-09 23:38:55, 2025/2/9 23:38, 2025.02.09, 2025年02月09日 23:38, 2025年2月9日23时38分
const WALL_CLOCK =
  /(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[\sT]*(\d{1,2})\s*[:：时]\s*(\d{1,2})(?:\s*[:：分]\s*(\d{1,2}))?)?/;

/**
 * Reads a date as pages write it and returns the archive's form, or undefined.
 * Zone-less values are wall-clock time in `zone` (Beijing unless a site says otherwise);
 * values with an offset or `Z` are converted. Epoch seconds and milliseconds are accepted.
 */
export function toArchiveDate(input: string | number | undefined | null, zone: string = ARCHIVE_ZONE): string | undefined {
  if (input === undefined || input === null) return undefined;
  const text = String(input).trim();
  if (!text) return undefined;
  if (/^\d{10}(\d{3})?$/.test(text)) {
    const ms = text.length === 13 ? Number(text) : Number(text) * 1000;
    return formatInZone(new Date(ms));
  }
  const iso = ISO_ZONED.exec(text);
  if (iso) {
    const instant = new Date(Date.parse(`${iso[1]}-${iso[2]}-${iso[3]}T${iso[4]}:${iso[5]}:${iso[6] ?? '00'}${normalizeOffset(iso[7])}`));
    return Number.isNaN(instant.getTime()) ? undefined : formatInZone(instant);
  }
  const m = WALL_CLOCK.exec(text);
  if (m) {
    const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4] ?? '0', m[5] ?? '0', m[6] ?? '0'].map(Number);
    if (!validFields(y, mo, d, h, mi, s)) return undefined;
    if (zone === ARCHIVE_ZONE) return `${y}-${pad(mo)}-${pad(d)} ${pad(h)}:${pad(mi)}:${pad(s)}`;
    return formatInZone(zonedToInstant(y, mo, d, h, mi, s, zone));
  }
  const parsed = Date.parse(text); // RFC 2822 and friends: "Sat, 22 Aug 2026 20:30:00 GMT"
  if (!Number.isNaN(parsed) && /[a-z]/i.test(text) && /\d{4}/.test(text)) return formatInZone(new Date(parsed));
  return undefined;
}

function normalizeOffset(offset: string): string {
  if (/^z$/i.test(offset)) return 'Z';
  return offset.length === 5 ? `${offset.slice(0, 3)}:${offset.slice(3)}` : offset;
}
