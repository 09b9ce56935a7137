// The title: every place a page names its headline (JSON-LD, Open Graph, Twitter, Dublin
// Core, <title>, <h1>) compared, rather than the first one trusted. Each source fails on
// part of the web - a CMS placeholder in JSON-LD, a social rewrite in og:title, the site's
// name around <title>, a logo in <h1> - and they rarely fail the same way at once.
import type { Element } from 'domhandler';
import { findDates } from '../date.js';
import { siteSlug } from '../sources.js';
import { blockText, isSpace } from '../text.js';
import { isArticle, jsonLd, ldName } from './json-ld.js';
import { metaValues } from './meta.js';
import { elementsByTag } from './page-index.js';
import { pageText } from './page-text.js';
import type { Candidate, Decision, Found, Page } from './types.js';

interface Source {
  raw: string;
  via: string;
  /** Priority when candidates tie: declared headlines first, the <h1> (often a logo) last. */
  rank: number;
  el?: Element;
  core: string;
  /** What was taken off around the headline, and on what evidence. */
  removed?: string;
  rejected?: string;
}

const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
/** For comparing: case, compatibility forms (full-width ？, ligatures) and curly quotes folded. */
const key = (s: string) => norm(s).normalize('NFKC').toLowerCase().replace(/[‘’‚‛′]/g, "'").replace(/[“”„‟″]/g, '"');
/** For finding one candidate in another: case folded, positions kept. */
const lower = (s: string) => norm(s).toLowerCase();
const HAN = /\p{Script=Han}/gu;

/** Two words, or four Han characters: enough to be a headline rather than a label. */
function substantial(s: string): boolean {
  return (s.match(/[\p{L}\p{N}]+/gu)?.length ?? 0) >= 2 || (s.match(HAN)?.length ?? 0) >= 4;
}

function collect(page: Page): Source[] {
  const out: Source[] = [];
  const add = (value: string | undefined, via: string, rank: number, el?: Element) => {
    // Sphinx and other doc tools append a "¶" link to headings.
    const raw = norm(value ?? '').replace(/\s*¶$/, '');
    // Over 400 characters is a description put in the wrong tag, not a headline.
    if (raw && raw.length <= 400) out.push({ raw, via, rank, el, core: raw });
  };
  const ld = jsonLd(page);
  const article = ld.find(isArticle);
  const headline = (o: Record<string, unknown> | undefined) => (typeof o?.headline === 'string' ? o.headline : undefined);
  add(headline(article) ?? ld.map(headline).find(Boolean), 'JSON-LD headline', 0);
  const meta = metaValues(page);
  add(meta.get('og:title')?.[0], 'og:title', 1);
  add(meta.get('twitter:title')?.[0], 'twitter:title', 2);
  add(meta.get('dc.title')?.[0] ?? meta.get('dc:title')?.[0] ?? meta.get('dcterms.title')?.[0], 'Dublin Core title', 3);
  add(meta.get('parsely-title')?.[0], 'parsely-title', 4);
  add(typeof article?.name === 'string' ? article.name : undefined, 'JSON-LD name', 5);
  // The document's <title>, not an <svg>'s.
  const title = elementsByTag(page, 'title').find((el) => !hasAncestor(el, 'svg'));
  if (title) add(blockText(title.children), '<title>', 6);
  for (const h1 of elementsByTag(page, 'h1').slice(0, 10)) add(blockText(h1.children), '<h1>', 7, h1);
  return out;
}

function hasAncestor(el: Element, name: string): boolean {
  for (let p = el.parent as Element | null; p; p = p.parent as Element | null) if (p.name === name) return true;
  return false;
}

// --- The site's name -------------------------------------------------------------------

