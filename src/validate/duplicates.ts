// Which copy of an article stored more than once stays. Posts are grouped by the key of
// their last line's link (post/link.ts linkKey: both Tencent id forms, http and https, www.
// or not, are one article). In each group one post is kept, by this rule, in order:
//   1. its file's id is the one the source's id rule gives for the link (sources.ts: the
//      id in the URL, qq's without its trailing 00; md5(title + date) where the source
//      has none), as the archive names its files;
//   2. else the earliest date (the copy first published);
//   3. else the longest body;
//   4. else the first path in sort order.
// A copy is removed only when the kept post holds all of its text (every word, every Han
// character, as often); a copy with text of its own stays, and is reported.
import { md5Id, sanitizeSegment } from '../post/path.js';
import { linkKey } from '../post/link.js';
import { ARCHIVE } from '../sources.js';
import { pathParts } from './rules.js';

export interface StoredPost {
  /** The path as shown (relative to the current folder). */
  file: string;
  link: string;
  title: string;
  date: string;
  /** The body's Markdown. */
  body: string;
}

export interface DuplicateGroup {
  link: string;
  keep: StoredPost;
  /** Which step of the rule chose it. */
  why: string;
  remove: StoredPost[];
  /** Copies that stay: they hold text the kept post lacks (a few of those words). */
  alsoKept: { post: StoredPost; missing: string[] }[];
}

/** Whether the file's id is the one the source's id rule gives for the post's link. */
export function followsIdRule(post: StoredPost): boolean {
  const id = pathParts(post.file)?.id;
  if (!id) return false;
  let url: URL;
  try {
    url = new URL(post.link);
  } catch {
    return false;
  }
  const source = ARCHIVE.find(url);
  if (source?.id) return id === sanitizeSegment(source.id);
  return id === md5Id(post.title, post.date);
}

/** The words of a Markdown text as a reader sees them: each Han character, and runs of other letters and digits. */
export function readerWords(markdown: string): string[] {
  const text = markdown
    .replace(/!\[[^\]]*\]\([^)]*\)/g, ' ')
    .replace(/\]\([^)]*\)/g, ' ')
    .replace(/\\(.)/g, '$1');
  return text.replace(/\p{Script=Han}/gu, ' $& ').match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** The words of `copy` that `kept` lacks (counted: a word twice in the copy must be there twice). */
export function missingWords(kept: string[], copy: string[]): string[] {
  const have = new Map<string, number>();
  for (const w of kept) have.set(w, (have.get(w) ?? 0) + 1);
  const missing: string[] = [];
  for (const w of copy) {
    const n = have.get(w) ?? 0;
    if (n > 0) have.set(w, n - 1);
    else missing.push(w);
  }
  return missing;
}

const RULE_STEPS: [string, (a: StoredPost, b: StoredPost) => number][] = [
  ["its id follows the source's id rule", (a, b) => Number(followsIdRule(b)) - Number(followsIdRule(a))],
  ['the earliest date', (a, b) => (a.date && b.date ? (a.date < b.date ? -1 : a.date > b.date ? 1 : 0) : Number(!a.date) - Number(!b.date))],
  ['the longest body', (a, b) => b.body.length - a.body.length],
  ['the first path', (a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0)],
];

/** Every article stored more than once, with the copy kept and the copies removed. */
export function planDedupe(posts: StoredPost[]): DuplicateGroup[] {
  const byKey = new Map<string, StoredPost[]>();
  for (const post of posts) {
    const key = linkKey(post.link);
    byKey.set(key, [...(byKey.get(key) ?? []), post]);
  }
  const groups: DuplicateGroup[] = [];
  for (const copies of byKey.values()) {
    if (copies.length < 2) continue;
    const ranked = [...copies].sort((a, b) => RULE_STEPS.reduce((order, [, step]) => order || step(a, b), 0));
    const [keep, runnerUp] = ranked;
    const why = RULE_STEPS.find(([, step]) => step(keep, runnerUp) !== 0)![0];
    const words = readerWords(keep.body);
    const group: DuplicateGroup = { link: keep.link, keep, why, remove: [], alsoKept: [] };
    for (const copy of ranked.slice(1)) {
      const missing = missingWords(words, readerWords(copy.body));
      if (missing.length) group.alsoKept.push({ post: copy, missing });
      else group.remove.push(copy);
    }
    groups.push(group);
  }
  return groups.sort((a, b) => (a.keep.file < b.keep.file ? -1 : 1));
}
