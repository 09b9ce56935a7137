// The body rules of `validate`: the defects of the archive's Markdown (ARCHIVE.md section 4,
// and what the sample posts show besides), each found at its line and column, with the
// exact edit `--fix` makes when the edit is safe. Safe means: the text of the rendered HTML
// stays the same, but for the characters the rule removes (tests/body-rules.test.ts renders
// both versions with a CommonMark library to prove it). An edit that could change more is
// not made, and the problem is reported with the reason.
import { joinersIdle } from '../markdown/joiners.js';
import { codePointBefore, containerPrefix, dropParagraphLine, isBlank, isLazy, lineEditIsSafe, maskLine, OPENS_BLOCK, paragraphAround, emphasisRuns, sameEmphasis, starInBrackets, type Body, type Edit } from './body-text.js';

/** Every body rule, its severity and what it checks (also the SARIF rule descriptions). */
export const BODY_RULES = {
  'body-star-run': ['error', 'no run of four or more * (the bold markers of adjacent or nested <strong> run together): it shows as stars or breaks the bold'],
  'body-empty-image': ['error', 'no image without a source (![]()), nor an image URL left as text between two of them (![]()URL![]())'],
  'body-glued-image': ['error', 'an image stands on a line of its own, not glued to the text before or after it'],
  'body-image-heading': ['error', 'no heading that is empty, holds only images, or only a placeholder alt text such as 图片'],
  'body-setext-paragraph': ['error', 'no whole paragraph underlined into a === or --- heading (a paragraph in an <h1> or <h2>)'],
  'body-heading-paragraph': ['error', 'no whole paragraph set as a # heading'],
  'body-blank-lines': ['error', 'no line of only spaces, tabs or no-break spaces, and never three blank lines in a row'],
  'body-zero-width': ['error', 'no zero-width space, word joiner or BOM (U+200B, U+2060, U+FEFF) copied from the source'],
  'body-idle-joiner': ['warning', 'no U+200C or U+200D where they join nothing: next to Chinese, Japanese or Korean text, spaces or punctuation (they shape emoji and joining scripts only)'],
  'body-lost-link': ['error', 'no link whose target is empty ([text]())'],
  'body-empty-parens': ['warning', 'no line ending in text() - the trace of a link whose target was lost; report only: the link can be restored by hand alone'],
} as const;

export type BodyRuleId = keyof typeof BODY_RULES;

export interface Finding {
  rule: BodyRuleId;
  message: string;
  /** Index of the line in the body. */
  line: number;
  /** 0-based, in UTF-16 units. */
  col: number;
  /** The repair, when it is safe; findings repaired together carry it once. */
  edits?: Edit[];
  /** Why --fix leaves it. */
  unfixed?: string;
}

export type Check = (body: Body) => Finding[];

/** A new finding, its repair or the reason --fix leaves it set after: every finding is made here, with all its fields in one order, so that the code reading findings sees one object shape. */
export const finding = (rule: BodyRuleId, message: string, line: number, col: number): Finding => ({ rule, message, line, col, edits: undefined, unfixed: undefined });

/** A finding with its repair, or with the reason --fix leaves it. */
export function withRepair(finding: Finding, edit: Edit | undefined, reason: string): Finding {
  if (edit) finding.edits = [edit];
  else finding.unfixed = reason;
  return finding;
}

/** A rule's sign: in the body's text (each line preceded by \n), in its Latin-1 bytes, and on a line. */
export interface Sign {
  /** Looked for in the text, unless `line` is given (a sign anchored at the line start). */
  text: RegExp;
  bytes?: RegExp;
  line?: RegExp;
  keep?: (line: string) => boolean;
}

/**
 * The prose lines (not code) that show the sign of a rule's defect, with their indexes:
 * none at all when the body does not show it (most bodies, for most rules).
 */
export function prose(body: Body, sign: Sign): [number, string][] {
  const out: [number, string][] = [];
  const test = body.bytes ? (sign.bytes ?? sign.text) : sign.text;
  // A sign anchored at the line start is quicker to look for line by line.
  if (!sign.line && !test.test(body.signText)) return out;
  const onLine = sign.line ?? test;
  const { signLines } = body;
  for (let i = 0; i < signLines.length; i++) if (!body.code[i] && onLine.test(signLines[i]) && (!sign.keep || sign.keep(signLines[i]))) out.push([i, body.line(i)]);
  return out;
}