/** A name reduced to its words for comparison: no accents, case, leading "the" or trailing TLD. */
function nameWords(s: string): string[] {
  const plain = s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().trim().replace(/^the\s+/, '').replace(/\.(com|net|org|[a-z]{2})(\.[a-z]{2})?$/, '');
  return plain.match(/[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * How a page names its site: og:site_name, application-name, the publisher, its logo
 * (an <h1> that links home) and the domain. A declared name that two candidates give as their whole title is the page's
 * title, not its site's (sites that put the headline in og:site_name). Not twitter:site:
 * that is the account that shares the page, as often a product, a desk or a brand of the
 * site as the site itself (@firefox on mozilla.org, whose pages are titled "Firefox — ...").
 */
function siteNames(page: Page, sources: Source[]): string[][] {
  const meta = metaValues(page);
  const names = ['og:site_name', 'application-name', 'apple-mobile-web-app-title'].flatMap((k) => meta.get(k) ?? []);
  for (const o of jsonLd(page)) {
    if (isArticle(o)) names.push(ldName(o.publisher) ?? '');
    if (/WebSite|Organization/.test(String(o['@type']))) names.push(typeof o.name === 'string' ? o.name : '');
  }
  for (const s of sources) if (s.el && linksHome(s.el, page)) names.push(s.raw);
  const titles = sources.map((s) => nameWords(s.raw).join(' '));
  const all = names.flatMap((n) => [n, ...splitSegments(n).parts]).filter((n) => {
    const w = nameWords(n).join(' ');
    return w && titles.filter((t) => t === w).length < 2;
  });
  // A name is a few words: a "site name" as long as a sentence is a headline put in the
  // wrong tag (some sites fill application-name with the article's title).
  const named = all.filter((n) => (n.match(/[\p{L}\p{N}]+/gu)?.length ?? 0) <= 5 && (n.match(HAN)?.length ?? 0) <= 10).map(nameWords);
  named.push([siteSlug(page.url.hostname).replace(/^the/, '')]);
  return named.filter((n) => n.join('').length >= 2);
}

/** An <h1> whose one link goes to the home page: the site's logo, the way sites print it. */
function linksHome(h1: Element, page: Page): boolean {
  const links: Element[] = [];
  const stack = [...h1.children];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type !== 'tag') continue;
    if ((n as Element).name === 'a') links.push(n as Element);
    stack.push(...(n as Element).children);
  }
  if (links.length !== 1) return false;
  try {
    const to = new URL(links[0].attribs.href ?? '', page.url);
    return to.host === page.url.host && to.pathname === '/' && !to.search;
  } catch {
    return false;
  }
}

/**
 * The segment names the site: the same words, or the same run of letters ("The Verge" and
 * theverge.com), or one more word than the name ("Spiceworks Inc", "heise online").
 */
function isSiteName(segment: string, names: string[][]): boolean {
  const w = nameWords(segment);
  if (!w.length) return false;
  const joined = w.join('');
  return names.some((n) => {
    if (joined === n.join('')) return true;
    const [short, long] = w.length < n.length ? [w, n] : [n, w];
    return long.length - short.length === 1 && short.join('').length >= 4 && short.every((x, i) => long[i] === x);
  });
}

// --- Affixes ------------------------------------------------------------------------------

// Where titles join a headline to its site, section or keywords: " | ", " - ", "_", "--",
// " · ", " :: ", "——"; a hyphen without spaces only next to Chinese text (a Latin hyphen
// joins words: "hands-on").
const SEPARATOR = /(\s+[|·•»/\\:~–—-]\s+|\s*[|｜_]\s*|\s*(?:--|——|::)\s*|\s+[-–—](?=\S)|(?<=\S)[–—]\s+|(?<=[\p{Script=Han}\p{P}])[-－](?=\S)|(?<=\S)[-－](?=\p{Script=Han})|:\s+|\s+(?=\[[^\]]+\]$))/u;

/** Separators of navigation, not of prose: a pipe, a guillemet, a middle dot, an underscore. */
const NAVIGATION_SEPARATOR = /[|｜»·•_]|::/;

function splitSegments(s: string): { parts: string[]; seps: string[] } {
  const pieces = s.split(new RegExp(SEPARATOR.source, 'gu'));
  const parts: string[] = [];
  const seps: string[] = [];
  pieces.forEach((p, i) => (i % 2 ? seps : parts).push(p ?? ''));
  return { parts, seps };
}

/** A segment that is only a date ("12.03.2020"): titles append it to the headline. */
const DATE_ONLY = /^[\d\s./-]{6,10}$/;

/** The title without leading and trailing segments that are the site's name (or a date). */
function stripSiteName(s: string, names: string[][]): { core: string; removed: string[] } {
  const { parts, seps } = splitSegments(s);
  const bare = (p: string) => p.replace(/^\[|\]$/g, '');
  const drop = (p: string) => isSiteName(bare(p), names) || DATE_ONLY.test(p.trim());
  let i = 0;
  let j = parts.length - 1;
  const removed: string[] = [];
  while (j > i && drop(parts[j])) removed.unshift(parts[j--]);
  while (i < j && drop(parts[i])) removed.unshift(parts[i++]);
  if (!removed.length) return { core: s, removed };
  let core = parts[i];
  for (let k = i + 1; k <= j; k++) core += seps[k - 1] + parts[k];
  return { core: core.trim(), removed };
}

