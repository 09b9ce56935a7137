// The publication date: every place a page states it (declared: date-declared.ts; printed:
// date-printed.ts; the URL) weighed, and a zone-less time read in the zone of the site.
import type { Element } from 'domhandler';
import { archiveForm, describeParts, formatInZone, hasTime, instantOf, offsetName, siteClock, type DateParts, type ReadOptions } from '../date.js';
import { declared, urlDate, type DateCandidate } from './date-declared.js';
import { printed } from './date-printed.js';
import { pageText } from './page-text.js';
import { metaValues } from './meta.js';
import { elementsByTag } from './page-index.js';
import type { Candidate, DateDecision, FoundDate, Page } from './types.js';
import { declaredZone, offsetZone, type ZoneGuess } from './zone.js';

const dayOf = (p: DateParts) => Date.UTC(p.y, p.mo - 1, p.d);
const sameDay = (a: DateParts, b: DateParts) => dayOf(a) === dayOf(b);
const DAY = 86400000;

/** January 1st at midnight, or without a time: what CMSs fill in for a date nobody set. */
const placeholderLike = (p: DateParts) => p.mo === 1 && p.d === 1 && (!hasTime(p) || (p.h === 0 && p.mi === 0 && !p.s));

/** The instant a zone-less wall-clock time would be if it were UTC (for comparing with instants). */
const asUtc = (p: DateParts) => Date.UTC(p.y, p.mo - 1, p.d, p.h ?? 0, p.mi ?? 0, p.s ?? 0);

/**
 * A zone-less time and an instant that are one event seen from two clocks: less than a
 * day apart and a whole number of quarter hours, the span of the world's UTC offsets.
 */
function sameEvent(local: DateParts, other: DateParts): boolean {
  const instant = instantOf(other);
  if (!instant || !hasTime(local) || !hasTime(other)) return false;
  const diff = asUtc(local) - instant.getTime();
  return Math.abs(diff) <= 14 * 3600000 && diff % (15 * 60000) === 0;
}

/**
 * The site's UTC offsets (minutes) that pairs of the page's dates imply: a zone-less time
 * that is the same event as a UTC instant (a CMS that writes UTC in its meta tags and the
 * site's wall clock in its JSON-LD or byline) is that instant on the site's clock, so the
 * gap between them is the site's offset. Only zone-less times with their seconds written
 * and not :00 count: two times on the hour are a whole number of hours apart by chance.
 */
function impliedOffsets(dates: DateCandidate[]): number[] {
  const out: number[] = [];
  for (const local of dates) {
    if (local.parts.offset !== undefined || !local.parts.s) continue;
    const utc = dates.find((c) => c.parts.offset === 0 && sameEvent(local.parts, c.parts));
    if (utc) out.push((asUtc(local.parts) - instantOf(utc.parts)!.getTime()) / 60000);
  }
  return out;
}

/**
 * The zone guessed from the domain or the language, unless the page's own <time> elements
 * contradict it: the text of <time datetime="...T23:07:45+00:00">26/12/2019</time> is the
 * site's rendering of that instant, so a site whose clock shows the 26th is on the offset
 * the datetime is written in, not on Zurich's 27th (WordPress writes the datetime in the
 * site's configured zone, UTC included).
 */
function shownZone(dates: DateCandidate[], guess: ZoneGuess | undefined): ZoneGuess | undefined {
  if (!guess) return undefined;
  for (const c of dates) {
    const instant = c.shows && hasTime(c.shows) ? instantOf(c.shows) : undefined;
    if (!instant || hasTime(c.parts)) continue;
    const shown = describeParts(c.parts);
    if (formatInZone(instant, guess.zone).slice(0, 10) !== shown && describeParts(c.shows!).slice(0, 10) === shown) {
      const written = offsetName(c.shows!.offset!);
      return { zone: written, why: `the page shows ${c.raw} for its <time> of ${describeParts(c.shows!)}: its clock is on ${written}, not ${guess.zone} (${guess.why})` };
    }
  }
  return guess;
}

/** When a date was, in milliseconds: its instant, or a zone-less time as if it were UTC (within a day of its instant). */
const timeOf = (p: DateParts) => instantOf(p)?.getTime() ?? asUtc(p);

/** The moment a timed date names, comparable between dates written alike (both with offsets, or both without). */
const moment = (p: DateParts) => (p.offset === undefined ? `${asUtc(p)}` : `${instantOf(p)!.getTime()}Z`);

/**
 * A declared publication time equal to the second to a declared modification, while the
 * JSON-LD article gives an earlier publication: some CMSs write their last change into the
 * meta tags' publication field on every save, while the JSON-LD's datePublished is by its
 * definition (schema.org, Google's article guidelines) the first publication. So the
 * rewritten field is the modification, not the publication.
 */
