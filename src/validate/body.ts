// The body rules over a post file: where its body lies, a byte pre-scan that lets a post
// without any sign of a defect through undecoded (most of them: validate stays about as
// fast as the front matter check alone), the check, and the fix.
import { HEADING_FITS } from '../markdown/heading-length.js';
import { gluedImage, mayGlueImage, headingChecks, headingParagraph, imageHeading, setextParagraph, starRun, underlinesParagraph } from './body-blocks.js';
import { BODY_RULES, blankLines, emptyImage, emptyParens, lostLink, WHITESPACE_BYTES, zeroWidth, type BodyRuleId, type Check, type Finding } from './body-rules.js';
import { applyEdits, isBlank, readBody, readBodyBytes } from './body-text.js';
import type { Diagnostic } from './rules.js';
import { frontMatterEnd } from './source.js';

/** Each rule's check, in the order --fix applies them: characters, then links and images, then lines and blocks, blank lines last. */
export const BODY_CHECKS: [BodyRuleId, Check][] = [
  ['body-zero-width', zeroWidth],
  ['body-idle-joiner', zeroWidth],
  ['body-empty-image', emptyImage],
  ['body-lost-link', lostLink],
  ['body-star-run', starRun],
  ['body-image-heading', imageHeading],
  ['body-heading-paragraph', headingParagraph],
  ['body-setext-paragraph', setextParagraph],
  ['body-glued-image', gluedImage],
  ['body-blank-lines', blankLines],
  ['body-empty-parens', emptyParens],
];
const CHECKS = [...new Set(BODY_CHECKS.map(([, check]) => check))];

const LINK_LINE = /^\[[^\]\n]*\]\(\S+\)$/;

/** [start, end) of the body: after the front matter, up to the last line when that is the source link. */
function bodyRange(bytes: Buffer): [number, number] | undefined {
  const start = frontMatterEnd(bytes);
  if (start < 0) return undefined;
  let end = bytes.length;
  while (end > start && (bytes[end - 1] === 10 || bytes[end - 1] === 13 || bytes[end - 1] === 32 || bytes[end - 1] === 9)) end--;
  if (end === start) return [start, bytes.length];
  const lastLine = bytes.lastIndexOf(10, end - 1) + 1;
  const isLink = lastLine > start && bytes[lastLine] === 0x5b && LINK_LINE.test(bytes.toString('latin1', lastLine, end));
  return [start, isLink ? lastLine : bytes.length];
}

// Signs of a defect, looked for in the body's bytes read as Latin-1 (one character a byte:
// nothing is decoded to pass a post). Each check is run only on a body that shows one of its
// signs, and a body without any (most of them) is passed as it is. A sign is a necessary
// condition of the check's findings, never an approximation: where the rule's own test is
// cheap on one line (a heading, the paragraph above an underline, a line with an image), that
// line is decoded and the rule asked, so that a legitimate heading or image costs no decoding
// of the post. tests/body-rules.test.ts checks that the checks a post is spared find nothing.
// The signs are found by string searches and one walk over the line starts: a regular
// expression over the whole body costs several times more.
/** A line of whitespace only, from its start (sticky). */
const WHITESPACE_LINE = new RegExp(`${WHITESPACE_BYTES}+(?:\\n|$)`, 'y');
const HEADING_LINE = / {0,3}#/y;
const UNDERLINE_LINE = / {0,3}(?:=+|-+)[ \t]*(?:\n|$)/y;
/** `()` with nothing visible after it on its line: where body-empty-parens looks. */
const PARENS_AT_LINE_END = /\(\)[^\n!-~]*(?:\n|$)/;
/** What makes a line code (body-text.ts codeLines): without any, a paragraph is the lines above its end up to a blank one. */
const mayHoldCode = (raw: string) => raw.includes('```') || raw.includes('~~~') || raw.includes('\n    ') || raw.includes('\t');
/** The full stop 。 in UTF-8. */
const FULL_STOP = '\xe3\x80\x82';

