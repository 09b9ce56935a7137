// The dates printed in a page's text, each placed and labelled: near the headline or
// not, in a byline or in prose, in the comments, a footer or a list of other articles.
import type { AnyNode, Element } from 'domhandler';
import { findDates, hasTime, readDate, type DateParts, type ReadOptions } from '../date.js';
import type { DateCandidate } from './date-declared.js';
import { nodeAt, type TextMap } from './page-text.js';

/** A class or id that labels a date: "post-date", "entry-meta", "byline", "datum", "dateline"... */
const DATE_HINT = /date|time|publi|posted|datum|zeit|fecha|byline|dateline|meta|stamp|subline|topline|author|info/i;
/** Comment threads (a class or id part "comment...", "reply"...): their dates are the readers', not the article's. */
const COMMENTS = /^(comment.*|respond|reply|replies|disqus|discussion)$/;
/** Page furniture around the article (a class or id part): lists of other articles, footers (copyright years). */
const FURNITURE = /^(footer|sidebar|widget|related|teasers?|recommend.*|popular|newsletter|cookie|breadcrumbs?)$/;
const FURNITURE_TAGS = new Set(['footer', 'nav', 'aside']);
/**
 * The first and last parts of each class name and id: where such names put what the element
 * is ("related-articles", "site-footer"; "sticky-sidebar-parent" is no sidebar, and
 * "m-intro__breadcrumbNavigation" no breadcrumb).
 */
const labelParts = (label: string) =>
  label
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .flatMap((token) => {
      const parts = token.split(/[_-]+/).filter(Boolean);
      return parts.length > 1 ? [parts[0], parts[parts.length - 1]] : parts;
    });

// Words printed before a date that say what it is.
const PUBLISHED_LABEL = /(published|posted|veröffentlicht|erschienen|publié|publicado|pubblicato|gepubliceerd|opublikowano|发布|發布|发表|發表|时间|時間|日期|(?:^|\s)(?:on|am|le|vom|el|il)|(?:date|datum|fecha|data|dated)\s*[:：])\s*[:：]?\s*$/i;
const MODIFIED_LABEL = /(updated?|aktualisiert|geändert|stand|mis à jour|actualizado|aggiornato|更新|修改|modified|last edited|zuletzt)\s*[:：]?\s*(?:am|on|le|:)?\s*$/i;
const COPYRIGHT_LABEL = /(©|\(c\)|copyright|版权|版權).{0,24}$/i;
// Words after a date on a Chinese byline: the date, its source and its author share one line
// ("2004-12-10 11:55:08　来源：新华网", "2021-11-19 10:27 作者：...").
const BYLINE_AFTER = /^\s*(?:[|｜·]\s*)?(?:来源|來源|作者|编辑|編輯|责任编辑|責任編輯|记者|記者|出处|出處)\s*[:：]?/;

interface Context {
  hint: boolean;
  link: boolean;
  comments: boolean;
  furniture: boolean;
}

const label = (el: Element) => `${el.attribs?.class ?? ''} ${el.attribs?.id ?? ''} ${el.attribs?.itemprop ?? ''}`;

/** Whether an element is inside a comment thread or page furniture; shared ancestors are read once. */
function region(el: Element | null, memo: Map<Element, { comments: boolean; furniture: boolean }>): { comments: boolean; furniture: boolean } {
  if (!el || el.name === 'body' || el.type !== 'tag') return { comments: false, furniture: false };
  const known = memo.get(el);
  if (known) return known;
  const outer = region(el.parent as Element | null, memo);
  const parts = labelParts(label(el));
  const found = {
    comments: outer.comments || parts.some((p) => COMMENTS.test(p)),
    furniture: outer.furniture || FURNITURE_TAGS.has(el.name) || parts.some((p) => FURNITURE.test(p)),
  };
  memo.set(el, found);
  return found;
}

function contextOf(node: AnyNode | undefined, memo: Map<Element, { comments: boolean; furniture: boolean }>): Context {
  const ctx: Context = { hint: false, link: false, ...region(node?.parent as Element | null, memo) };
  let el = node?.parent as Element | null;
  for (let depth = 0; el && depth < 3 && el.name !== 'body'; el = el.parent as Element | null, depth++) {
    if (DATE_HINT.test(label(el))) ctx.hint = true;
    if (el.name === 'a' && el.attribs.href) ctx.link = true;
  }
  return ctx;
}

/** The datetime of the <time> element a text node is printed in (its parent or grandparent), if any. */
function timeShown(node: AnyNode | undefined): DateParts | undefined {
  for (let el = node?.parent as Element | null, depth = 0; el && depth < 2; el = el.parent as Element | null, depth++) {
    if (el.name === 'time') return readDate(el.attribs.datetime);
  }
  return undefined;
}

const SCAN_BEFORE = 50_000;
const SCAN_AFTER = 250_000;

const WORD = /[\p{L}\p{N}]+/gu;

