// The rules of `validate`: each with a stable id, a severity and a message, checked
// against the one definition of a post in post/schema.ts.
import path from 'node:path';
import { formatInZone } from '../date.js';
import { DATE_SHAPE, POST_KEYS, type KeySpec } from '../post/schema.js';
import type { Entry, FrontMatter, ScalarNode } from './frontmatter.js';
import type { Allowed } from '../sources.js';
import type { Ending } from './source.js';
import { BODY_RULES } from './body-rules.js';

export type Severity = 'error' | 'warning';

export interface Diagnostic {
  rule: string;
  severity: Severity;
  message: string;
  line: number;
  col: number;
}

/** Every rule, its severity and what it checks (also the SARIF rule descriptions). */
export const RULES = {
  'frontmatter-missing': ['error', 'the file starts with a front matter block'],
  'frontmatter-unclosed': ['error', 'the front matter block is closed by a --- line'],
  'frontmatter-size': ['error', 'the front matter holds at most 8,192 characters and 100 keys (the archive: under 1,000 and 17)'],
  'control-character': ['error', 'no control character in the front matter: Hugo refuses the whole build ("yaml: control characters are not allowed")'],
  'frontmatter-encoding': ['error', 'the front matter is UTF-8: Hugo refuses the whole build on other bytes ("yaml: invalid leading UTF-8 octet")'],
  'yaml-syntax': ['error', 'the front matter parses as YAML 1.1, as Hugo reads it'],
  'duplicate-key': ['error', 'no key appears twice'],
  'key-unknown': ['error', 'only the 17 keys of the archive'],
  'key-missing': ['error', 'all 17 keys of the archive'],
  'key-order': ['warning', 'the keys in the archive order'],
  'value-type': ['error', 'each key holds the type the archive gives it (a quoted string, a list of one string, true/false)'],
  'yaml11-boolean': ['error', 'no unquoted yes/no/on/off/y/n where a string belongs: YAML 1.1 reads them as booleans'],
  'string-quoting': ['warning', 'strings are double-quoted, lists indented two spaces, as the archive writes them'],
  'title-empty': ['error', 'the title is not empty'],
  'date-format': ['error', 'the date is a string "YYYY-MM-DD HH:MM:SS" (Beijing time, no zone)'],
  'date-invalid': ['error', 'the date is a real calendar date and time'],
  'date-future': ['warning', 'the date is not in the future in the site zone (Hugo silently leaves such posts out)'],
  'summary-shape': ['error', 'the summary is empty, the whole text, or 50 code points / 50 words followed by "..." (ARCHIVE.md section 3)'],
  'category-mismatch': ['error', 'categories and tags hold one and the same single string'],
  'source-folder': ['error', 'the folder is a source of the archive (or of pressclip.config.json)'],
  'source-category': ['error', 'the category is one the folder holds'],
  'lang-mismatch': ['error', 'lang and translations hold one value, the language of the path'],
  'lang-unknown': ['error', 'the language is one of the site'],
  'thumbnail-url': ['error', 'the thumbnail is empty or an absolute http(s) URL'],
  'fixed-value': ['error', 'menu, lead, comments, authorbox, pager, toc, mathjax, sidebar and widgets hold the archive values'],
  'path-shape': ['error', 'the file is content/<lang>/news/<folder>/<id>.<lang>.md'],
  'last-line-link': ['error', 'the last line is [<category>](<http(s) URL>)'],
  'final-newline': ['error', 'the file ends with exactly one newline'],
  'duplicate-link': ['error', 'no two posts hold the same article link'],
  'file-unreadable': ['error', 'the post is a regular file that can be read (not a FIFO, a device, a link to nothing)'],
  'symlink-loop': ['error', 'no symbolic link to a folder that holds it: Hugo publishes that folder again under the link'],
  'not-fixed': ['error', '--fix could rewrite the file (no write error, no symbolic link, a single hard link)'],
  'check-failed': ['error', 'the file could be checked at all (an internal error: please report it)'],
  ...BODY_RULES,
} as const satisfies Record<string, readonly [Severity, string]>;

export type RuleId = keyof typeof RULES;

/** A value inside a message: quoted, with line breaks escaped, so that a message stays one line. */
const q = (value: string) => JSON.stringify(value);

export const diagnostic = (rule: RuleId, message: string, line: number, col: number): Diagnostic => ({ rule, severity: RULES[rule][0], message, line, col });

