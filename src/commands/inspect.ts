// `pressclip inspect <url-or-file>`: why a page came out as it did. Which extractor was
// chosen and why, each field with the rule that produced it and the candidates that lost,
// the warnings, and the Markdown import would write. Nothing is written.
import { ADAPTERS, chooseAdapter, knownZone } from '../extract/index.js';
import { GENERIC_COVER, genericFields } from '../extract/generic.js';
import { allOf } from '../extract/rules.js';
import type { Candidate, Decision, FieldRule, Found, Page } from '../extract/types.js';
import { decodeHtml } from '../decode.js';
import { toArchiveDate } from '../date.js';
import { parseHtml } from '../parse.js';
import { fileArticle, refusal } from '../filing.js';
import { bodyContent, buildArticle, pageUrl, shortBodyReason } from '../pipeline.js';
import type { Registry } from '../sources.js';
import type { Loaded } from './import.js';
import { forTerminal, linesForTerminal } from '../cli/escape.js';

export interface FieldReport {
  value: string;
  via: string;
  /** Why this candidate was chosen, where candidates were compared. */
  why?: string;
  /** What the other rules found, each with why it was not taken (the site's rules first). */
  candidates: Candidate[];
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

/**
 * A field's report: the value taken and its rule; then what the site adapter's other
 * rules found (a lower rule in the adapter's order) and the generic candidates with why
 * each lost (or agreed), when the generic extractor compared them.
 */
function report(found: Found<string> | undefined, site: readonly FieldRule[], generic: Decision | readonly FieldRule[], page: Page, accept: (v: string) => string | undefined): FieldReport {
  const prefix = site.length ? 'generic: ' : '';
  const fromSite = allOf(site, page, accept).map((c) => ({ ...c, why: 'a later rule of the site adapter' }));
  const fromGeneric: Candidate[] =
    'others' in generic
      ? [...(generic.found ? [{ value: generic.found.value, via: generic.found.via, why: site.length ? `the generic extractor's choice, unused: the site's rule came first (${generic.found.why})` : (generic.found.why ?? '') }] : []), ...generic.others].map((c) => ({ ...c, via: prefix + c.via }))
      : allOf(generic, page, accept).map((c) => ({ ...c, via: prefix + c.via, why: 'a later rule' }));
  const seen = new Set<string>(found ? [`${found.via}\n${found.value}`] : []);
  const candidates = [...fromSite, ...fromGeneric].filter((c) => !seen.has(`${c.via}\n${c.value}`) && seen.add(`${c.via}\n${c.value}`));
  return { value: found?.value ?? '', via: found?.via ?? 'none found', why: found?.why, candidates };
}

export function inspectPage(loaded: Loaded, registry: Registry, options: { allowShort?: boolean; zone?: string } = {}): Inspection {
  const decoded = decodeHtml(loaded.bytes, loaded.contentType);
  const source = registry.find(loaded.url);
  const zones = { user: options.zone, source: source?.zone ? { zone: source.zone, folder: source.folder } : undefined };
  const article = buildArticle({ html: decoded.text, url: loaded.url, fetchedAt: loaded.fetchedAt, contentLanguage: loaded.contentLanguage }, { zones });
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
  const $ = parseHtml(decoded.text);
  const page: Page = { $, html: decoded.text, url: pageUrl(loaded.url, $), fetchedAt: loaded.fetchedAt };
  const adapter = chooseAdapter(page, ADAPTERS)?.adapter;
  const zone = knownZone(page, adapter, zones);
  const generic = genericFields(page, zone);
  const short = shortBodyReason({ markdown: article.markdown, fields: { title: article.title } });
  if (short && !options.allowShort) warnings.push(short.replace(/ \(--allow-short.*\)$/, ''));
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
    title: report(extracted.title, adapter?.title ?? [], generic.titleDecision, page, (v) => v || undefined),
    date: report(extracted.date, adapter?.date ?? [], generic.dateDecision, page, (v) => toArchiveDate(v, zone?.zone)),
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
  if (field.why) out.push(line('', `  why: ${field.why}`));
  for (const c of field.candidates) out.push(line('', `  ${c.why.startsWith('agrees') || c.why === 'the same day' ? 'also' : 'lost'}: ${c.value}    <- ${c.via}${c.why ? ` (${c.why})` : ''}`));
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
