// What a reader sees of a Markdown body, by a maintained CommonMark renderer (markdown-it,
// CommonMark preset), and the check that a body rule's repair changed none of it but the
// characters the rule removed.
import * as cheerio from 'cheerio/slim';
import MarkdownIt from 'markdown-it';
import type { Check } from '../src/validate/body-rules.js';
import { applyEdits, readBody } from '../src/validate/body-text.js';

const md = new MarkdownIt('commonmark');

export interface Rendered {
  /** The text of the HTML, whitespace aside (HTML folds it, and the rules move line breaks). */
  text: string;
  images: string[];
  links: string[];
}

export function render(markdown: string): Rendered {
  const $ = cheerio.load(md.render(markdown));
  return {
    text: $.root().text().replace(/[\s\u00a0]+/g, ''),
    images: $('img').map((_, el) => $(el).attr('src') ?? '').get(),
    links: $('a').map((_, el) => $(el).attr('href') ?? '').get(),
  };
}

/**
 * Whether `after` is `before` with only characters of `removable` taken out (each at most
 * as often as it is there): the visible text is kept but for what the rule removes.
 */
export function keptBut(before: string, after: string, removable: string): boolean {
  const left = new Map<string, number>();
  for (const c of removable) left.set(c, (left.get(c) ?? 0) + 1);
  const a = [...before];
  const b = [...after];
  let j = 0;
  for (const c of a) {
    if (j < b.length && b[j] === c) j++;
    else if ((left.get(c) ?? 0) > 0) left.set(c, left.get(c)! - 1);
    else return false;
  }
  return j === b.length;
}

export interface Proof {
  changed: boolean;
  ok: boolean;
  why?: string;
  fixed: string;
}

/** One rule's repairs applied alone to a body, and whether the rendered text shows only the removal. */
export function proveFix(check: Check, body: string, mayAddImages = false): Proof {
  const edits = check(readBody(body)).flatMap((f) => f.edits ?? []);
  if (!edits.length) return { changed: false, ok: true, fixed: body };
  const fixed = applyEdits(body, edits);
  const removed = edits.map((e) => body.slice(e.start, e.end)).join('');
  const before = render(body);
  const after = render(fixed);
  const nonEmpty = (l: string[]) => l.filter(Boolean);
  if (!keptBut(before.text, after.text, removed)) return { changed: true, ok: false, why: `text: ${before.text.length} -> ${after.text.length} chars`, fixed };
  if (JSON.stringify(nonEmpty(before.links)) !== JSON.stringify(nonEmpty(after.links))) return { changed: true, ok: false, why: 'links changed', fixed };
  const images = mayAddImages ? keptBut(nonEmpty(after.images).join('\n'), nonEmpty(before.images).join('\n'), removed + '\n'.repeat(edits.length)) : JSON.stringify(nonEmpty(before.images)) === JSON.stringify(nonEmpty(after.images));
  if (!images) return { changed: true, ok: false, why: 'images changed', fixed };
  return { changed: true, ok: true, fixed };
}