const at = (re: RegExp, text: string, index: number) => {
  re.lastIndex = index;
  return re.test(text);
};

/** Whether an empty target `](` `)` (spaces and `<>` allowed) follows at `i`, the offset of `](`. */
function emptyTargetAt(raw: string, i: number): boolean {
  i += 2;
  while (raw[i] === ' ' || raw[i] === '\t') i++;
  if (raw[i] === '<' && raw[i + 1] === '>') i += 2;
  while (raw[i] === ' ' || raw[i] === '\t') i++;
  return raw[i] === ')';
}

/** Whether Latin-1 text holds the UTF-8 bytes of a zero-width character (ZW_BYTES): twice as fast as the expression over a whole body. */
function hasZeroWidth(raw: string): boolean {
  for (let i = raw.indexOf('\xe2'); i >= 0; i = raw.indexOf('\xe2', i + 1)) {
    const second = raw.charCodeAt(i + 1);
    const third = raw.charCodeAt(i + 2);
    if ((second === 0x80 && third >= 0x8b && third <= 0x8d) || (second === 0x81 && third === 0xa0)) return true;
  }
  return raw.includes('\xef\xbb\xbf');
}

/**
 * The checks a body shows signs for. `raw` is the body as Latin-1 after the newline before
 * it (at bytes[start - 1]): every line follows a \n.
 */
export function signedChecks(bytes: Buffer, start: number, raw: string): Set<Check> {
  const checks = new Set<Check>();
  if (raw.includes('****')) checks.add(starRun);
  if (hasZeroWidth(raw)) checks.add(zeroWidth);
  for (let i = raw.indexOf(']('); i >= 0 && !checks.has(lostLink); i = raw.indexOf('](', i + 2)) if (emptyTargetAt(raw, i)) checks.add(emptyImage).add(lostLink);
  if (raw.includes('()') && PARENS_AT_LINE_END.test(raw)) checks.add(emptyParens);
  const lineEnd = (from: number) => {
    const end = raw.indexOf('\n', from);
    return end < 0 ? raw.length : end;
  };
  const decode = (from: number, to: number) => bytes.toString('utf8', start - 1 + from, start - 1 + to);
  // The body's lines (splitLines): one after each \n, but for the region's own final newline.
  const limit = raw.endsWith('\n') ? raw.length - 1 : raw.length;
  let blankRun = 0;
  let threeBlank = false;
  let code: boolean | undefined;
  const noCode = () => !(code ??= mayHoldCode(raw));
  for (let nl = raw.indexOf('\n'); nl >= 0 && nl < limit; nl = raw.indexOf('\n', nl + 1)) {
    const line = nl + 1;
    const c = raw.charCodeAt(line);
    blankRun = c === 10 ? blankRun + 1 : 0;
    if (blankRun === 3) threeBlank = true;
    // Headings, underlines and lines of whitespace begin with #, =, -, a space, a tab or the first byte of a Unicode space.
    if (c === 10 || !(c === 35 || c === 61 || c === 45 || c === 32 || c === 9 || c === 0xc2 || c === 0xe1 || c === 0xe2 || c === 0xe3)) continue;
    if (!checks.has(blankLines) && at(WHITESPACE_LINE, raw, line)) checks.add(blankLines);
    if ((c === 35 || c === 32) && at(HEADING_LINE, raw, line)) for (const check of headingChecks(decode(line, lineEnd(line)))) checks.add(check);
    if ((c === 61 || c === 45 || c === 32) && !checks.has(setextParagraph) && at(UNDERLINE_LINE, raw, line) && underlinesText(raw, nl, noCode, decode)) checks.add(setextParagraph);
  }
  // Three blank lines in a row are no defect in a body of nothing else (the archive's empty body).
  if (threeBlank && /[^\n \t]/.test(raw)) checks.add(blankLines);
  for (let i = raw.indexOf('!['); i >= 0 && !checks.has(gluedImage); ) {
    const from = raw.lastIndexOf('\n', i) + 1;
    const to = lineEnd(i);
    if (mayGlueImage(raw.slice(from, to), () => decode(from, to))) checks.add(gluedImage);
    i = raw.indexOf('![', to);
  }
  return checks;
}

