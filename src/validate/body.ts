// The body rules over a post file: where its body lies, a byte pre-scan that lets a post
// without any sign of a defect through undecoded (most of them: validate stays about as
// fast as the front matter check alone), the check, and the fix.
import { gluedImage, headingParagraph, imageHeading, setextParagraph, starRun } from './body-blocks.js';
import { BODY_RULES, blankLines, emptyImage, emptyParens, lostLink, zeroWidth, type BodyRuleId, type Check, type Finding } from './body-rules.js';
import { applyEdits, IMAGES_ONLY, readBody, readBodyBytes } from './body-text.js';
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

// Signs of a defect, looked for in the body's bytes without decoding them: a post without
// any (most of them, once the archive is healed) is passed as it is. Each sign is found the
// fast way, by a byte search or a look at how a line begins; the rules then read the lines.
const ZERO_WIDTH = ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff'].map((c) => Buffer.from(c));
const WHITESPACE = String.raw`(?:[ \t]|\xc2\xa0|\xe1\x9a\x80|\xe2\x80[\x80-\x8a\xaf]|\xe2\x81\x9f|\xe3\x80\x80)`;
const PLACEHOLDER = String.raw`(?:\xe5\x9b\xbe\xe7\x89\x87|\xe5\x9c\x96\xe7\x89\x87|[Ii]mage|[Ii]mg|[Pp]hoto|[Pp]icture)`;
/** A line's signs, by how it begins (over the line read as Latin-1). */
const LINE_SIGN = new RegExp(
  [
    // A heading empty, of images, of a placeholder alt text, a sentence, or long enough to be a
    // paragraph (over 25 words, or over 20 Han characters: markdown/heading-length.ts).
    String.raw`^ {0,3}#{1,6}(?:[ \t]*$|[ \t]+(?:\[?!\[|${PLACEHOLDER}[ \t#]*$|.*\xe3\x80\x82[ \t#]*$|(?:[^ ]* +){25}|(?:[^\xe3-\xe9]*[\xe3-\xe9]){21}))`,
    String.raw`^(?<underline> {0,3}(?:=+|-+)[ \t]*$)`, // a sign when under text
    String.raw`^${WHITESPACE}+$`,
  ].join('|'),
);
/** The first bytes of a line that LINE_SIGN may match: #, =, -, space, tab, and the lead bytes of Unicode spaces. */
const LINE_SIGN_START = new Set([0x23, 0x3d, 0x2d, 0x20, 0x09, 0xc2, 0xe1, 0xe2, 0xe3]);

/** Whether an empty target `](` `)` (spaces and `<>` allowed) follows at `at`, the offset of `](`. */
function emptyTargetAt(bytes: Buffer, at: number): boolean {
  let i = at + 2;
  while (bytes[i] === 0x20 || bytes[i] === 0x09) i++;
  if (bytes[i] === 0x3c && bytes[i + 1] === 0x3e) i += 2;
  while (bytes[i] === 0x20 || bytes[i] === 0x09) i++;
  return bytes[i] === 0x29;
}

/** Whether the body's bytes [start, end) show a sign of a defect (`start` follows a newline). */
export function signsOfDefect(bytes: Buffer, start: number, end: number): boolean {
  const body = bytes.subarray(start, end);
  if (body.indexOf('****') >= 0 || body.indexOf('()') >= 0 || ZERO_WIDTH.some((c) => body.indexOf(c) >= 0)) return true;
  for (let at = body.indexOf(']('); at >= 0; at = body.indexOf('](', at + 2)) if (emptyTargetAt(body, at)) return true;
  let blankRun = 0;
  for (let lineStart = 0; lineStart < body.length; ) {
    let lineEnd = body.indexOf(10, lineStart);
    if (lineEnd < 0) lineEnd = body.length;
    blankRun = lineEnd === lineStart ? blankRun + 1 : 0;
    if (blankRun === 3) return true;
    if (LINE_SIGN_START.has(body[lineStart])) {
      const m = LINE_SIGN.exec(body.toString('latin1', lineStart, lineEnd));
      if (m && (!m.groups?.underline || (lineStart > 0 && body[lineStart - 2] !== 10 && lineStart >= 2))) return true;
    }
    lineStart = lineEnd + 1;
  }
  for (let at = body.indexOf('!['); at >= 0; ) {
    const lineStart = body.lastIndexOf(10, at) + 1;
    let lineEnd = body.indexOf(10, at);
    if (lineEnd < 0) lineEnd = body.length;
    if (!IMAGES_ONLY.test(body.toString('latin1', lineStart, lineEnd))) return true;
    at = body.indexOf('![', lineEnd);
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
  message: f.unfixed ? `${f.message} (--fix leaves it as the line stands: ${f.unfixed})` : f.message,
  line: firstLine + f.line,
  col: f.col + 1,
});

/** The body rules' problems in a post file. */
export function checkBody(bytes: Buffer): Diagnostic[] {
  const range = bodyRange(bytes);
  if (!range || !signsOfDefect(bytes, ...range)) return [];
  const body = readBodyBytes(bytes, range[0], bytes.toString('latin1', range[0] - 1, range[1]));
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
  if (!range || !signsOfDefect(bytes, ...range)) return undefined;
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
