// A post's body as the body rules read it: its lines, which of them are fenced code,
// each line with code spans and escapes masked, and the few CommonMark facts the rules'
// fixes lean on (flanking of `*` runs, what a line start turns into a block).
import { isSpace } from '../text.js';

export interface Body {
  /** The body region: from after the front matter's closing line to the last line's link. */
  text: string;
  /** Line i (decoded from UTF-8 when first read, when read from bytes); undefined past the last line, as an array's element. */
  line: (i: number) => string;
  /** Offset of each line in `text` (in bytes when read from bytes: edits are then not made). */
  starts: number[];
  /** Whether a line is code: in a fenced block (its fences included), or indented after a blank line (list items' indented paragraphs too, to be safe). */
  code: boolean[];
  /**
   * The text (after a \n, so that every line starts after one) and the lines to look for a
   * rule's sign in: the text itself, or, when read from bytes, the bytes one char each
   * (Latin-1), so that a line is decoded only when it shows one. A byte outside ASCII is
   * never a space, a tab or a Markdown marker, as a character outside ASCII is never one:
   * what only ASCII syntax decides (a blank line, a container prefix, a block marker) is
   * read from these lines, with nothing decoded.
   */
  signText: string;
  signLines: string[];
  /** Whether the signs are bytes (Latin-1): signs of non-ASCII characters are then their UTF-8 bytes. */
  bytes: boolean;
}

