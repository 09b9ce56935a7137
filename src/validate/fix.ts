// `validate --fix`: only mechanical repairs (key order, quoting, escaping, list indent,
// the final newline, a missing fixed key, control characters), by rendering the post's
// own values through the archive's renderer. The body's bytes are kept, whatever they
// are (invalid UTF-8 included); anything else is left alone.
import { isUtf8 } from 'node:buffer';
import { renderFrontMatter } from '../post/render.js';
import { POST_KEYS, type Lang, type PostFields } from '../post/schema.js';
import type { Entry, FrontMatter, ScalarNode } from './frontmatter.js';

/** A string key's text, reading a plain scalar by its source (an unquoted `no` is the word "no"). */
function text(node: ScalarNode): string {
  if (typeof node.value === 'string') return node.value;
  return node.style === 'plain' ? node.raw : String(node.value ?? '');
}

/** The fixed post text, or undefined when the post cannot be repaired mechanically. */
export function fixPost(source: string, fm: FrontMatter): string | undefined {
  const front = source.includes('\r') ? undefined : fixFrontMatter(fm);
  return front === undefined ? undefined : front + source.slice(fm.bodyStart).replace(/\n*$/, '\n');
}

/**
 * The same on a file's bytes: the front matter re-rendered, the body's bytes carried over
 * untouched but for the final newlines. `frontMatterEnd` is the byte offset where the
 * body starts. A front matter that is not UTF-8 is left alone (what it meant is unknown).
 */
export function fixPostBytes(bytes: Buffer, frontMatterEnd: number, fm: FrontMatter): Buffer | undefined {
  if (frontMatterEnd < 0 || bytes.includes(13) || !isUtf8(bytes.subarray(0, frontMatterEnd))) return undefined;
  const front = fixFrontMatter(fm);
  if (front === undefined) return undefined;
  let end = bytes.length;
  while (end > frontMatterEnd && bytes[end - 1] === 10) end--;
  return Buffer.concat([Buffer.from(front), bytes.subarray(frontMatterEnd, end), NEWLINE]);
}

const NEWLINE = Buffer.from('\n');

/** The front matter rendered from the post's own values, or undefined when that takes more than mechanics. */
function fixFrontMatter(fm: FrontMatter): string | undefined {
  if (fm.bodyStart < 0 || fm.problems.length) return undefined;
  const byKey = new Map<string, Entry>(fm.entries.map((e) => [e.key, e]));
  if (fm.entries.some((e) => !POST_KEYS.some((s) => s.key === e.key))) return undefined; // would drop data
  const values = new Map<string, string | boolean | string[]>();
  for (const spec of POST_KEYS) {
    const entry = byKey.get(spec.key);
    if (!entry) {
      if (spec.fixed === undefined) return undefined; // only a fixed key can be supplied
      continue;
    }
    const v = entry.value;
    if (spec.type === 'list') {
      if (v.kind !== 'list' || v.items.length !== 1 && spec.fixed === undefined) return undefined;
      values.set(spec.key, v.items.map(text));
    } else if (spec.type === 'bool') {
      if (v.kind !== 'scalar' || typeof v.value !== 'boolean') return undefined;
      values.set(spec.key, v.value);
    } else {
      if (v.kind !== 'scalar') return undefined;
      values.set(spec.key, text(v));
    }
    if (spec.fixed !== undefined && JSON.stringify(values.get(spec.key)) !== JSON.stringify(spec.fixed)) return undefined;
  }
  const one = (key: string) => (values.get(key) as string[])[0];
  if (one('categories') !== one('tags') || one('lang') !== one('translations')) return undefined;
  const fields: PostFields = {
    title: values.get('title') as string,
    date: values.get('date') as string,
    summary: values.get('summary') as string,
    category: one('categories'),
    lang: one('lang') as Lang,
    thumbnail: values.get('thumbnail') as string,
  };
  return renderFrontMatter(fields);
}