const LETTER_LIKE = /^[^\s\p{P}\p{S}]/u;

/** Whether deleting what lies between `before` and `after` (characters, '' at a line edge) leaves Markdown that reads the same. */
export function joinIsSafe(before: string, after: string, rest: string, removedIsLetterLike = false): boolean {
  if (before.includes('`') || after.includes('`')) return false; // code spans
  // A delimiter's flanking depends on the character next to it: removing a character that
  // reads like a letter (a zero-width one) before another that does changes nothing.
  const delimiter = /[*_~]/;
  if (delimiter.test(before) && !(removedIsLetterLike && LETTER_LIKE.test(after))) return false;
  if (delimiter.test(after) && !(removedIsLetterLike && LETTER_LIKE.test(before))) return false;
  if (/[\\&<]/.test(before)) return false; // an escape, an entity, a tag
  if ((before === '!' && after === '[') || (before === ']' && /[([:]/.test(after))) return false; // an image, a link
  if (/^#+[ \t]*$/.test(rest) && !/[^ \t]/.test(before)) return false; // a heading's closing #s
  if (before === '#' && after === '') return false;
  return before !== '' || !OPENS_BLOCK.test(rest);
}

// Zero-width characters. U+200B, U+2060 and U+FEFF never belong in an article's text;
// U+200C and U+200D shape joining scripts (Arabic, Indic) and emoji sequences, and do
// nothing next to Han, kana, Hangul, spaces or punctuation, where editors leave them.
const ZW_RUN = /[\u200b-\u200d\u2060\ufeff]+/g;
const ZW_SIGN = /[\u200b-\u200d\u2060\ufeff]/;
export const ZW_BYTES = /\xe2(?:\x80[\x8b-\x8d]|\x81\xa0)|\xef\xbb\xbf/;
export const zeroWidth: Check = (body) => {
  const out: Finding[] = [];
  for (const [i, line] of prose(body, { text: ZW_SIGN, bytes: ZW_BYTES })) {
    const spans: Span[] = [];
    const found: Finding[] = [];
    for (const m of line.matchAll(ZW_RUN)) {
      const at = m.index!;
      const before = line[at - 1] ?? '';
      const after = line[at + m[0].length] ?? '';
      const kept = joinersIdle(before, after) ? '' : m[0].replace(/[\u200b\u2060\ufeff]/g, '');
      if (kept === m[0]) continue;
      const names = [...new Set(m[0])].filter((c) => !kept.includes(c)).map((c) => `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
      const rule = /[\u200b\u2060\ufeff]/.test(m[0].replace(kept, '')) ? 'body-zero-width' : 'body-idle-joiner';
      found.push(finding(rule, `zero-width character${m[0].length > 1 ? 's' : ''} ${names.join(', ')}`, i, at));
      spans.push({ at, end: at + m[0].length, insert: kept });
    }
    out.push(...repairLine(body, i, found, spans, true, 'removing it would join Markdown syntax', true));
  }
  return out;
};

/** A replacement inside one line. */
interface Span {
  at: number;
  end: number;
  insert: string;
}

/**
 * The findings of one line with their repairs (all or none): the line rewritten by every
 * span must keep its blocks, and each span deleted outright must not join syntax.
 */
function repairLine(body: Body, i: number, found: Finding[], spans: Span[], safe: boolean, reason: string, letterLike = false): Finding[] {
  if (!found.length) return found;
  const line = body.line(i);
  let rewritten = '';
  let from = 0;
  for (const span of spans) {
    rewritten += line.slice(from, span.at);
    // What now meets at each edge of the span must not make syntax.
    const next = span.end < line.length ? String.fromCodePoint(line.codePointAt(span.end)!) : '';
    const previous = rewritten ? codePointBefore(rewritten, rewritten.length) : '';
    if (!joinIsSafe(previous, span.insert ? String.fromCodePoint(span.insert.codePointAt(0)!) : next, span.insert + line.slice(span.end), letterLike)) safe = false;
    if (span.insert && !joinIsSafe(span.insert.at(-1)!, next, line.slice(span.end))) safe = false;
    rewritten += span.insert;
    from = span.end;
  }
  rewritten += line.slice(from);
  // A line left with nothing goes whole, keeping its paragraph together.
  const emptied = isBlank(rewritten) && !containerPrefix(line) && !isLazy(body, i) ? dropParagraphLine(body, i) : undefined;
  if (safe && emptied) found[0].edits = [emptied];
  else if (safe && !isBlank(rewritten) && lineEditIsSafe(body, i, rewritten)) found[0].edits = spans.map((s) => ({ start: body.starts[i] + s.at, end: body.starts[i] + s.end, insert: s.insert }));
  else for (const f of found) f.unfixed = reason;
  return found;
}

// Lines of only whitespace (a blank line to CommonMark when spaces and tabs; a paragraph of
// invisible text when no-break spaces) and runs of blank lines: the archive's renderer
// writes one blank line between blocks, and three only for an empty body.
const WHITESPACE_LINE = /^[\t\p{Zs}]+$/u;
/** The same in UTF-8 bytes: space, tab, U+00A0, U+1680, U+2000-U+200A, U+202F, U+205F, U+3000. */
export const WHITESPACE_BYTES = String.raw`(?:[ \t]|\xc2\xa0|\xe1\x9a\x80|\xe2\x80[\x80-\x8a\xaf]|\xe2\x81\x9f|\xe3\x80\x80)`;
const WHITESPACE_LINE_BYTES = new RegExp(`^${WHITESPACE_BYTES}+$`);
/** Whether a line's first character (or byte) may begin one of those spaces, in text or in UTF-8 bytes: most lines are passed without a search. */
const mayStartWhitespace = (c: number) => c === 32 || c === 9 || c === 0xa0 || c === 0xc2 || c === 0xe1 || c === 0xe2 || c === 0xe3 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x202f || c === 0x205f || c === 0x3000;
export const blankLines: Check = (body) => {
  const out: Finding[] = [];
  // The sign lines, nothing decoded: spaces and tabs read the same in bytes as in text, and `whitespace` tells a line of other spaces in either.
  const { signLines: lines, starts, code } = body;
  const whitespace = body.bytes ? WHITESPACE_LINE_BYTES : WHITESPACE_LINE;
  // Runs count the lines CommonMark reads as blank; a line of no-break spaces is a paragraph until emptied.
  const blank = (i: number) => !code[i] && isBlank(lines[i]);
  let emptyBody: boolean | undefined;
  const dropped: boolean[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!blank(i)) continue;
    let end = i;
    while (end + 1 < lines.length && blank(end + 1)) end++;
    if (end - i + 1 >= 3 && !(emptyBody ??= lines.every((l) => l === '' || whitespace.test(l)))) {
      const run = finding('body-blank-lines', `${end - i + 1} blank lines in a row`, i, 0);
      run.edits = [{ start: starts[i + 1], end: starts[end] + lines[end].length + 1, insert: '' }];
      out.push(run);
      for (let k = i + 1; k <= end; k++) dropped[k] = true;
    }
    i = end;
  }
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (code[i] || line === '' || !mayStartWhitespace(line.charCodeAt(0)) || !whitespace.test(line)) continue;
    const spacesOrTabs = isBlank(line);
    const found = finding('body-blank-lines', spacesOrTabs ? 'a line of only spaces or tabs' : 'a line of only no-break or other spaces', i, 0);
    if (dropped[i]) {
      // removed with its run of blank lines
    } else if (spacesOrTabs) found.edits = [{ start: starts[i], end: starts[i] + line.length, insert: '' }];
    else {
      // No-break spaces make a paragraph line: it goes whole, as an empty image's line does.
      const edit = !isLazy(body, i) ? dropParagraphLine(body, i) : undefined;
      if (edit) found.edits = [edit];
      else found.unfixed = 'the next line would open another block';
    }
    out.push(found);
  }
  return out;
};

// Links and images whose target is empty.
const LINKED_EMPTY_IMAGE = String.raw`\[!\[[^\]]*\]\(\s*(?:<>)?\s*\)\]\([^()\s]*\)`;
const IMAGE_URL_BETWEEN = String.raw`!\[(?<alt1>[^\]]*)\]\(\s*\)(?<url>https?:\/\/[^\s()<>\[\]]+)!\[(?<alt2>[^\]]*)\]\(\s*\)`;
const EMPTY_IMAGE = String.raw`!\[[^\]]*\]\(\s*(?:<>)?\s*\)`;
/** The sign of an empty link or image target. */
const EMPTY_TARGET = /\]\([ \t]*(?:<>)?[ \t]*\)/;
const EMPTY_IMAGES = new RegExp(`${LINKED_EMPTY_IMAGE}|${IMAGE_URL_BETWEEN}|${EMPTY_IMAGE}`, 'dg');

export const emptyImage: Check = (body) => {
  const out: Finding[] = [];
  for (const [i, line] of prose(body, { text: EMPTY_TARGET })) {
    const spans: Span[] = [];
    const found: Finding[] = [];
    for (const m of maskLine(line).matchAll(EMPTY_IMAGES)) {
      const at = m.index!;
      // The image the URL was meant for, with the alt text one of the two empty images had.
      const alt = (name: string) => line.slice(...m.indices!.groups![name]!);
      const url = m.groups?.url && alt('url');
      found.push(finding('body-empty-image', url ? `an image URL between two images without a source: ${JSON.stringify(url)}` : 'an image without a source', i, at));
      spans.push({ at, end: at + m[0].length, insert: url ? `![${alt('alt1') || alt('alt2')}](${url})` : '' });
    }
    out.push(...repairLine(body, i, found, spans, true, 'removing it would join Markdown syntax or end a block'));
  }
  return out;
};

const LOST_LINK = /(?<!!)\[([^\[\]]*)\]\(\s*(?:<>)?\s*\)/g;
export const lostLink: Check = (body) => {
  const out: Finding[] = [];
  for (const [i, line] of prose(body, { text: EMPTY_TARGET })) {
    const spans: Span[] = [];
    const found: Finding[] = [];
    for (const m of maskLine(line).matchAll(LOST_LINK)) {
      const at = m.index!;
      const text = line.slice(at + 1, at + 1 + m[1].length);
      found.push(finding('body-lost-link', `a link without a target: ${JSON.stringify(`[${text}]()`)}`, i, at));
      spans.push({ at, end: at + m[0].length, insert: text });
    }
    if (!found.length) continue; // an empty image's target: emptyImage's
    const prefix = containerPrefix(line).length;
    const fixed = spans.reduceRight((l, s) => l.slice(0, s.at) + s.insert + l.slice(s.end), line);
    const paragraph = paragraphAround(body, i, prefix);
    const reread = paragraph && paragraph.text.slice(0, paragraph.at) + fixed.slice(prefix) + paragraph.text.slice(paragraph.at + line.length - prefix);
    const safe = !!paragraph && !spans.some((s) => /[`~<]/.test(s.insert)) && !starInBrackets(line) && sameEmphasis(emphasisRuns(paragraph.text), emphasisRuns(reread!));
    out.push(...repairLine(body, i, found, spans, safe, 'its text holds Markdown that would read differently outside the link'));
  }
  return out;
};

// `Title()`: a link's text with its target lost, at the end of a line. A function call in
// prose looks the same, and the target cannot be guessed: reported only, as a warning.
const EMPTY_PARENS = /(?:^|\s)[\p{L}\p{N}][\p{L}\p{N}-]*\(\)\s*$/u;
export const emptyParens: Check = (body) => {
  const out: Finding[] = [];
  for (const [i, line] of prose(body, { text: /\(\)/ })) {
    const m = EMPTY_PARENS.exec(maskLine(line));
    if (m) out.push(withRepair(finding('body-empty-parens', `"${line.trim().slice(-40)}" ends in (): a link whose target was lost?`, i, line.lastIndexOf('()')), undefined, 'the target is lost'));
  }
  return out;
};