const ENDS_WITH_SEPARATOR = /[|｜_\-－–—·•:»/\\~\])）】]$/;
const STARTS_WITH_SEPARATOR = /^[|｜_\-－–—·•:»/\\~(（[【]/;

/**
 * `inner` stands inside `outer` as a whole part of it - what is left before and after it
 * is cut off by a separator - and how long the rest is. A truncated og:title ("奖金711万元！")
 * is no part of the headline it cuts (`"中国诺贝尔奖"...` follows it with no separator).
 */
function partOf(outer: string, inner: string): number | undefined {
  return partOfForms(formsOf(outer), formsOf(inner));
}

/** What partOf compares of a string: its folded forms. */
interface Forms {
  lower: string;
  key: string;
}

const formsOf = (s: string): Forms => ({ lower: lower(s), key: key(s) });

/** partOf, given both strings' forms. */
function partOfForms(outer: Forms, inner: Forms): number | undefined {
  const o = outer.lower;
  const i = inner.lower;
  if (!i || inner.key === outer.key) return undefined;
  for (let at = o.indexOf(i); at >= 0; at = o.indexOf(i, at + 1)) {
    const before = o.slice(0, at).trimEnd();
    const after = o.slice(at + i.length).trimStart();
    if ((before && !ENDS_WITH_SEPARATOR.test(before)) || (after && !STARTS_WITH_SEPARATOR.test(after))) continue;
    return before.length + after.length;
  }
  return undefined;
}

/**
 * Whether the first word of the line text[start, end) (lowercased) is in `within`: a line
 * the title holds begins with it, and most lines of a page fail this test at the price of
 * one short slice, without folding their whitespace.
 */
function firstWordWithin(text: string, start: number, end: number, within: string): boolean {
  let from = start;
  while (from < end && isSpace(text.charCodeAt(from))) from++;
  let to = from;
  while (to < end && !isSpace(text.charCodeAt(to))) to++;
  return within.includes(text.slice(from, to).toLowerCase());
}

/** Lines of the page's visible text that `title` holds: where a headline is printed when no tag names it. */
function visibleLines(page: Page, title: string): string[] {
  const within = lower(title);
  const text = pageText(page)?.text ?? '';
  const found: string[] = [];
  // Line by line in place: only lines of a headline's length are cut out (a split made
  // a string of each of the page's lines).
  for (let start = 0; start <= text.length; ) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    if (end - start >= 4 && end - start <= title.length * 2 && firstWordWithin(text, start, end, within)) {
      const line = norm(text.slice(start, end));
      if (line.length >= 4 && within.includes(line.toLowerCase())) found.push(line);
    }
    start = end + 1;
  }
  return found;
}

/**
 * Reduces each candidate to its headline. First the site's name goes (known from the
 * page's declarations or its domain); then a candidate that holds another whole candidate
 * plus separated extras ("Headline_Section_Site" beside an <h1> "Headline") is cut to it:
 * the extras are affixes by the candidates' agreement, whatever the site is called.
 * A <title> no other candidate explains is compared with the lines printed on the page.
 */
function reduce(sources: Source[], page: Page): void {
  const names = siteNames(page, sources);
  for (const s of sources) {
    const { core, removed } = stripSiteName(s.raw, names);
    s.core = core;
    if (removed.length) s.removed = `"${removed.join('", "')}" (the site's name${removed.some((r) => DATE_ONLY.test(r.trim())) ? ', a date' : ''})`;
    if (isSiteName(s.core, names)) s.rejected = "the site's name, not a headline";
  }
  const live = sources.filter((s) => !s.rejected);
  // Each candidate is compared with every other: its forms are folded once, not once per pair.
  const folded = new Map<string, Forms & { substantial: boolean }>();
  const forms = (core: string) => {
    let found = folded.get(core);
    if (!found) folded.set(core, (found = { ...formsOf(core), substantial: substantial(core) }));
    return found;
  };
  for (const s of live) {
    let best: Source | undefined;
    for (const other of live) {
      // What is cut off is no longer than what stays: a site's logo text in an <h1> is
      // no headline of the title that ends with it.
      const inner = forms(other.core);
      const rest = inner.substantial ? partOfForms(forms(s.core), inner) : undefined;
      if (other === s || rest === undefined || rest > other.core.length) continue;
      if (!best || other.core.length > best.core.length) best = other;
    }
    if (best) {
      s.removed = `${s.removed ? `${s.removed}, then ` : ''}"${affix(s.core, best.core)}" (the ${best.via} is the rest)`;
      s.core = norm(best.core);
    }
  }
  const title = live.find((s) => s.via === '<title>');
  // A <title> nothing explains is compared with the lines printed on the page; so is one
  // that the site's name came off and that still holds a separator of the kind sites put
  // between their name, sections and the headline ("Site » Blog Archive » Headline") - not
  // a colon or a dash, which headlines hold themselves ("Letting the Wolves Howl: Part 5").
  const unexplained = title && (title.removed ? !live.some((o) => o !== title && key(o.core) === key(title.core)) && NAVIGATION_SEPARATOR.test(title.core) : SEPARATOR.test(title.core));
  if (title && unexplained) {
    // The headline printed on the page, longer than what it would cut off: a site's
    // name printed in its logo is no headline of a title.
    let best: string | undefined;
    for (const line of visibleLines(page, title.core)) {
      const rest = substantial(line) ? partOf(title.core, line) : undefined;
      if (rest !== undefined && rest <= line.length && (!best || line.length > best.length)) best = line;
    }
    if (best) {
      title.removed = `${title.removed ? `${title.removed}, then ` : ''}"${affix(title.core, best)}" (the rest is printed on the page as a line of its own)`;
      title.core = best;
    }
  }
  // The article's own structured data names the article, not the page: CMSs fill its
  // headline from the post's title field and keep the site's name for <title> and the
  // social tags. A last part the JSON-LD headline (or name) also carries is the headline's
  // ("... – die historischen Hintergründe", "... — Until Now"), however short.
  const structured = new Set(live.filter((s) => s.via.startsWith('JSON-LD')).map((s) => key(s.core)));
  for (const s of live) if (!s.removed && s.rank !== 7 && !structured.has(key(s.core))) dropLastPart(s);
}

// A separator with spaces around it: where a title ends its headline and starts the site's name.
const SPACED_SEPARATOR = /\s+(?:[|·•~–—-]|::)\s+(?=[^|·•~–—:]+$)/u;
const words = (s: string) => (s.match(/[\p{L}\p{N}]+/gu)?.length ?? 0) + (s.match(HAN)?.length ?? 0) / 2;

/**
 * A declared title ("Headline - Site") that nothing on the page explains: its last part,
 * after a spaced separator, is the site's name when it is short (three words at most) and
 * the rest reads as a headline (four words or more) - the way titles are written across the
 * web, which stands when no other candidate or site declaration says otherwise.
 */
function dropLastPart(s: Source): void {
  const m = SPACED_SEPARATOR.exec(s.core);
  if (!m) return;
  const [head, tail] = [s.core.slice(0, m.index), s.core.slice(m.index + m[0].length)];
  if (words(tail) > 3 || words(head) < 4) return;
  s.removed = `"${tail}" (the short last part of a title, where sites put their name)`;
  s.core = head.trim();
}

function affix(outer: string, inner: string): string {
  const at = lower(outer).indexOf(lower(inner));
  return norm(`${outer.slice(0, at)} … ${outer.slice(at + inner.length)}`).replace(/^… | …$/g, '');
}

/** One Latin word that no other candidate contains: a CMS placeholder ("escenic") or a label. */
function placeholder(s: Source, all: Source[]): boolean {
  if (!/^[\p{Script=Latin}\d._-]+$/u.test(s.core)) return false;
  const k = key(s.core);
  return !all.some((o) => o !== s && key(o.core).includes(k)) && all.some((o) => o !== s && (o.core.match(/[\p{L}\p{N}]+/gu)?.length ?? 0) >= 3);
}

export interface TitleDecision extends Decision {
  /** The <h1> that shows the chosen title, where one does (dates are looked for near it). */
  headline?: Element;
}

/**
 * The title most candidates agree on once reduced to their headlines; a tie goes to the
 * declared headline (JSON-LD, og:title...) over <title>, and <title> over an <h1> that no
 * other candidate confirms (a logo, a section name, a sidebar heading).
 */
export function chooseTitle(page: Page): TitleDecision {
  const sources = collect(page);
  reduce(sources, page);
  for (const s of sources) if (!s.rejected && placeholder(s, sources)) s.rejected = 'one word that no other candidate contains: a placeholder or a label, not a headline';
  // A page that names nothing but its site (a home page): that name is the title it has.
  const siteOnly = sources.length > 0 && sources.every((s) => s.rejected?.startsWith("the site's name"));
  // That name whole, as the page gives it ("Gaby's - Colours of the Soul"), not a part of it.
  if (siteOnly) for (const s of sources) [s.core, s.removed] = [s.raw, undefined];
  const groups = new Map<string, Source[]>();
  for (const s of sources.filter((x) => !x.rejected || siteOnly)) {
    const k = key(s.core);
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k)!.push(s);
  }
  const ranked = [...groups.values()].sort((a, b) => b.length - a.length || Math.min(...a.map((s) => s.rank)) - Math.min(...b.map((s) => s.rank)));
  const winners = ranked[0];
  if (!winners) return { others: sources.map((s) => ({ value: s.raw, via: s.via, why: s.rejected! })) };
  winners.sort((a, b) => a.rank - b.rank);
  const lead = winners[0];
  const agree = winners.length > 1 ? `${winners.length} candidates agree (${winners.map((s) => s.via).join(', ')})` : ranked.length > 1 ? `the ${lead.via} comes first among candidates that all disagree` : 'the only candidate';
  const found: Found<string> = { value: lead.core, via: lead.via, why: `${siteOnly ? "the page names nothing but its site; " : ''}${agree}${lead.removed ? `; removed ${lead.removed}` : ''}` };
  const others: Candidate[] = sources
    .filter((s) => s !== lead)
    .map((s) => ({
      value: s.raw,
      via: s.via,
      why: (siteOnly ? undefined : s.rejected) ?? (winners.includes(s) ? `agrees${s.removed ? ` once ${s.removed} is removed` : ''}` : `outvoted: ${winners.length} candidate${winners.length > 1 ? 's' : ''} against ${groups.get(key(s.core))!.length}${s.removed ? ` (it reads "${s.core}" without ${s.removed})` : ''}`),
    }));
  return { found, others, headline: winners.find((s) => s.el)?.el };
}

