// The archive crawler's feed items (ARCHIVE.md section 6) to posts, without fetching:
// a drop-in replacement for the archive's generate.py (same paths, same skips), with
// our Markdown and summary.
import { tencent } from '../extract/adapters/tencent.js';
import { toArchiveDate } from '../date.js';
import { siteLanguage } from '../lang.js';
import { bodyFromHtml, type Post } from '../pipeline.js';
import { md5Id, postPath } from '../post/path.js';
import { renderPost } from '../post/render.js';
import { LANGS, type PostFields } from '../post/schema.js';
import { summarize } from '../post/summary.js';

export interface FeedItem {
  id?: unknown;
  title?: unknown;
  description?: unknown;
  pub_date?: unknown;
  link?: unknown;
  source?: unknown;
  image?: unknown;
  kind?: unknown;
  language?: unknown;
}

/** A feed item is a post, a skip generate.py also makes, or a malformed item. */
export type FeedResult = { kind: 'post'; post: Post } | { kind: 'skip'; reason: string } | { kind: 'malformed'; reason: string };

const text = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const CDATA = /^\s*<!\[CDATA\[([\s\S]*?)\]\]>\s*$/;

/** `langs`: the languages of the site (the archive's, and those its config adds). */
export function feedItemToPost(item: FeedItem, folder: string, langs: Iterable<string> = LANGS): FeedResult {
  if (!item || typeof item !== 'object' || Array.isArray(item)) return { kind: 'malformed', reason: 'not an object' };
  if (text(item.kind) === '2') return { kind: 'skip', reason: 'kind 2' };
  if (!text(item.language)) return { kind: 'skip', reason: 'no language' };
  const lang = siteLanguage(text(item.language), langs);
  if (!lang) return { kind: 'malformed', reason: `language "${text(item.language)}" is none of the site's (${[...langs].join(', ')})` };
  const title = text(item.title).replace(CDATA, '$1').replace(/\s+/g, ' ').trim();
  if (!title) return { kind: 'malformed', reason: 'no title' };
  const date = toArchiveDate(text(item.pub_date));
  if (!date) return { kind: 'malformed', reason: `no usable pub_date ("${text(item.pub_date)}")` };
  const link = text(item.link).trim();
  if (!/^https?:\/\//i.test(link)) return { kind: 'malformed', reason: `no http(s) link ("${link}")` };
  const category = text(item.source).trim();
  if (!category) return { kind: 'malformed', reason: 'no source (category)' };
  // The archive names qq posts by the id without its trailing 00, whichever form the feed has.
  const rawId = text(item.id).trim();
  const id = rawId ? (folder === 'qq' ? rawId.replace(/^(\d{8}[AV][0-9A-Z]{5})00$/, '$1') : rawId) : md5Id(title, date);
  const image = text(item.image).trim();
  const { markdown, text: bodyText } = bodyFromHtml(text(item.description), link, folder === 'qq' ? tencent.clean : {});
  const fields: PostFields = { title, date, summary: summarize(bodyText, lang), category, lang, thumbnail: /^https?:\/\//i.test(image) ? image : '' };
  let file: string;
  try {
    file = postPath(lang, folder, id);
  } catch (error) {
    return { kind: 'malformed', reason: (error as Error).message };
  }
  return { kind: 'post', post: { path: file, link, fields, markdown, text: renderPost(fields, markdown, link), folder, id, bodyText, extractor: 'feed', warnings: [] } };
}

