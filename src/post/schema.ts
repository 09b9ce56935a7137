// The archive's post, defined once: `renderPost` writes from this table and
// `validate` checks against it. Order, types and fixed values are ARCHIVE.md section 2.

export const LANGS = ['en', 'zh-CN', 'zh-HK'] as const;
export type Lang = (typeof LANGS)[number];

/** The site's zone: Hugo is configured with timeZone = "Asia/Shanghai". */
export const ARCHIVE_ZONE = 'Asia/Shanghai';

/** What varies from post to post; everything else is fixed by the schema. */
export interface PostFields {
  title: string;
  /** "YYYY-MM-DD HH:MM:SS", Beijing time. */
  date: string;
  summary: string;
  /** The source string: categories, tags and the last line's link text. */
  category: string;
  /** One of the archive's languages, or one the site's config adds. */
  lang: string;
  /** Absolute image URL or "". */
  thumbnail: string;
}

export type KeyType = 'string' | 'list' | 'bool';

export interface KeySpec {
  key: string;
  type: KeyType;
  /** The value for a post; fixed keys ignore the post. */
  value: (post: PostFields) => string | boolean | readonly string[];
  /** Set for the keys whose value is the same on every post. */
  fixed?: string | boolean | readonly string[];
}

const fixed = (key: string, type: KeyType, v: string | boolean | readonly string[]): KeySpec => ({
  key,
  type,
  value: () => v,
  fixed: v,
});

export const POST_KEYS: readonly KeySpec[] = [
  { key: 'title', type: 'string', value: (p) => p.title },
  { key: 'date', type: 'string', value: (p) => p.date },
  { key: 'summary', type: 'string', value: (p) => p.summary },
  { key: 'categories', type: 'list', value: (p) => [p.category] },
  { key: 'lang', type: 'list', value: (p) => [p.lang] },
  { key: 'translations', type: 'list', value: (p) => [p.lang] },
  { key: 'tags', type: 'list', value: (p) => [p.category] },
  fixed('menu', 'string', ''),
  { key: 'thumbnail', type: 'string', value: (p) => p.thumbnail },
  fixed('lead', 'string', ''),
  fixed('comments', 'bool', false),
  fixed('authorbox', 'bool', false),
  fixed('pager', 'bool', true),
  fixed('toc', 'bool', false),
  fixed('mathjax', 'bool', false),
  fixed('sidebar', 'string', 'right'),
  fixed('widgets', 'list', ['search', 'recent', 'taglist']),
];

// C0/C1 controls (except tab, CR, LF, which the archive turns into spaces; NEL included)
// and the noncharacters U+FFFE/U+FFFF cannot appear in a YAML document (Hugo fails the
// build: "control characters are not allowed"); U+2028/2029 are line breaks to YAML 1.1.
const UNPRINTABLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]/g;
const LINE_BREAKS = /[\n\r\t\u2028\u2029]/g;

/**
 * The archive's string escaping: `\` -> `\\`, `"` -> `\"`, newline, CR and tab -> one
 * space, then trim. Characters YAML cannot carry at all are dropped first.
 */
export function escapeValue(value: string): string {
  return value
    .replace(UNPRINTABLE, '')
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(LINE_BREAKS, ' ')
    .trim();
}

/**
 * The largest front matter: 8,192 characters and 100 keys. `validate` reads no more, and
 * `import` writes no more (a title or summary that long is no article's). The archive's
 * are at most 921 characters (17 keys, 26 lines), and a hand-written Hugo front matter
 * rarely holds more than a few dozen keys. Above that, the block is one error: its reading
 * time grows with its size (the YAML library takes milliseconds at this size, a minute at
 * 400 KB), and each unknown key would be one message.
 */
export const MAX_FRONT_MATTER = { chars: 8192, keys: 100 };

/** Matches a date the archive accepts: "YYYY-MM-DD HH:MM:SS". */
export const DATE_SHAPE = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;
