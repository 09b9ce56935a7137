// The body rules about structure: bold markers run together, headings that are not
// headings, images glued to text. Each finds its defect and the exact safe edit (see
// body-rules.ts for what safe means).
import { HEADING_FITS, tooLongForHeading } from '../markdown/heading-length.js';
import { balanced, IMAGES_ONLY, containerPrefix, continuation, dropLine, isBlank, isLazy, lineEditIsSafe, maskLine, OPENS_BLOCK, ownBlock, paragraphAround, emphasisRuns, sameEmphasis, starInBrackets, type EmphasisRun } from './body-text.js';
import { finding, joinIsSafe, prose, withRepair, type Check, type Finding } from './body-rules.js';
import type { Body } from './body-text.js';

const ATX = /^( {0,3}#{1,6})(?:[ \t]+|$)(.*?)(?:[ \t]+#+)?[ \t]*$/;
const THEMATIC_BREAK = /^ {0,3}(?:\*[ \t]*){3,}$/;
const HEADING_SIGN = { text: /\n {0,3}#/, line: /^ {0,3}#/ };

// `****`: markdownify writes `**` at each edge of every <strong>, so adjacent ones give
// `**a****b**` and nested ones `****a****`. Read as markers that toggle bold, a run of 2k
// stars is k markers: an even k changes nothing and goes, an odd k is one `**`. Other
// readings are tried after it. A reading is the fix when, by CommonMark's emphasis rules
// over the paragraph, every other star stays as visible as it was and the new markers
// show no star the run did not; a line where no reading does is left as it is.
const STAR_RUN = /\*{4,}/g;
const MAX_TRIES = 256;

function* choices(runs: number[]): Generator<string[]> {
  const options = runs.map((n) => {
    const toggle = n % 2 ? '*' : (n / 2) % 2 ? '**' : '';
    return [toggle, ...['', '**', '*', '***'].filter((o) => o !== toggle)];
  });
  const pick = runs.map(() => 0);
  for (let tries = 0; tries < MAX_TRIES; tries++) {
    yield pick.map((p, k) => options[k][p]);
    let k = runs.length - 1;
    while (k >= 0 && ++pick[k] === options[k].length) pick[k--] = 0;
    if (k < 0) return;
  }
}

/** Whether runs replaced by `choice` (by position in the text before) read as the fix must. */
function readsAsFixed(before: EmphasisRun[], after: EmphasisRun[], replaced: Map<number, string>): boolean {
  let k = 0;
  for (const run of before) {
    const choice = replaced.get(run.at);
    if (choice === '') continue;
    const now = after[k++];
    if (!now || now.char !== run.char || now.length !== (choice ?? run.char.repeat(run.length)).length) return false;
    if (choice === undefined ? now.literal.some((n, r) => n !== run.literal[r]) : now.literal.some((n, r) => n > run.literal[r])) return false;
  }
  return k === after.length;
}

export const starRun: Check = (body) => {
  const out: Finding[] = [];
  for (const [i, line] of prose(body, { text: /\*\*\*\*/ })) {
    const prefix = ATX.test(line) ? /^ {0,3}#{1,6}[ \t]*/.exec(line)![0] : containerPrefix(line);
    const inline = line.slice(prefix.length);
    if (THEMATIC_BREAK.test(inline) || OPENS_BLOCK.test(inline)) continue; // a rule, or a block nested in the container
    const runs = [...maskLine(inline).matchAll(STAR_RUN)];
    if (!runs.length) continue;
    const paragraph = paragraphAround(body, i, prefix.length);
    let fixed: string | undefined;
    if (paragraph && !starInBrackets(paragraph.text)) {
      const { text, at } = paragraph;
      const before = emphasisRuns(text);
      for (const choice of choices(runs.map((r) => r[0].length))) {
        let candidate = inline;
        for (let k = runs.length - 1; k >= 0; k--) candidate = candidate.slice(0, runs[k].index) + choice[k] + candidate.slice(runs[k].index! + runs[k][0].length);
        if ((OPENS_BLOCK.test(candidate) && !OPENS_BLOCK.test(inline)) || THEMATIC_BREAK.test(candidate)) continue;
        if (runs.some((r, k) => !choice[k] && !joinIsSafe(inline[r.index! - 1] ?? '', inline[r.index! + r[0].length] ?? '', inline.slice(r.index! + r[0].length)))) continue;
        const after = emphasisRuns(text.slice(0, at) + candidate + text.slice(at + inline.length));
        if (!readsAsFixed(before, after, new Map(runs.map((r, k) => [at + r.index!, choice[k]])))) continue;
        fixed = candidate;
        break;
      }
    }
    runs.forEach((r, n) => {
      const found = finding('body-star-run', `${r[0].length} "*" in a row: bold markers run together`, i, prefix.length + r.index!);
      if (fixed === undefined) found.unfixed = 'no reading of the markers keeps the rest of the line as it reads';
      else if (n === 0) found.edits = [{ start: body.starts[i] + prefix.length, end: body.starts[i] + line.length, insert: fixed }];
      out.push(found);
    });
  }
  return out;
};

// Images: `![alt](src "title")`, alone or as a link's only content. Targets with spaces or
// parentheses are not matched (they are percent-encoded in the archive).
const TARGET = String.raw`\([^()\s]+(?:\s+"[^"]*")?\)`;
const IMAGE = new RegExp(String.raw`\[!\[[^\]]*\]${TARGET}\]${TARGET}|!\[[^\]]*\]${TARGET}`, 'g');
/** Alt texts that editors give every image (WeChat's 图片): a heading of one of them is an image that lost its source. */
const PLACEHOLDER_ALT = /^(?:图片|圖片|image|img|photo|picture)$/i;

/** What makes an ATX heading's content (ATX group 2) a body-image-heading: empty, only images, or only a placeholder alt text. */
function imageHeadingKind(content: string): 'empty' | 'image' | 'placeholder' | undefined {
  const images = content.includes('![') ? (maskLine(content).match(IMAGE) ?? []) : [];
  const text = (images.length ? content.replace(IMAGE, '') : content).replace(/[*_\s]/g, '');
  if (!text) return images.length ? 'image' : 'empty';
  return !images.length && PLACEHOLDER_ALT.test(text) ? 'placeholder' : undefined;
}

export const imageHeading: Check = (body) => {
  const out: Finding[] = [];
  for (const [i, line] of prose(body, HEADING_SIGN)) {
    const m = ATX.exec(line);
    if (!m) continue;
    const content = m[2];
    const kind = imageHeadingKind(content);
    const at = (message: string) => finding('body-image-heading', message, i, 0);
    if (kind === 'empty') out.push(withRepair(at('an empty heading'), dropLine(body, i), 'the next line is indented'));
    else if (kind === 'image') out.push(withRepair(at('a heading that holds only an image'), ownBlock(body, i, content.trim()), ''));
    else if (kind === 'placeholder') {
      const text = content.replace(IMAGE, '').replace(/[*_\s]/g, '');
      out.push(withRepair(at(`a heading that holds only the alt text ${JSON.stringify(text)} of a lost image`), dropLine(body, i), 'the next line is indented'));
    }
  }
  return out;
};

/** The words of a heading or paragraph, without Markdown markers. */
const plainText = (md: string) => md.replace(IMAGE, '').replace(/\]\([^)]*\)/g, '').replace(/[\\*_[\]`]/g, '').replace(/\s+/g, ' ').trim();

/**
 * A paragraph in a heading's clothes: too long for a heading, or a sentence closed by a
 * full stop, which Chinese headings never take (GB/T 15834). Markdown of HEADING_FITS
 * units or fewer without a full stop is neither (its plain text is no longer): it is not read.
 */
const readsAsParagraph = (markdown: string) => {
  if (markdown.length <= HEADING_FITS && !markdown.includes('。')) return false;
  const plain = plainText(markdown);
  return tooLongForHeading(plain) || /。$/.test(plain);
};

/** Whether an ATX heading's content is a paragraph in a heading's clothes (body-heading-paragraph). */
const isHeadingParagraph = (content: string) => !!content && readsAsParagraph(content);

export const headingParagraph: Check = (body) => {
  const out: Finding[] = [];
  for (const [i, line] of prose(body, HEADING_SIGN)) {
    const m = ATX.exec(line);
    if (!m || !isHeadingParagraph(m[2])) continue;
    const found = finding('body-heading-paragraph', `a paragraph written as a level-${m[1].trim().length} heading`, i, 0);
    if (OPENS_BLOCK.test(m[2])) found.unfixed = 'its text would open another block';
    else found.edits = [ownBlock(body, i, m[2])];
    out.push(found);
  }
  return out;
};

/** The checks a heading line (decoded) gives work to: the body validator's pre-scan asks this of each `#` line. */
export function headingChecks(line: string): Check[] {
  const m = ATX.exec(line);
  if (!m) return [];
  return [...(imageHeadingKind(m[2]) ? [imageHeading] : []), ...(isHeadingParagraph(m[2]) ? [headingParagraph] : [])];
}

const UNDERLINE = /^ {0,3}(?:=+|-+)[ \t]*$/;
const UNDERLINE_SIGN = { text: /\n {0,3}(?:=+|-+)[ \t]*\n/, line: UNDERLINE };

/** Whether the paragraph lines above a === or --- line make a setext heading that is really a paragraph. */
export function underlinesParagraph(paragraph: string[]): boolean {
  // Only a run of plain paragraph lines makes a setext heading; under a list item, a quote or a heading the line is a rule.
  if (paragraph.some((l) => OPENS_BLOCK.test(l) || containerPrefix(l))) return false;
  return readsAsParagraph(paragraph.join(' '));
}

export const setextParagraph: Check = (body) => {
  const out: Finding[] = [];
  const { signLines, code } = body;
  for (const [i, line] of prose(body, UNDERLINE_SIGN)) {
    if (i === 0 || isBlank(signLines[i - 1]) || code[i - 1]) continue;
    let first = i - 1;
    while (first > 0 && !isBlank(signLines[first - 1]) && !code[first - 1]) first--;
    if (!underlinesParagraph(Array.from({ length: i - first }, (_, k) => body.line(first + k)))) continue;
    out.push(withRepair(finding('body-setext-paragraph', `a paragraph underlined into a level-${line.trim()[0] === '=' ? 1 : 2} heading`, i, 0), dropLine(body, i), 'the next line is indented'));
  }
  return out;
};

/**
 * Whether the line's pieces, each in a paragraph of its own (the first and last joined to
 * the paragraph's lines around them), read as they did: no emphasis, link or code span
 * across an image, every star as visible as before, no piece opening another block.
 */
function splitReadsSame(body: Body, i: number, from: number, blocks: { text: string; image: boolean }[]): boolean {
  const texts = blocks.filter((b) => !b.image).map((b) => b.text);
  if (!lineEditIsSafe(body, i, body.line(i).slice(0, from) + blocks[0].text)) return false;
  if (blocks[0].image && i > 0 && /\\$/.test(body.signLines[i - 1])) return false; // a hard break \ would end its paragraph as text
  if (isLazy(body, i)) return false; // the lines after it would leave the list item or quote
  const following = body.signLines[i + 1];
  if (blocks.at(-1)!.image && following !== undefined && !isBlank(following) && OPENS_BLOCK.test(following)) return false;
  if (!texts.every((t) => balanced(t) && !maskLine(t).includes('_')) || blocks.some((b, n) => n > 0 && !b.image && OPENS_BLOCK.test(b.text))) return false;
  const paragraph = paragraphAround(body, i, from);
  if (!paragraph || blocks.some((b) => b.image && /[*_]/.test(maskLine(b.text)))) return false;
  const { text, at } = paragraph;
  const lineEnd = at + body.line(i).length - from;
  const paragraphs = [...blocks];
  const first = paragraphs[0].image ? { text: '', image: false } : paragraphs.shift()!;
  const last = paragraphs.at(-1)!.image ? { text: '', image: false } : paragraphs.pop()!;
  const after = [text.slice(0, at) + first.text, ...paragraphs.filter((b) => !b.image).map((b) => b.text), last.text + text.slice(lineEnd)];
  return sameEmphasis(emphasisRuns(text), after.flatMap(emphasisRuns));
}

/**
 * An image and text on one line: the image goes to a paragraph of its own, the text
 * around it stays where it was. Left alone when a piece of the text would read
 * differently alone (emphasis, a link or code span across the image, a block marker).
 */
/** The pieces of a line with an image glued to text (its heading or container prefix apart), or undefined when it has none. */
function gluedLine(line: string): { heading?: string; prefix: string; col: number; blocks: { text: string; image: boolean }[] } | undefined {
  const heading = /^ {0,3}#{1,6}[ \t]+/.exec(line)?.[0];
  const prefix = heading ?? containerPrefix(line);
  // A heading's closing #s are not text: they go with the split.
  const inline = heading ? ATX.exec(line)![2] : line.slice(prefix.length);
  if (inline.startsWith('|') || inline.trimEnd().endsWith('|')) return undefined; // a table row: images in cells are fine
  const masked = maskLine(inline);
  const images = [...masked.matchAll(IMAGE)];
  if (!images.length) return undefined;
  // Pieces: text, image group, text, ... (images with only spaces between stay together).
  const pieces: { text: string; image: boolean }[] = [];
  let at = 0;
  for (const m of images) {
    const between = inline.slice(at, m.index);
    const image = inline.slice(m.index, m.index! + m[0].length);
    const last = pieces.at(-1);
    if (last?.image && !between.trim()) last.text += between + image;
    else pieces.push({ text: between, image: false }, { text: image, image: true });
    at = m.index! + m[0].length;
  }
  pieces.push({ text: inline.slice(at), image: false });
  const blocks = pieces.map((p) => ({ text: p.image ? p.text : p.text.trim(), image: p.image })).filter((p) => p.text);
  // Emphasis markers around an image (`**![](src)**`) are no text beside it.
  if (blocks.every((b) => b.image || !/[^\s*_]/.test(maskLine(b.text)))) return undefined;
  return { heading, prefix, col: prefix.length + images[0].index!, blocks };
}

/** The lines where an image may be glued to text: those with an image that do not hold only images. */
const GLUED_SIGN = { text: /!\[/, keep: (l: string) => !IMAGES_ONLY.test(l) };

/**
 * A line's Latin-1 bytes of nothing but images (with ASCII targets) and emphasis markers, and
 * no escape, code span or tag: a line where gluedLine finds no text beside an image.
 */
const TARGET_ASCII = String.raw`\([^()\s\x80-\xff]+(?:[ \t]+"[^"]*")?\)`;
const IMAGES_AND_MARKERS = new RegExp(String.raw`^[ \t*_]*(?:(?:\[!\[[^\]]*\]${TARGET_ASCII}\]${TARGET_ASCII}|!\[[^\]]*\]${TARGET_ASCII})[ \t*_]*)+$`);

/**
 * Whether a line with an image gives body-glued-image work, from its Latin-1 bytes and, when
 * they do not tell, from its text: the body pre-scan asks this of each line with `![`.
 */
export const mayGlueImage = (bytes: string, decode: () => string) =>
  GLUED_SIGN.keep(bytes) && (!IMAGES_AND_MARKERS.test(bytes) || /[\\`<]/.test(bytes)) && gluedLine(decode()) !== undefined;

export const gluedImage: Check = (body) => {
  const out: Finding[] = [];
  for (const [i, line] of prose(body, GLUED_SIGN)) {
    const glued = gluedLine(line);
    if (!glued) continue;
    const { heading, prefix, col, blocks } = glued;
    const found = finding('body-glued-image', 'an image on the same line as text', i, col);
    if (!splitReadsSame(body, i, prefix.length, blocks)) found.unfixed = 'the text around it would read differently on its own';
    else {
      const next = heading ? '' : continuation(prefix);
      const separator = `\n${next.trimEnd()}\n${next}`;
      // An image first or last is kept apart from the lines around it too.
      const before = !prefix && i > 0 && !isBlank(body.signLines[i - 1]) && blocks[0].image ? '\n' : '';
      // After a heading, the next line started a block of its own: it still must.
      const following = i + 1 < body.signLines.length && !isBlank(body.signLines[i + 1]) ? body.signLines[i + 1] : undefined;
      const after = following === undefined ? '' : heading ? '\n' : blocks.at(-1)!.image && !prefix ? '\n' : '';
      found.edits = [{ start: body.starts[i] + prefix.length, end: body.starts[i] + line.length, insert: before + blocks.map((b) => b.text).join(separator) + after }];
    }
    out.push(found);
  }
  return out;
};