/** One exact replacement in the body text. */
export interface Edit {
  start: number;
  end: number;
  insert: string;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/** Which lines are code, from the lines' ASCII syntax (the same read from text or from bytes). */
function codeLines(lines: string[], text: string): boolean[] {
  if (!text.includes('```') && !text.includes('~~~') && !text.includes('\n    ') && !text.includes('\t')) return lines.map(() => false); // no fence, no indented line
  const code: boolean[] = [];
  let fence = '';
  lines.forEach((line, i) => {
    const mark = FENCE.exec(line)?.[1];
    const previous = i ? lines[i - 1] : '';
    const continues = !code[i - 1] && !isBlank(previous) && !OPENS_BLOCK.test(previous) && !containerPrefix(previous);
    if (!fence && /^(?: {4}| {0,3}\t)/.test(line) && !isBlank(line) && !continues) code.push(true);
    else if (fence) {
      code.push(true);
      if (mark && mark[0] === fence[0] && mark.length >= fence.length && /^\s*$/.test(line.slice(line.indexOf(mark) + mark.length))) fence = '';
    } else if (mark && !(mark[0] === '`' && line.slice(line.indexOf(mark) + mark.length).includes('`'))) {
      fence = mark;
      code.push(true);
    } else code.push(false);
  });
  return code;
}

// The region ends with the newline before the link line: that newline ends the last line.
const splitLines = (text: string) => (text.endsWith('\n') ? text.slice(0, -1) : text).split('\n');

function lineStarts(lines: string[]): number[] {
  const starts: number[] = [];
  let offset = 0;
  for (const line of lines) {
    starts.push(offset);
    offset += line.length + 1;
  }
  return starts;
}

export function readBody(text: string): Body {
  const lines = splitLines(text);
  return { text, line: (i) => lines[i], starts: lineStarts(lines), code: codeLines(lines, '\n' + text), signText: '\n' + text, signLines: lines, bytes: false };
}

/**
 * The body of a file's bytes from `start`, given as Latin-1 after the \n before it (`raw`), for checking only:
 * each line is decoded from UTF-8 when a rule reads it, which is for the few lines that
 * show a sign of a defect.
 */
export function readBodyBytes(bytes: Buffer, start: number, raw: string): Body {
  const signLines = splitLines(raw.slice(1));
  const starts = lineStarts(signLines);
  const decoded: string[] = new Array(signLines.length);
  const line = (i: number) => {
    // Past the last line there is none, as in the text's lines.
    if (decoded[i] === undefined && i >= 0 && i < signLines.length) decoded[i] = bytes.toString('utf8', start + starts[i], start + starts[i] + signLines[i].length);
    return decoded[i];
  };
  return { text: '', line, starts, code: codeLines(signLines, raw), signText: raw, signLines, bytes: true };
}

/** Whether a line holds only spaces and tabs, if anything. */
export function isBlank(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

/** A line of images only (in a list item or quote or not): no image there is glued to text. */
export const IMAGES_ONLY = /^(?:[ \t]{0,3}>[ \t]?)*(?:[ \t]{0,3}(?:[*+-]|\d{1,9}[.)])[ \t]+)?(?:\[?!\[[^\]\n]*\]\([^()\s]+(?:[ \t]+"[^"\n]*")?\)(?:\]\([^()\s]+\))?[ \t]*)+$/;

/**
 * The line with code spans, backslash escapes, autolinks and link destinations replaced
 * by \u0001 (same length), so that a search for Markdown syntax finds only real syntax.
 */
export function maskLine(line: string): string {
  if (!/[\\`<]|\]\(/.test(line)) return line;
  return maskTargets(maskCode(line));
}

/** `/[!-/:-@[-`{-~]/`: what a backslash escapes. */
const isAsciiPunctuation = (c: number) => (c >= 0x21 && c <= 0x2f) || (c >= 0x3a && c <= 0x40) || (c >= 0x5b && c <= 0x60) || (c >= 0x7b && c <= 0x7e);
const AUTOLINK = /<[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*>/y;
const mask = (n: number) => '\u0001'.repeat(n);

// The masking functions copy the text between masked spans in slices: a string built a
// character at a time must be flattened by the next search, which cost more than the search.
function maskCode(line: string): string {
  let out = '';
  let copied = 0;
  for (let i = 0; i < line.length; ) {
    const c = line.charCodeAt(i);
    let end = i;
    if (c === 0x5c && i + 1 < line.length && isAsciiPunctuation(line.charCodeAt(i + 1))) end = i + 2;
    else if (c === 0x60) {
      let n = 1;
      while (line.charCodeAt(i + n) === 0x60) n++;
      const close = closingTicks(line, i + n, n);
      // Unclosed ticks stay as they are.
      if (close < 0) {
        i += n;
        continue;
      }
      end = close + n;
    } else if (c === 0x3c) {
      AUTOLINK.lastIndex = i;
      if (AUTOLINK.test(line)) end = AUTOLINK.lastIndex;
    }
    if (end === i) {
      i++;
      continue;
    }
    out += line.slice(copied, i) + mask(end - i);
    i = copied = end;
  }
  return copied ? out + line.slice(copied) : line;
}

/** Link destinations masked: what `/(\]\()([^()\s]*(?:\s+"[^"]*")?)(?=\))/g` matches after the `](`. */
function maskTargets(line: string): string {
  let out = '';
  let copied = 0;
  for (let open = line.indexOf(']('); open >= 0; ) {
    const from = open + 2;
    let i = from;
    while (i < line.length && !isSpace(line.charCodeAt(i)) && line.charCodeAt(i) !== 0x28 && line.charCodeAt(i) !== 0x29) i++;
    let end = line.charCodeAt(i) === 0x29 ? i : -1;
    if (end < 0 && i < line.length && isSpace(line.charCodeAt(i))) {
      while (i < line.length && isSpace(line.charCodeAt(i))) i++;
      const quote = line.charCodeAt(i) === 0x22 ? line.indexOf('"', i + 1) : -1;
      if (quote >= 0 && line.charCodeAt(quote + 1) === 0x29) end = quote + 1;
    }
    if (end < 0) {
      open = line.indexOf('](', open + 1);
      continue;
    }
    out += line.slice(copied, from) + mask(end - from);
    copied = end;
    open = line.indexOf('](', end);
  }
  return copied ? out + line.slice(copied) : line;
}

function closingTicks(line: string, from: number, n: number): number {
  for (let i = line.indexOf('`', from); i >= 0; i = line.indexOf('`', i)) {
    let m = 1;
    while (line[i + m] === '`') m++;
    if (m === n) return i;
    i += m;
  }
  return -1;
}

/**
 * The container prefix of a line (block quote markers, a list item marker) and its
 * length: the rules read and rewrite only what follows it.
 */
export function containerPrefix(line: string): string {
  return /^(?:[ \t]{0,3}(?:>[ \t]?|(?:[*+-]|\d{1,9}[.)])[ \t]+(?=[^ \t])))*/.exec(line)?.[0] ?? '';
}

/** The prefix that continues the same containers on a following line (`>` kept, list markers as spaces). */
export function continuation(prefix: string): string {
  return prefix.replace(/(?:[*+-]|\d{1,9}[.)])(?=[ \t])/g, (m) => ' '.repeat(m.length));
}

/** Text that, at the start of a line, would open a block other than a paragraph (or continue a setext heading). */
export const OPENS_BLOCK = /^(?:[ \t]{4}|[ \t]{0,3}(?:#{1,6}(?:[ \t]|$)|>|[*+-](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$)|[=-]+[ \t]*$|`{3}|~{3}|<|\||\[[^\]]*\]:|(?:\*[ \t]*){3,}$|(?:_[ \t]*){3,}$))/;

// Flanking, as CommonMark defines it. Specifications and implementations differ on
// whether symbols (Unicode category S) count as punctuation (0.31 says yes, 0.30 no):
// a fix must hold under both readings.
const WHITESPACE = /[\t\n\f\r\p{Zs}]/u;
const PUNCT_ONLY = /[\p{P}!-/:-@[-`{-~]/u;
const PUNCT_AND_SYMBOLS = /[\p{P}\p{S}]/u;

/** A run of `*` or `_` in a text: where, how long, and how many of its characters stay literal text under each reading of punctuation. */
export interface EmphasisRun {
  char: string;
  at: number;
  length: number;
  literal: [number, number];
}

interface Delimiter {
  char: string;
  length: number;
  canOpen: boolean;
  canClose: boolean;
}

/** The whole code point that ends at `at` (a surrogate pair is one). */
export function codePointBefore(text: string, at: number): string {
  const low = text.charCodeAt(at - 1);
  const high = text.charCodeAt(at - 2);
  return low >= 0xdc00 && low <= 0xdfff && high >= 0xd800 && high <= 0xdbff ? text.slice(at - 2, at) : text[at - 1];
}

function delimiters(text: string, runs: { char: string; at: number; length: number }[], punct: RegExp): Delimiter[] {
  return runs.map(({ char, at, length }) => {
    // Whole code points: an emoji next to a run is a symbol, not half of one.
    const before = at > 0 ? codePointBefore(text, at) : ' ';
    const after = at + length < text.length ? String.fromCodePoint(text.codePointAt(at + length)!) : ' ';
    const left = !WHITESPACE.test(after) && (!punct.test(after) || WHITESPACE.test(before) || punct.test(before));
    const right = !WHITESPACE.test(before) && (!punct.test(before) || WHITESPACE.test(after) || punct.test(after));
    // `_` does not open or close inside a word.
    if (char === '_') return { char, length, canOpen: left && (!right || punct.test(before)), canClose: right && (!left || punct.test(after)) };
    return { char, length, canOpen: left, canClose: right };
  });
}

/** CommonMark's emphasis matching over the runs of one inline text: the characters of each run left as literal text. */
function literalDelimiters(runs: Delimiter[]): number[] {
  const left = runs.map((r) => r.length);
  const alive = runs.map((r) => r.canOpen || r.canClose);
  for (let c = 0; c < runs.length; c++) {
    while (alive[c] && runs[c].canClose && left[c] > 0) {
      let o = c - 1;
      for (; o >= 0; o--) {
        if (!alive[o] || runs[o].char !== runs[c].char || !runs[o].canOpen || left[o] === 0) continue;
        const both = runs[o].canClose || runs[c].canOpen;
        const sum = runs[o].length + runs[c].length;
        if (both && sum % 3 === 0 && !(runs[o].length % 3 === 0 && runs[c].length % 3 === 0)) continue;
        break;
      }
      if (o < 0) break;
      const use = left[o] >= 2 && left[c] >= 2 ? 2 : 1;
      left[o] -= use;
      left[c] -= use;
      for (let k = o + 1; k < c; k++) alive[k] = false;
    }
  }
  return left;
}

/** The `*` and `_` runs of an inline text (code spans and escapes aside), each with the characters CommonMark leaves visible. */
export function emphasisRuns(text: string): EmphasisRun[] {
  const runs: { char: string; at: number; length: number }[] = [];
  if (!text.includes('*') && !text.includes('_')) return [];
  const masked = maskLine(text);
  for (let i = 0; i < masked.length; i++) {
    const char = masked[i];
    if (char !== '*' && char !== '_') continue;
    let j = i;
    while (masked[j] === char) j++;
    runs.push({ char, at: i, length: j - i });
    i = j - 1;
  }
  const a = literalDelimiters(delimiters(text, runs, PUNCT_ONLY));
  const b = literalDelimiters(delimiters(text, runs, PUNCT_AND_SYMBOLS));
  return runs.map((r, k) => ({ char: r.char, at: r.at, length: r.length, literal: [a[k], b[k]] }));
}

/** Whether two lists of runs read the same: the same runs in order, each leaving as many characters visible. */
export function sameEmphasis(before: EmphasisRun[], after: EmphasisRun[]): boolean {
  return before.length === after.length && before.every((r, k) => r.char === after[k].char && r.length === after[k].length && r.literal[0] === after[k].literal[0] && r.literal[1] === after[k].literal[1]);
}

/** Whether square brackets and backticks of an inline text balance, so that it can stand alone. */
export function balanced(text: string): boolean {
  const masked = maskLine(text);
  if (masked.includes('`')) return false;
  let depth = 0;
  for (let i = 0; i < masked.length; i++) {
    const c = masked.charCodeAt(i);
    if (c === 0x5b) depth++;
    else if (c === 0x5d && --depth < 0) return false;
  }
  return depth === 0;
}

/** Applies edits (sorted, none overlapping: a later one that overlaps an earlier one is dropped). */
export function applyEdits(text: string, edits: Edit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let at = 0;
  for (const e of sorted) {
    if (e.start < at) continue;
    out += text.slice(at, e.start) + e.insert;
    at = e.end;
  }
  return out + text.slice(at);
}

/**
 * The edit that takes line i out of the body: the line and its newline go, or, when the
 * lines on both sides hold text, the line is emptied so that they stay apart. None when
 * the next line is indented.
 */
export function dropLine(body: Body, i: number): Edit | undefined {
  const { signLines: lines, starts } = body;
  // An indented line after it would be read in the context of the blocks above.
  let k = i + 1;
  while (k < lines.length && isBlank(lines[k])) k++;
  if (k < lines.length && /^[ \t]/.test(lines[k])) return undefined;
  const textAround = i > 0 && i + 1 < lines.length && !isBlank(lines[i - 1]) && !isBlank(lines[i + 1]);
  if (textAround) return { start: starts[i], end: starts[i] + lines[i].length, insert: '' };
  return { start: starts[i], end: starts[i] + lines[i].length + 1, insert: '' };
}

/** The edit that makes line i a block of its own content: blank lines added where a neighbour holds text. */
export function ownBlock(body: Body, i: number, content: string): Edit {
  const { signLines: lines, starts } = body;
  const before = i > 0 && !isBlank(lines[i - 1]) ? '\n' : '';
  const after = i + 1 < lines.length && !isBlank(lines[i + 1]) ? '\n' : '';
  return { start: starts[i], end: starts[i] + lines[i].length, insert: before + content + after };
}

/** Whether a `*` stands inside the brackets of a link or image: emphasis there is read apart from the text around it. */
export const starInBrackets = (text: string) => /\[[^\]]*\*[^\]]*\]\(/.test(maskLine(text));

const THEMATIC = /^ {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$/;

/** A line that certainly ends the paragraph above it: it opens a block that may interrupt one, or underlines it. */
const ENDS_PARAGRAPH = /^ {0,3}(?:#{1,6}(?:[ \t]|$)|>|[*+-][ \t]+[^ \t]|1[.)][ \t]+[^ \t]|`{3}|~{3}|(?:\*[ \t]*){3,}$|(?:_[ \t]*){3,}$|=+[ \t]*$|-+[ \t]*$)/;
/** A line that belongs to the paragraph it follows: no block marker, or only an indentation. */
const continuesParagraph = (line: string) => !isBlank(line) && (/^(?: {4}| {0,3}\t)/.test(line) || (!OPENS_BLOCK.test(line) && !containerPrefix(line)));

/**
 * The inline text that line i belongs to, for emphasis, which can pair across the lines
 * of one paragraph: the line from `from` on, with the paragraph's other lines around it
 * (their container prefixes left out). `at` is where the line's part starts in it.
 * Undefined where the paragraph's extent is unclear (a line the rules do not read, a
 * marker that may or may not open a block).
 */
export function paragraphAround(body: Body, i: number, from: number): { text: string; at: number } | undefined {
  const { signLines: lines, code } = body;
  const strip = (k: number) => body.line(k).slice(containerPrefix(lines[k]).length);
  const line = lines[i];
  const heading = /^ {0,3}#{1,6}(?:[ \t]|$)/.test(line);
  const startsBlock = heading || ENDS_PARAGRAPH.test(line);
  if (!startsBlock && !continuesParagraph(line) && i > 0 && !isBlank(lines[i - 1])) return undefined;
  let first = i;
  while (!startsBlock && continuesParagraph(line) && first > 0 && !isBlank(lines[first - 1])) {
    const above = lines[first - 1];
    if (code[first - 1]) return undefined;
    // A heading, a fence, a rule or an underline above: the paragraph starts here.
    if (/^ {0,3}(?:#{1,6}(?:[ \t]|$)|`{3}|~{3}|(?:\*[ \t]*){3,}$|(?:_[ \t]*){3,}$|(?:-[ \t]*){3,}$|=+[ \t]*$|-+[ \t]*$)/.test(above)) break;
    if (!continuesParagraph(above) && !ENDS_PARAGRAPH.test(above)) return undefined;
    first--;
    if (!continuesParagraph(above)) break; // a list item or quote that starts the paragraph
  }
  let last = i;
  while (!heading && last + 1 < lines.length && !isBlank(lines[last + 1])) {
    const below = lines[last + 1];
    if (ENDS_PARAGRAPH.test(below)) break;
    if (code[last + 1] || !continuesParagraph(below)) return undefined;
    last++;
  }
  const head = lines.slice(first, i).map((_, n) => strip(first + n) + '\n').join('');
  const tail = lines.slice(i + 1, last + 1).map((_, n) => '\n' + strip(i + 1 + n)).join('');
  return { text: head + body.line(i).slice(from) + tail, at: head.length };
}

/**
 * Whether line i, rewritten as `after` inside its paragraph, keeps the blocks around it:
 * it opens the same kind of block (or none), a container item keeps some content, and a
 * line that becomes blank does not leave the next line to open a block it only continued.
 */
export function lineEditIsSafe(body: Body, i: number, after: string): boolean {
  const before = body.line(i);
  if (isBlank(before) && isBlank(after)) return true;
  const prefix = containerPrefix(before);
  if (prefix && isBlank(after.slice(prefix.length))) return false;
  if (isBlank(after)) {
    const next = body.signLines[i + 1];
    if (i > 0 && /\\$/.test(body.signLines[i - 1])) return false; // a hard break \ would end its paragraph as text
    return next === undefined || isBlank(next) || !OPENS_BLOCK.test(next);
  }
  // The blocks a line opens, and an ATX heading's closing #s, which are not text.
  const opens = (line: string) => `${containerPrefix(line)}|${OPENS_BLOCK.exec(line.slice(containerPrefix(line).length))?.[0]}|${/(?:^|[ \t])#+[ \t]*$/.exec(/^ {0,3}#{1,6}(?:[ \t]+|$)(.*)$/.exec(line)?.[1] ?? '')?.[0]}|${THEMATIC.test(line)}`;
  return opens(before) === opens(after);
}

/**
 * The edit that takes a paragraph line out (an image or characters that were all it
 * held): the lines around it stay one paragraph, as they were. None when the next line
 * would then start the paragraph and open a block, or a hard break \ would end it.
 */
export function dropParagraphLine(body: Body, i: number): Edit | undefined {
  const { signLines: lines, starts } = body;
  const previous = i > 0 && !isBlank(lines[i - 1]) ? lines[i - 1] : undefined;
  const next = i + 1 < lines.length && !isBlank(lines[i + 1]) ? lines[i + 1] : undefined;
  // The line above carries the paragraph on when it is paragraph text (in a container or not).
  const carries = previous !== undefined && !body.code[i - 1] && !THEMATIC.test(previous) && (continuesParagraph(previous) || /^(?: {0,3}>[ \t]?)+[^ \t>]|^ {0,3}(?:[*+-]|\d{1,9}[.)])[ \t]+[^ \t#>]/.test(previous));
  if (!carries && next !== undefined && OPENS_BLOCK.test(next)) return undefined;
  if (previous?.endsWith('\\') && (next === undefined || !continuesParagraph(next))) return undefined;
  return { start: starts[i], end: starts[i] + lines[i].length + 1, insert: '' };
}

/** Whether line i continues, without its container's prefix, a paragraph that began in a list item or quote. */
export function isLazy(body: Body, i: number): boolean {
  const lines = body.signLines;
  if (containerPrefix(lines[i])) return false;
  for (let k = i - 1; k >= 0 && !isBlank(lines[k]); k--) if (containerPrefix(lines[k])) return true;
  return false;
}