const SPEC = new Map(POST_KEYS.map((s) => [s.key, s]));
const YAML11_BOOLEANS = /^(y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/;

export interface PostFacts {
  /** The post's path relative to where it was found, for the path rule. */
  file: string;
  ending: Ending;
  fm: FrontMatter;
  allowed: Allowed;
  /** "YYYY-MM-DD HH:MM:SS" now, in the site zone. */
  now: string;
}

/** The link of the last line, for the cross-file check. */
export interface Checked {
  diagnostics: Diagnostic[];
  link?: { url: string; line: number };
}

export function checkPost(facts: PostFacts): Checked {
  const { fm } = facts;
  const out: Diagnostic[] = fm.problems.map((p) => diagnostic(p.rule, p.message, p.line, p.col));
  if (fm.bodyStart < 0 || fm.problems.some((p) => p.rule === 'yaml-syntax' || p.rule === 'frontmatter-size')) return { diagnostics: out };
  const byKey = new Map<string, Entry>();
  for (const e of fm.entries) if (!byKey.has(e.key)) byKey.set(e.key, e);
  checkControls(fm, out);
  checkKeys(fm, byKey, out);
  const str = (key: string) => stringValue(byKey.get(key), SPEC.get(key)!, out);
  const list = (key: string) => listValue(byKey.get(key), out);

  const title = str('title');
  if (title !== undefined && !title.trim()) out.push(diagnostic('title-empty', 'the title is empty', byKey.get('title')!.value.line, byKey.get('title')!.value.col));
  checkDate(byKey.get('date'), str('date'), facts.now, out);
  const categories = list('categories');
  const tags = list('tags');
  const langs = list('lang');
  const translations = list('translations');
  const where = pathParts(facts.file);
  const lang = checkLang(byKey, langs, translations, where?.lang, facts.allowed, out);
  checkSummary(byKey.get('summary'), str('summary'), lang, out);
  const category = checkCategory(byKey, categories, tags, out);
  const thumbnail = str('thumbnail');
  if (thumbnail && !/^https?:\/\/[^\s/]+/i.test(thumbnail)) {
    const v = byKey.get('thumbnail')!.value;
    out.push(diagnostic('thumbnail-url', `thumbnail is not an absolute http(s) URL: ${q(thumbnail)}`, v.line, v.col));
  }
  checkFixed(byKey, out);
  checkPath(facts.file, where, category, lang, facts.allowed, out);
  const link = checkEnding(facts.ending, category, out);
  return { diagnostics: out, link };
}

/** A raw control character makes Hugo's YAML reader refuse the file, and with it the whole build. */
function checkControls(fm: FrontMatter, out: Diagnostic[]): void {
  for (const c of fm.controls) {
    const key = fm.entries.filter((e) => e.line <= c.line).at(-1)?.key;
    const code = `U+${c.char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
    out.push(diagnostic('control-character', `${key ?? 'the front matter'} holds the control character ${code}: Hugo refuses the whole build ("control characters are not allowed"); --fix removes it`, c.line, c.col));
  }
}

function checkKeys(fm: FrontMatter, byKey: Map<string, Entry>, out: Diagnostic[]): void {
  for (const e of fm.entries) if (!SPEC.has(e.key)) out.push(diagnostic('key-unknown', `unknown key ${q(e.key)}`, e.line, e.col));
  const missing = POST_KEYS.filter((s) => !byKey.has(s.key)).map((s) => s.key);
  if (missing.length) out.push(diagnostic('key-missing', `missing key${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}`, 1, 1));
  const known = fm.entries.filter((e) => SPEC.has(e.key) && byKey.get(e.key) === e);
  const expected = POST_KEYS.map((s) => s.key).filter((k) => byKey.has(k));
  const firstOff = known.findIndex((e, i) => e.key !== expected[i]);
  if (firstOff >= 0) out.push(diagnostic('key-order', `keys out of the archive order: "${known[firstOff].key}" where "${expected[firstOff]}" belongs`, known[firstOff].line, 1));
}

function stringValue(entry: Entry | undefined, spec: KeySpec, out: Diagnostic[]): string | undefined {
  if (!entry) return undefined;
  const v = entry.value;
  if (v.kind !== 'scalar') {
    out.push(diagnostic('value-type', `${spec.key} must be a quoted string, not a ${v.kind === 'list' ? 'list' : 'mapping'}`, v.line, v.col));
    return undefined;
  }
  if (typeof v.value === 'string') {
    if (v.style !== 'double') out.push(diagnostic('string-quoting', `${spec.key} is not double-quoted`, v.line, v.col));
    return v.value;
  }
  if (typeof v.value === 'boolean' && v.style === 'plain' && YAML11_BOOLEANS.test(v.raw)) {
    out.push(diagnostic('yaml11-boolean', `${spec.key}: unquoted ${q(v.raw)} is a boolean to YAML 1.1 (Hugo); quote it`, v.line, v.col));
    return undefined;
  }
  const kind = v.value === null ? 'empty (null)' : v.value instanceof Date ? 'a timestamp' : typeof v.value;
  out.push(diagnostic('value-type', `${spec.key} must be a quoted string; ${q(v.raw)} is ${kind} to YAML 1.1`, v.line, v.col));
  return undefined;
}

function listValue(entry: Entry | undefined, out: Diagnostic[]): string[] | undefined {
  if (!entry) return undefined;
  const v = entry.value;
  if (v.kind !== 'list' || v.items.some((i) => typeof i.value !== 'string')) {
    out.push(diagnostic('value-type', `${entry.key} must be a list of quoted strings`, v.line, v.col));
    return undefined;
  }
  if (!v.canonical) out.push(diagnostic('string-quoting', `${entry.key}: items are not written as  - "value"`, v.line, v.col));
  return v.items.map((i) => i.value as string);
}

function checkDate(entry: Entry | undefined, date: string | undefined, now: string, out: Diagnostic[]): void {
  if (!entry || date === undefined) return;
  const { line, col } = entry.value;
  const m = DATE_SHAPE.exec(date);
  if (!m) {
    out.push(diagnostic('date-format', `date ${q(date)} is not "YYYY-MM-DD HH:MM:SS"`, line, col));
    return;
  }
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number);
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (mo < 1 || mo > 12 || d < 1 || d > days || h > 23 || mi > 59 || s > 59) {
    out.push(diagnostic('date-invalid', `date ${q(date)} is not a real date and time`, line, col));
    return;
  }
  if (date > now) out.push(diagnostic('date-future', `date ${q(date)} is in the future (now ${now} in the site zone): Hugo will not publish the post`, line, col));
}

/** Code points, not UTF-16 units: a surrogate pair counts once. */
function codePoints(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) n--;
  }
  return n;
}

/** ARCHIVE.md section 3: the whole text under 80 code points / 50 words, or at most 50 of them and "...". */
function checkSummary(entry: Entry | undefined, summary: string | undefined, lang: string | undefined, out: Diagnostic[]): void {
  if (!entry || !summary) return;
  const chinese = (lang ?? 'zh').startsWith('zh');
  const count = (s: string) => (chinese ? codePoints(s) : s.split(/\s+/).filter(Boolean).length);
  const whole = count(summary) < (chinese ? 80 : 50);
  const cut = summary.endsWith('...') && count(summary.slice(0, -3)) <= 50;
  if (whole || cut) return;
  const unit = chinese ? 'code points' : 'words';
  const message = summary.endsWith('...')
    ? `summary has ${count(summary.slice(0, -3))} ${unit} before "...": at most 50`
    : `summary has ${count(summary)} ${unit} and no "...": a whole text must be under ${chinese ? 80 : 50}`;
  out.push(diagnostic('summary-shape', message, entry.value.line, entry.value.col));
}

function checkLang(byKey: Map<string, Entry>, langs: string[] | undefined, translations: string[] | undefined, pathLang: string | undefined, allowed: Allowed, out: Diagnostic[]): string | undefined {
  const lang = langs?.[0];
  for (const [key, values] of [['lang', langs], ['translations', translations]] as const) {
    if (!values) continue;
    const v = byKey.get(key)!.value;
    if (values.length !== 1) out.push(diagnostic('lang-mismatch', `${key} must hold exactly one value, not ${values.length}`, v.line, v.col));
    else if (pathLang && values[0] !== pathLang) out.push(diagnostic('lang-mismatch', `${key} "${values[0]}" is not the path's language "${pathLang}"`, v.line, v.col));
    else if (!allowed.langs.has(values[0])) out.push(diagnostic('lang-unknown', `${key} "${values[0]}" is not a language of the site`, v.line, v.col));
  }
  return lang;
}

function checkCategory(byKey: Map<string, Entry>, categories: string[] | undefined, tags: string[] | undefined, out: Diagnostic[]): string | undefined {
  if (!categories || !tags) return undefined;
  const c = byKey.get('categories')!.value;
  const t = byKey.get('tags')!.value;
  if (categories.length !== 1) out.push(diagnostic('category-mismatch', `categories must hold one value, not ${categories.length}`, c.line, c.col));
  else if (tags.length !== 1 || tags[0] !== categories[0]) out.push(diagnostic('category-mismatch', `tags ${JSON.stringify(tags)} differ from categories ["${categories[0]}"]`, t.line, t.col));
  return categories.length === 1 ? categories[0] : undefined;
}

function checkFixed(byKey: Map<string, Entry>, out: Diagnostic[]): void {
  for (const spec of POST_KEYS) {
    if (spec.fixed === undefined) continue;
    const entry = byKey.get(spec.key);
    if (!entry) continue;
    const v = entry.value;
    const expected = spec.fixed;
    let actual: unknown;
    if (spec.type === 'list') actual = v.kind === 'list' ? v.items.map((i) => i.value) : undefined;
    else if (v.kind === 'scalar') actual = v.value;
    if (spec.type === 'string' && v.kind === 'scalar' && v.value === expected && v.style !== 'double') {
      out.push(diagnostic('string-quoting', `${spec.key} is not double-quoted`, v.line, v.col));
      continue;
    }
    const same = Array.isArray(expected) ? Array.isArray(actual) && actual.length === expected.length && expected.every((x, i) => actual[i] === x) : actual === expected;
    if (same) continue;
    if (spec.type === 'string' && v.kind === 'scalar' && typeof v.value === 'boolean' && v.style === 'plain' && YAML11_BOOLEANS.test(v.raw)) {
      out.push(diagnostic('yaml11-boolean', `${spec.key}: unquoted ${q(v.raw)} is a boolean to YAML 1.1 (Hugo); the archive has ${JSON.stringify(expected)}`, v.line, v.col));
      continue;
    }
    out.push(diagnostic('fixed-value', `${spec.key} must be ${JSON.stringify(expected)}${v.kind === 'scalar' ? `, not ${v.raw || 'empty'}` : ''}`, v.line, v.col));
  }
}

interface PathParts {
  lang: string;
  folder: string;
  id: string;
}

/** content/<lang>/news/<folder>/<id>.<lang>.md, read from the end of the path. */
export function pathParts(file: string): PathParts | undefined {
  const parts = file.split(/[\\/]+/);
  const n = parts.length;
  if (n < 5 || parts[n - 5] !== 'content' || parts[n - 3] !== 'news') return undefined;
  const lang = parts[n - 4];
  const name = parts[n - 1];
  if (!name.endsWith(`.${lang}.md`)) return undefined;
  const id = name.slice(0, -`.${lang}.md`.length);
  return id ? { lang, folder: parts[n - 2], id } : undefined;
}

function checkPath(file: string, where: PathParts | undefined, category: string | undefined, lang: string | undefined, allowed: Allowed, out: Diagnostic[]): void {
  if (!where) {
    out.push(diagnostic('path-shape', `${path.basename(file)} is not at content/<lang>/news/<folder>/<id>.<lang>.md`, 1, 1));
    return;
  }
  if (/[\\/*?:"<>|]/.test(where.id)) out.push(diagnostic('path-shape', `the id "${where.id}" holds a character the archive removes`, 1, 1));
  const folder = allowed.folders.get(where.folder);
  if (!folder) {
    out.push(diagnostic('source-folder', `"${where.folder}" is not a source folder of the archive (add it to pressclip.config.json)`, 1, 1));
    return;
  }
  if (category !== undefined && folder.categories !== '*' && !folder.categories.has(category)) {
    out.push(diagnostic('source-category', `category "${category}" is not one of folder "${where.folder}" (${[...folder.categories].join(', ')})`, 1, 1));
  }
  if (lang !== undefined && allowed.langs.has(lang) && !folder.langs.has(lang)) out.push(diagnostic('lang-mismatch', `folder "${where.folder}" holds no "${lang}" posts`, 1, 1));
}

/** The last line `[<category>](<url>)` and exactly one final newline. */
function checkEnding(ending: Ending, category: string | undefined, out: Diagnostic[]): { url: string; line: number } | undefined {
  if (ending.newline === 'none') out.push(diagnostic('final-newline', 'the file does not end with a newline', ending.lineCount, 1));
  else if (ending.newline === 'blank-lines') out.push(diagnostic('final-newline', 'the file ends with blank lines', ending.lineCount, 1));
  const m = /^\[([^\]]*)\]\((https?:\/\/[^\s)]+)\)$/.exec(ending.lastLine);
  if (!m || !ending.afterFrontMatter) {
    out.push(diagnostic('last-line-link', 'the last line is not [<category>](<http(s) URL>)', ending.lastLineNo, 1));
    return undefined;
  }
  if (category !== undefined && m[1] !== category) out.push(diagnostic('last-line-link', `the last line's link text ${q(m[1])} is not the category ${q(category)}`, ending.lastLineNo, 2));
  return { url: m[2], line: ending.lastLineNo };
}

/** Now in the site zone, as the archive writes dates. */
export const siteNow = (zone?: string) => formatInZone(new Date(), zone);