/** A line's length as a headline's: a Han character counts two (it is about two Latin letters wide). */
const weight = (line: string) => (line.match(HAN)?.length ?? 0) * 2 + line.replace(HAN, '').length;

/** Short enough for a headline (160) and not ending a sentence. */
function headingLike(line: string): boolean {
  if (!substantial(line) || weight(line) > 160 || /[。.!?！？…:：,，;；]$/.test(line)) return false;
  // A dateline ("December 31, 2004") is no headline.
  const date = findDates(line)[0];
  return !date || (line.slice(0, date.index) + line.slice(date.end)).replace(/[^\p{L}]/gu, '').length >= 3;
}

/**
 * The start of a line, cut to the length of a long headline (100, a Han character counting
 * two): at its last space in Latin text, anywhere in Han text.
 */
function opening(line: string): string {
  const limit = 100;
  if (weight(line) <= limit) return line;
  const chars = Array.from(line);
  let [n, w] = [0, 0];
  while (w + weight(chars[n]) < limit) w += weight(chars[n++]);
  let head = chars.slice(0, n).join('');
  const space = head.lastIndexOf(' ');
  if (space > head.length / 2 && !/\p{Script=Han}$/u.test(head)) head = head.slice(0, space);
  return `${head.trimEnd()}…`;
}