/** Where the title is printed first: its words in order, whatever stands between them. */
function findTitle(text: string, title: string): { start: number; end: number } | undefined {
  const words = title.match(WORD)?.slice(0, 12);
  if (!words) return undefined;
  // Looked for around the places where its longest (rarest-looking) word stands.
  const pick = words.reduce((best, w, i) => (w.length > words[best].length ? i : best), 0);
  const reach = title.length * 2 + 20;
  for (let at = text.indexOf(words[pick]); at >= 0; at = text.indexOf(words[pick], at + 1)) {
    const from = Math.max(0, at - reach);
    const tokens = [...text.slice(from, at + reach).matchAll(WORD)];
    const k = tokens.findIndex((t) => from + t.index === at);
    const first = k - pick;
    if (k < 0 || first < 0 || first + words.length > tokens.length) continue;
    if (words.every((w, j) => tokens[first + j][0] === w)) {
      const last = tokens[first + words.length - 1];
      return { start: from + tokens[first].index, end: from + last.index + last[0].length };
    }
  }
  return undefined;
}

/**
 * The dates printed in the page, weighed: near the headline (a byline, a dateline two rows
 * under it), labelled by their element's class or a word before them ("Published", "发布时间"),
 * with a time of day; not in a link to another page, not among the page's furniture. Dates
 * in comment threads, after a copyright sign, or labelled as updates are not publication dates.
 */
export function printed(map: TextMap | undefined, headline: Element | undefined, title: string | undefined, read: ReadOptions): DateCandidate[] {
  if (!map) return [];
  let head = headline && map.h1s.get(headline);
  if (!head && title) head = findTitle(map.text, title);
  // Bounded work on any page: the dates within reach of the headline (or the start) only;
  // an article's dates stand near its headline, not a megabyte of text away.
  const from = Math.max(0, (head?.start ?? 0) - SCAN_BEFORE);
  const scanned = map.text.slice(from, from + SCAN_BEFORE + SCAN_AFTER);
  const found = findDates(scanned, read).map((f) => ({ ...f, index: f.index + from, end: f.end + from, node: nodeAt(map, f.index + from), time: undefined as Element | undefined }));
  for (const t of map.times.filter((x) => x.pos >= from && x.pos < from + SCAN_BEFORE + SCAN_AFTER)) {
    const parts = readDate(t.el.attribs.datetime, read);
    if (parts) found.push({ parts, index: t.pos, end: t.pos + 1, raw: t.el.attribs.datetime, node: t.el.children[0] ?? t.el, time: t.el });
  }
  const out: DateCandidate[] = [];
  const memo = new Map<Element, { comments: boolean; furniture: boolean }>();
  for (const f of found) {
    const ctx = contextOf(f.time ? f.time.children[0] ?? f.time : f.node, memo);
    const before = map.text.slice(Math.max(0, f.index - 40), f.index).split('\n').pop()!;
    const via = f.time ? `<time datetime="${f.raw}">` : `the text "${f.raw}"`;
    if (ctx.comments) {
      out.push({ parts: f.parts, raw: f.raw, via, kind: 'visible', rank: 0, pos: f.index, rejected: 'in the comments' });
      continue;
    }
    if (COPYRIGHT_LABEL.test(before)) {
      out.push({ parts: f.parts, raw: f.raw, via, kind: 'visible', rank: 0, pos: f.index, rejected: 'a copyright notice' });
      continue;
    }
    let score = 0;
    const reasons: string[] = [];
    if (head) {
      const distance = f.index >= head.end ? f.index - head.end : f.end <= head.start ? head.start - f.end : 0;
      const near = distance <= 300 ? 4 : distance <= 1000 ? 2 : distance <= 3000 ? 1 : 0;
      if (near) (score += near), reasons.push(`${distance} characters from the headline`);
    }
    if (ctx.hint) (score += 2), reasons.push('in an element labelled as a date or byline');
    if (hasTime(f.parts)) (score += 1), reasons.push('with its time');
    if (f.time) (score += 1), reasons.push('a <time> element');
    // A label counts in a byline, not in prose ("... was released on November 5, 2019").
    const lineStart = map.text.lastIndexOf('\n', f.index) + 1;
    const lineEnd = map.text.indexOf('\n', f.end);
    const line = (lineEnd < 0 ? map.text.length : lineEnd) - lineStart;
    if (PUBLISHED_LABEL.test(before) && line <= 120) (score += 2), reasons.push(`after "${before.trim().slice(-20)}"`);
    else if (BYLINE_AFTER.test(map.text.slice(f.end, f.end + 20)) && line <= 120) (score += 2), reasons.push('on a byline with its source or author');
    if (line > 250) (score -= 1), reasons.push('in running text');
    if (ctx.link) (score -= 1), reasons.push('in a link');
    if (ctx.furniture) (score -= 2), reasons.push('in page furniture');
    const modified = MODIFIED_LABEL.test(before);
    const shows = f.time ? undefined : timeShown(f.node);
    out.push({ parts: f.parts, raw: f.raw, via: `${via}${reasons.length ? ` (${reasons.join(', ')})` : ''}`, kind: modified ? 'modified' : 'visible', rank: score, pos: f.index, shows });
  }
  return out;
}
