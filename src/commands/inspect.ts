// `pressclip inspect <url-or-file>`: why a page came out as it did. Which extractor was
// chosen and why, each field with the rule that produced it and the candidates that lost,
// the warnings, and the Markdown import would write. Nothing is written.
import { ADAPTERS, chooseAdapter } from '../extract/index.js';
import { GENERIC_COVER, GENERIC_DATE, GENERIC_TITLE } from '../extract/generic.js';
import { allOf } from '../extract/rules.js';
import type { FieldRule, Found, Page } from '../extract/types.js';
import { decodeHtml } from '../decode.js';
import { toArchiveDate } from '../date.js';
import { parseHtml } from '../parse.js';
import { fileArticle, refusal } from '../filing.js';
import { bodyContent, buildArticle, shortBodyReason } from '../pipeline.js';
import type { Registry } from '../sources.js';
import type { Loaded } from './import.js';
import { forTerminal, linesForTerminal } from '../cli/escape.js';

export interface FieldReport {
  value: string;
  via: string;
  /** What the other rules found, in priority order. */
  candidates: Found<string>[];
}

export interface Inspection {
  url: string;
  bytes: number;
  charset: string;
  charsetFrom: string;
  extractor: string;
  reason: string;
  path: string;
  link: string;
  title: FieldReport;
  date: FieldReport;
  cover: FieldReport;
  body: { via: string; characters: number; images: number };
  /** Where import would file it, or why it would not. */
  filing: { folder: string; category: string; lang: string } | { error: string };
  warnings: string[];
  markdown: string;
}

/** Every rule of a field, the site's first, then the generic ones a fallback would use. */
function report(found: Found<string> | undefined, site: readonly FieldRule[], generic: readonly FieldRule[], page: Page, accept: (v: string) => string | undefined): FieldReport {
  const all = [...allOf(site, page, accept), ...allOf(generic, page, accept).map((c) => ({ ...c, via: `generic: ${c.via}` }))];
  const seen = new Set<string>(found ? [found.via] : []);
  const candidates = all.filter((c) => !seen.has(c.via) && seen.add(c.via));
  return { value: found?.value ?? '', via: found?.via ?? 'none found', candidates };
}

export function inspectPage(loaded: Loaded, registry: Registry, allowShort = false): Inspection {
  const decoded = decodeHtml(loaded.bytes, loaded.contentType);
  const article = buildArticle({ html: decoded.text, url: loaded.url, fetchedAt: loaded.fetchedAt, contentLanguage: loaded.contentLanguage });
  const extracted = article.extracted!;
  const warnings = [...article.warnings];
  // Filed as import would, reporting (not refusing) what the registry lacks and a missing date.
  let filed: ReturnType<typeof fileArticle> | undefined;
  let filingError: string | undefined;
  try {
    filed = fileArticle(article, registry, { register: true, dateFallback: 'fetch-time' });
  } catch (error) {
    filingError = (error as Error).message;
  }
  const post = filed?.post;
  if (!article.date) warnings.push(`no publication date found (looked for ${article.dateLookedFor})`);
  if (filed?.register) warnings.push(refusal(filed.register));
  // Extraction moves the body's nodes: the candidates are read from a fresh parse.
  const page: Page = { $: parseHtml(decoded.text), html: decoded.text, url: loaded.url, fetchedAt: loaded.fetchedAt };
  const adapter = chooseAdapter(page, ADAPTERS)?.adapter;
  const zone = adapter?.dateZone;
  const short = shortBodyReason({ markdown: article.markdown, fields: { title: article.title } });
  if (short && !allowShort) warnings.push(short.replace(/ \(--allow-short.*\)$/, ''));
  if (!article.thumbnail) warnings.push('no cover image found');
  const body = bodyContent(article.markdown);
  return {
    url: loaded.url.href,
    bytes: loaded.bytes.length,
    charset: decoded.charset,
    charsetFrom: decoded.source,
    extractor: extracted.extractor,
    reason: extracted.reason,
    path: post?.path ?? '',
    link: article.link,
    title: report(extracted.title, adapter?.title ?? [], GENERIC_TITLE, page, (v) => v || undefined),
    date: report(extracted.date, adapter?.date ?? [], GENERIC_DATE, page, (v) => toArchiveDate(v, zone)),
    cover: report(extracted.cover, adapter?.cover ?? [], GENERIC_COVER, page, (v) => v || undefined),
    body: { via: extracted.body.via, characters: Array.from(body.text.replace(/\s+/g, '')).length, images: body.images },
    filing: post ? { folder: post.folder, category: post.fields.category, lang: post.fields.lang } : { error: filingError! },
    warnings,
    markdown: article.markdown,
  };
}

/** A labelled line; its value (from the page) escaped for the terminal. */
const line = (label: string, value: string) => `${label.padEnd(10)}${forTerminal(value)}`;

function fieldLines(label: string, field: FieldReport): string[] {
  const out = [line(label, `${field.value || '(none)'}    <- ${field.via}`)];
  for (const c of field.candidates) out.push(line('', `  lost: ${c.value}    <- ${c.via}`));
  return out;
}

export function renderInspection(i: Inspection): string {
  return (
    [
      line('page', `${i.url} (${i.bytes.toLocaleString('en')} bytes, ${i.charset} from ${i.charsetFrom})`),
      line('extractor', `${i.extractor}: ${i.reason}`),
      line('post', 'error' in i.filing ? `not filed: ${i.filing.error}` : `${i.path}  [${i.filing.category}](${i.link})`),
      ...fieldLines('title', i.title),
      ...fieldLines('date', i.date),
      ...fieldLines('cover', i.cover),
      line('body', `${i.body.characters.toLocaleString('en')} characters, ${i.body.images} images    <- ${i.body.via}`),
      line('warnings', i.warnings.length ? i.warnings.join('; ') : 'none'),
      '',
      '--- Markdown (as import would write it) ---',
      linesForTerminal(i.markdown),
    ].join('\n') + '\n'
  );
}