function rejectRewrittenPublications(dates: DateCandidate[]): void {
  const changes = new Set(dates.filter((c) => c.kind === 'modified' && c.pos === undefined && hasTime(c.parts)).map((c) => moment(c.parts)));
  const first = dates.find((c) => c.kind === 'published' && c.source === 'JSON-LD article' && !c.rejected && !changes.has(moment(c.parts)));
  if (!changes.size || !first) return;
  for (const c of dates) {
    if (c.kind === 'published' && c.pos === undefined && !c.rejected && hasTime(c.parts) && changes.has(moment(c.parts)) && timeOf(first.parts) < timeOf(c.parts)) {
      c.rejected = `the modification time, written into a publication field too: ${first.via} gives the first publication`;
    }
  }
}

export interface DateContext {
  /** The zone given by the user (--zone), the registry or a site adapter: over the page's. */
  zone?: ZoneGuess;
  /** The element that shows the headline, and the title's text. */
  headline?: Element;
  title?: string;
}

/** How to read 03/04/2019: month first on US English pages. */
function readOptions(page: Page): ReadOptions {
  const lang = `${elementsByTag(page, 'html')[0]?.attribs.lang ?? ''} ${metaValues(page).get('og:locale')?.[0] ?? ''}`;
  return { monthFirst: /\ben[-_]us\b/i.test(lang) || (/^\s*en\b/i.test(lang) && !/[-_](gb|uk|ie|au|nz|in|za)\b/i.test(lang) && /\.(com|us)$/.test(page.url.hostname)) };
}

/** Visible dates scored below this are not taken (two points: near the headline, or labelled). */
const VISIBLE_MIN = 2;
/** Near the headline (4), labelled (2) and with its time (1). */
const VISIBLE_STAMP = 7;

/**
 * How much a candidate's day counts: specific declarations and the URL (set once, never
 * rewritten) most, generic declarations and well-placed printed dates less, script data
 * and creation dates least; a bare January 1st not at all (CMSs fill it in). A date printed
 * at the headline, labelled (a byline's class or "Published") and with its time of day
 * (VISIBLE_STAMP) is the stamp the page shows its readers: as much as a specific declaration,
 * over a generic "date" meta tag that may hold the creation or the last change.
 */
function weight(c: DateCandidate): number {
  if (placeholderLike(c.parts)) return 0;
  if (c.kind === 'url') return 4;
  if (c.kind === 'published') return c.rank < 3 ? 3 : c.rank < 5 ? 2 : 1;
  if (c.kind === 'visible') return c.rank >= VISIBLE_STAMP ? 3 : c.rank >= 4 ? 2 : c.rank >= VISIBLE_MIN ? 1 : 0;
  return 0;
}

/** The order of trust within a day: declarations by rank, then printed dates by score, then the URL. */
function trust(c: DateCandidate): number {
  if (c.kind === 'published') return c.rank;
  if (c.kind === 'visible') return 100 - c.rank;
  return c.kind === 'url' ? 200 : 300;
}

/**
 * The publication date. Every declared, printed and URL date votes for its day (in the
 * site's zone), weighted by how much it is to be trusted: independent places agreeing on a
 * day outweigh one stale or rewritten declaration. On the winning day the most trusted
 * candidate is taken; a bare day takes its time from a same-day date of the page; a
 * zone-less time that is the same event as a date with an offset takes that offset.
 * Without any vote, the only day printed on the page, then a modification date.
 */