/**
 * A page that names no title anywhere (no <title>, no <h1>, no metadata: some Chinese
 * pages print the headline as the body's first line): the body's first heading (<h1>-<h4>)
 * among its first three lines, else its first line when that reads as a headline. A body
 * with no such line still makes a post, named the way feed readers name an untitled entry:
 * by the start of its text (warned of, like the other fallbacks).
 */
export function titleFromBody(root: Element): Found<string> | undefined {
  const lines = blockText(root).split('\n').map(norm).filter(Boolean).slice(0, 3);
  const warning = "no title in the page's metadata, <title> or <h1>: the body's first heading-like line is taken as the title";
  const stack: Element[] = [root];
  while (stack.length) {
    const el = stack.pop()!;
    if (/^h[1-4]$/.test(el.name)) {
      const text = norm(blockText(el.children));
      if (lines.includes(text) && headingLike(text)) return { value: text, via: `the body's first <${el.name}>`, warning };
      continue;
    }
    const children = el.children.filter((c) => c.type === 'tag') as Element[];
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  const line = lines.find(headingLike);
  if (line) return { value: line, via: "the body's first heading-like line", warning };
  return lines[0] ? { value: opening(lines[0]), via: "the start of the body's text", warning: "no title in the page's metadata, <title>, <h1> or the body's first lines: the start of the body's text is taken as the title" } : undefined;
}
