// The metrics of ../shared/data/extraction/README.md, exactly: content token F1, title
// exact match after NFKC and whitespace folding, and the publication day (strict, +-1;
// and on the page's own clock).

/** A CJK ideograph is a token on its own; a run of other letters and digits is one token. */
const TOKEN = /[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\u{20000}-\u{323AF}]|(?:(?![\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\u{20000}-\u{323AF}])[\p{L}\p{N}])+/gu;

/**
 * Python's `str.casefold()`. Upper- then lower-casing gives Unicode's full case folding
 * (`ß` -> `ss`, `ﬁ` -> `fi`, `ϐ` -> `β`) for every code point but these: the dotless `ı`
 * (kept), capital `ẞ` (`ss`), Cherokee (folds to its capitals) and the final sigma, which
 * lower-casing a string writes `ς` and folding `σ`. (Checked over all code points
 * against Python 3.11.)
 */
export function casefold(text: string): string {
  return text.replace(/[\u0131\u1E9E\u13A0-\u13FD\uAB70-\uABBF]|[^\u0131\u1E9E\u13A0-\u13FD\uAB70-\uABBF]+/g, (part) => {
    if (part === '\u0131') return part;
    if (part === '\u1E9E') return 'ss';
    const code = part.charCodeAt(0);
    if (code >= 0xab70 && code <= 0xabbf) return String.fromCharCode(code - 0xab70 + 0x13a0);
    if (code >= 0x13f8 && code <= 0x13fd) return String.fromCharCode(code - 8);
    if (code >= 0x13a0 && code <= 0x13f5) return part;
    return part.toUpperCase().toLowerCase().replace(/ς/g, 'σ');
  });
}

export function tokens(text: string): string[] {
  return (text.match(TOKEN) ?? []).map(casefold);
}

function counts(items: string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const t of items) out.set(t, (out.get(t) ?? 0) + 1);
  return out;
}

/** Token F1 of an extracted text against the gold text (0 when either side is empty). */
export function tokenF1(extracted: string, gold: string): { precision: number; recall: number; f1: number } {
  const e = tokens(extracted);
  const g = counts(tokens(gold));
  let shared = 0;
  for (const [t, n] of counts(e)) shared += Math.min(n, g.get(t) ?? 0);
  const goldSize = [...g.values()].reduce((a, b) => a + b, 0);
  const precision = e.length ? shared / e.length : 0;
  const recall = goldSize ? shared / goldSize : 0;
  return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
}

const normalTitle = (s: string) => s.normalize('NFKC').replace(/\s+/g, ' ').trim();

export const titleMatches = (extracted: string | undefined, gold: string) => extracted !== undefined && normalTitle(extracted) === normalTitle(gold);

/** The day of a date string's first 10 characters, as a UTC day number; undefined unless a real YYYY-MM-DD. */
function dayNumber(value: string | undefined): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value?.slice(0, 10) ?? '');
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return undefined;
  return t / 86_400_000;
}

/** Whether an extracted date gives the gold day: strictly, and within one calendar day. */
export function dayMatches(extracted: string | undefined, gold: string): { strict: boolean; near: boolean } {
  const e = dayNumber(extracted);
  const g = dayNumber(gold);
  if (e === undefined || g === undefined) return { strict: false, near: false };
  return { strict: e === g, near: Math.abs(e - g) <= 1 };
}

/**
 * Whether the date gives the gold day on the page's own clock: pressclip's instant in the
 * zone it read the page's time in (its `localDate`), a peer's date as it gives it (the
 * page's own strings). Beside the README's strict day, which counts Beijing time.
 */
export function pageDayMatches(outcome: { date?: string; localDate?: string } | undefined, gold: string): boolean {
  return dayMatches(outcome?.localDate ?? outcome?.date, gold).strict;
}