export function chooseDate(page: Page, context: DateContext = {}): DateDecision {
  const read = readOptions(page);
  const now = page.fetchedAt.getTime();
  const map = pageText(page);
  const all = [...declared(page, read), ...printed(map, context.headline, context.title, read)];
  const url = urlDate(page.url, read);
  if (url) all.push(url);
  for (const c of all) {
    if (c.rejected) continue;
    // A day's slack: a zone-less time may be hours ahead of the fetch in UTC terms.
    if (timeOf(c.parts) > now + DAY) c.rejected = 'in the future';
    else if (placeholderLike(c.parts) && hasTime(c.parts)) c.rejected = 'a placeholder (January 1st, midnight)';
  }
  rejectRewrittenPublications(all);
  const usable = all.filter((c) => !c.rejected);
  const text = `${context.title ?? ''}\n${map?.text.slice(0, 5000) ?? ''}`;
  const offsets = [...usable.map((c) => c.parts.offset ?? 0), ...impliedOffsets(usable)];
  const zone = context.zone ?? offsetZone(offsets, page, usable[0]?.parts.y ?? new Date(now).getUTCFullYear(), text) ?? shownZone(usable, declaredZone(page, text));
  // The day as the site's clock shows it: an instant's day in the site's zone.
  const days = new Map<DateCandidate, string>();
  const dayKey = (c: DateCandidate) => {
    let day = days.get(c);
    if (day === undefined) {
      const instant = instantOf(c.parts);
      day = instant && zone ? formatInZone(instant, zone.zone).slice(0, 10) : describeParts(c.parts).slice(0, 10);
      days.set(c, day);
    }
    return day;
  };
  const votes = new Map<string, { weight: number; by: DateCandidate[] }>();
  // One vote per source: the first <time class="published"> (lists of other articles
  // repeat them), the first script value; of the printed dates, only the best-placed.
  const voted = new Set<string>();
  const topScore = Math.max(VISIBLE_MIN, ...usable.filter((c) => c.kind === 'visible').map((c) => c.rank));
  for (const c of usable) {
    const w = weight(c);
    const source = c.kind === 'visible' ? 'visible' : (c.source ?? c.via);
    if (!w || voted.has(source) || (c.kind === 'visible' && c.rank < topScore)) continue;
    voted.add(source);
    const v = votes.get(dayKey(c)) ?? { weight: 0, by: [] };
    v.weight += w;
    v.by.push(c);
    votes.set(dayKey(c), v);
  }
  const best = (list: DateCandidate[]) => [...list].sort((a, b) => trust(a) - trust(b))[0];
  const ranked = [...votes.entries()].sort((a, b) => b[1].weight - a[1].weight || Math.max(...b[1].by.map(weight)) - Math.max(...a[1].by.map(weight)) || trust(best(a[1].by)) - trust(best(b[1].by)));
  const shown = usable.filter((c) => c.kind === 'visible');
  const onlyDay = shown.length && shown.every((c) => sameDay(c.parts, shown[0].parts)) ? shown[0] : undefined;
  // Modification dates, declared ones (by rank) before printed ones (by placement).
  const modified = usable.filter((c) => c.kind === 'modified').sort((a, b) => Number(a.pos !== undefined) - Number(b.pos !== undefined) || (a.pos === undefined ? a.rank - b.rank : b.rank - a.rank));

  let chosen: DateCandidate | undefined;
  let why: string;
  if (ranked[0]) {
    const [day, vote] = ranked[0];
    chosen = best(vote.by);
    const others = ranked.slice(1).map(([d, v]) => `${d}: ${v.weight}`);
    why = vote.by.length > 1 ? `${vote.by.length} dates agree on ${day} (weight ${vote.weight}${others.length ? ` against ${others.join(', ')}` : ''})` : `${chosen.kind === 'url' ? "the URL's day" : chosen.kind === 'visible' ? 'the best-placed date printed on the page' : chosen.rank >= 8 ? "the publication date in the page's script data" : 'the declared publication date'}${others.length ? ` (weight ${vote.weight} against ${others.join(', ')})` : ''}`;
  } else if (modified[0] && modified[0].pos === undefined) [chosen, why] = [modified[0], 'a declared modification date: the page gives no publication date'];
  else if (onlyDay) [chosen, why] = [onlyDay, 'the only day printed on the page'];
  else if (modified[0]) [chosen, why] = [modified[0], 'a modification date: the page gives no publication date'];
  else return { others: all.map(lost(undefined, () => '')) };

  let value = chosen.parts;
  const notes: string[] = [];
  if (!hasTime(value)) {
    const timed = usable.filter((c) => c.kind !== 'modified' && hasTime(c.parts) && dayKey(c) === dayKey(chosen!)).sort((a, b) => trust(a) - trust(b))[0];
    if (timed) {
      notes.push(`its time from ${timed.via}`);
      value = timed.parts;
    }
  }
  if (hasTime(value) && value.offset === undefined) {
    const twin = usable.find((c) => sameEvent(value, c.parts));
    if (twin) {
      notes.push(`the same instant as ${twin.via} (${describeParts(twin.parts)}), whose offset it takes`);
      value = twin.parts;
    }
  }
  let warning: string | undefined;
  const zoneless = hasTime(value) && value.offset === undefined;
  if (zoneless && zone) notes.push(`read in ${zone.zone} (${zone.why})`);
  if (zoneless && !zone) warning = `the publication time ${describeParts(value)} names no time zone and the page tells none: read as Beijing time (--zone <IANA name> to set the site's zone)`;
  const found: FoundDate = {
    value: archiveForm(value, zoneless ? zone?.zone : undefined),
    local: siteClock(value, zone?.zone),
    via: chosen.via,
    why: [`${why}: ${describeParts(chosen.parts)}`, ...notes].join('; '),
    warning,
  };
  return { found, others: all.filter((c) => c !== chosen).map(lost(chosen, dayKey)) };
}

function lost(chosen: DateCandidate | undefined, dayKey: (c: DateCandidate) => string): (c: DateCandidate) => Candidate {
  return (c) => ({
    value: describeParts(c.parts),
    via: c.via,
    why:
      c.rejected ??
      (chosen && dayKey(c) === dayKey(chosen)
        ? 'the same day'
        : c.kind === 'modified'
          ? 'a modification date'
          : !weight(c)
            ? placeholderLike(c.parts) ? 'a bare January 1st (what CMSs fill in)' : 'printed too far from the headline, or unlabelled'
            : 'outvoted by the dates of another day'),
  });
}