/** Whether the underline after raw[nl] ends a paragraph that body-setext-paragraph would flag (asked of the decoded paragraph). */
function underlinesText(raw: string, nl: number, noCode: () => boolean, decode: (from: number, to: number) => string): boolean {
  // Under text (the first line of the body underlines nothing); the paragraph is the lines above, up to a blank one.
  if (nl === 0) return false;
  let first = raw.lastIndexOf('\n', nl - 1) + 1;
  if (isBlank(raw.slice(first, nl))) return false;
  if (!noCode()) return true; // where the paragraph starts depends on the code lines: the rule tells
  while (first > 1) {
    const above = raw.lastIndexOf('\n', first - 2) + 1;
    if (isBlank(raw.slice(above, first - 1))) break;
    first = above;
  }
  // Its text is no longer than its bytes: a short paragraph without a full stop reads as a heading.
  if (nl - first <= HEADING_FITS && !raw.slice(first, nl).includes(FULL_STOP)) return false;
  return underlinesParagraph(decode(first, nl).split('\n'));
}

/** The line number at a byte offset (in the front matter: a loop over its few hundred bytes costs less than a search call per line). */
function lineOf(bytes: Buffer, offset: number): number {
  let n = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 10) n++;
  return n;
}

const toDiagnostic = (f: Finding, firstLine: number): Diagnostic => ({
  rule: f.rule,
  severity: BODY_RULES[f.rule][0],
  message: f.unfixed ? `${f.message} (--fix leaves it as the line stands: ${f.unfixed})` : f.message,
  line: firstLine + f.line,
  col: f.col + 1,
});

/** The body rules' problems in a post file. */
export function checkBody(bytes: Buffer): Diagnostic[] {
  const range = bodyRange(bytes);
  if (!range) return [];
  const raw = bytes.toString('latin1', range[0] - 1, range[1]);
  const checks = signedChecks(bytes, range[0], raw);
  if (!checks.size) return [];
  const body = readBodyBytes(bytes, range[0], raw);
  const firstLine = lineOf(bytes, range[0]);
  const diagnostics: Diagnostic[] = [];
  for (const check of CHECKS) if (checks.has(check)) for (const f of check(body)) diagnostics.push(toDiagnostic(f, firstLine));
  return diagnostics;
}

/** Passes over all rules: a repair can reveal another (an empty image removed leaves blank lines). */
const MAX_PASSES = 4;

/** One rule's repairs applied to a body text. */
export function applyCheck(check: Check, text: string): string {
  const edits = check(readBody(text)).flatMap((f) => f.edits ?? []);
  return edits.length ? applyEdits(text, edits) : text;
}

/**
 * The post with the body rules' repairs made, or undefined when there is none to make.
 * Only the edited spans change; a file that is not valid UTF-8 is left as it is.
 */
export function healBody(bytes: Buffer): string | undefined {
  const range = bodyRange(bytes);
  if (!range || !signedChecks(bytes, range[0], bytes.toString('latin1', range[0] - 1, range[1])).size) return undefined;
  const text = bytes.toString('utf8');
  if (text.includes('\ufffd') && !Buffer.from(text).equals(bytes)) return undefined;
  const head = bytes.toString('utf8', 0, range[0]);
  const original = bytes.toString('utf8', ...range);
  let body = original;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const before = body;
    for (const check of CHECKS) body = applyCheck(check, body);
    if (body === before) break;
  }
  return body === original ? undefined : head + body + bytes.toString('utf8', range[1]);
}
