// The body rules over a post file: where its body lies, a byte pre-scan that lets a post
// without any sign of a defect through undecoded (most of them: validate stays about as
// fast as the front matter check alone), the check, and the fix.
import { gluedImage, headingParagraph, imageHeading, setextParagraph, starRun } from './body-blocks.js';
import { BODY_RULES, blankLines, emptyImage, emptyParens, lostLink, zeroWidth, type BodyRuleId, type Check, type Finding } from './body-rules.js';
import { applyEdits, readBody } from './body-text.js';
import type { Diagnostic } from './rules.js';
import { frontMatterEnd } from './source.js';

/** Each rule's check, in the order --fix applies them: characters, then links and images, then lines and blocks, blank lines last. */
export const BODY_CHECKS: [BodyRuleId, Check][] = [
  ['body-zero-width', zeroWidth],
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
const CHECKS = BODY_CHECKS.map(([, check]) => check);

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

// Signs of a defect, over the body's bytes read as Latin-1 (one char a byte: UTF-8
// sequences appear as their bytes). An image is a sign only on a line that is not just images.
const SIGNS = new RegExp(
  [
    String.raw`\*\*\*\*`,
    String.raw`\]\([ \t]*(?:<>)?[ \t]*\)`, // ]() - an empty link or image target
    String.raw`\(\)`,
    String.raw`\n(?:[#=\-\t ]|\xc2\xa0|\xe3\x80\x80|\xe2\x80[\x80-\x8a\xaf]|\xe2\x81\x9f)`, // headings, underlines, indented or whitespace lines
    String.raw`\n\n\n\n`,
    String.raw`\xe2\x80[\x8b-\x8d]|\xe2\x81\xa0|\xef\xbb\xbf`, // zero-width characters
    String.raw`!\[`,
  ].join('|'),
  'g',
);
const IMAGES_ONLY = /^(?:[ \t]{0,3}>[ \t]?)*(?:[ \t]{0,3}(?:[*+-]|\d{1,9}[.)])[ \t]+)?(?:\[?!\[[^\]\n]*\]\([^()\s]+(?:[ \t]+"[^"\n]*")?\)(?:\]\([^()\s]+\))?[ \t]*)+$/;

function mayHoldDefect(bytes: Buffer, start: number, end: number): boolean {
  const text = bytes.toString('latin1', start - 1, end);
  SIGNS.lastIndex = 0;
  for (let m = SIGNS.exec(text); m; m = SIGNS.exec(text)) {
    if (m[0] !== '![') return true;
    const lineStart = text.lastIndexOf('\n', m.index) + 1;
    let lineEnd = text.indexOf('\n', m.index);
    if (lineEnd < 0) lineEnd = text.length;
    if (!IMAGES_ONLY.test(text.slice(lineStart, lineEnd))) return true;
    SIGNS.lastIndex = lineEnd;
  }
  return false;
}

function lineOf(bytes: Buffer, offset: number): number {
  let n = 1;
  for (let i = bytes.indexOf(10); i >= 0 && i < offset; i = bytes.indexOf(10, i + 1)) n++;
  return n;
}

const toDiagnostic = (f: Finding, firstLine: number): Diagnostic => ({
  rule: f.rule,
  severity: BODY_RULES[f.rule][0],
  message: f.unfixed && BODY_RULES[f.rule][0] === 'error' ? `${f.message} (--fix leaves it as the line stands: ${f.unfixed})` : f.message,
  line: firstLine + f.line,
  col: f.col + 1,
});

/** The body rules' problems in a post file. */
export function checkBody(bytes: Buffer): Diagnostic[] {
  const range = bodyRange(bytes);
  if (!range || !mayHoldDefect(bytes, ...range)) return [];
  const body = readBody(bytes.toString('utf8', ...range));
  const firstLine = lineOf(bytes, range[0]);
  return CHECKS.flatMap((check) => check(body)).map((f) => toDiagnostic(f, firstLine));
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
  if (!range || !mayHoldDefect(bytes, ...range)) return undefined;
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
