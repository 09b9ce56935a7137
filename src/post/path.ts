import { createHash } from 'node:crypto';
import path from 'node:path';

/** `md5(title + date)` in lowercase hex over UTF-8, the archive's id for sources without one. */
export function md5Id(title: string, date: string): string {
  return createHash('md5').update(title + date, 'utf8').digest('hex');
}

/**
 * One path segment taken from a page or URL. The archive removes `\ / * ? : " < > |`;
 * we also drop control characters and leading dots so that no segment can climb out
 * of the content folder or hide itself.
 */
export function sanitizeSegment(value: string): string {
  const cleaned = value
    .replace(/[\\/*?:"<>|]/g, '')
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, '')
    .trim()
    .replace(/^\.+/, '');
  // Long ids stay under common 255-byte name limits; a hash of the whole id keeps two
  // long ids that share their first 140 bytes apart.
  if (Buffer.byteLength(cleaned) <= 150) return cleaned;
  return `${truncateBytes(cleaned, 140)}-${createHash('md5').update(cleaned).digest('hex').slice(0, 8)}`;
}

function truncateBytes(text: string, max: number): string {
  let out = '';
  for (const ch of text) {
    if (Buffer.byteLength(out + ch) > max) break;
    out += ch;
  }
  return out;
}

/** `content/<lang>/news/<folder>/<id>.<lang>.md`, relative to the site root. */
export function postPath(lang: string, folder: string, id: string): string {
  const safeFolder = sanitizeSegment(folder);
  const safeId = sanitizeSegment(id);
  if (!safeFolder || !safeId) throw new Error(`no usable file name (folder "${folder}", id "${id}")`);
  return path.posix.join('content', lang, 'news', safeFolder, `${safeId}.${lang}.md`);
}

/** Resolves a post path under a site root, refusing anything outside `<root>/content`. */
export function resolveUnderContent(root: string, relative: string): string {
  const content = path.resolve(root, 'content');
  const full = path.resolve(root, relative);
  if (!full.startsWith(content + path.sep)) throw new Error(`refusing to write outside ${content}: ${full}`);
  return full;
}
