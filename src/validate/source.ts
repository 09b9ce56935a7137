// What validate reads of a post file, from its bytes: the front matter block decoded,
// and the file's ending (last line, final newline). The body is never decoded, which
// is most of the cost of reading 30,000 files.

export interface Ending {
  /** 'one' as the archive writes; 'none'; or 'blank-lines' after the last line. */
  newline: 'one' | 'none' | 'blank-lines';
  /** The last line that holds something, without its newline. */
  lastLine: string;
  lastLineNo: number;
  /** Lines in the file, for problems "at the end". */
  lineCount: number;
  /** Whether the last line lies after the front matter (there is a body at all). */
  afterFrontMatter: boolean;
}

export interface PostSource {
  /** The file's text up to the end of the front matter block (the whole file when it never closes). */
  head: string;
  /** The byte offset just past the front matter's closing line (where the body starts), or -1. */
  frontMatterEnd: number;
  ending: Ending;
}

const NL = 10;
const isSpace = (b: number) => b === 32 || b === 9 || b === 10 || b === 13;

/** Offset just past the line `---` that closes the front matter, or -1. */
export function frontMatterEnd(bytes: Buffer): number {
  if (!(bytes[0] === 45 && bytes[1] === 45 && bytes[2] === 45)) return -1;
  for (let i = bytes.indexOf('\n---', 3); i >= 0; i = bytes.indexOf('\n---', i + 1)) {
    let j = i + 4;
    while (bytes[j] === 32 || bytes[j] === 9) j++;
    if (j >= bytes.length) return j;
    if (bytes[j] === NL) return j + 1;
    if (bytes[j] === 13 && bytes[j + 1] === NL) return j + 2;
  }
  return -1;
}

function countNewlines(bytes: Buffer, end: number): number {
  let n = 0;
  for (let i = bytes.indexOf(NL); i >= 0 && i < end; i = bytes.indexOf(NL, i + 1)) n++;
  return n;
}

export function readSource(bytes: Buffer): PostSource {
  const fmEnd = frontMatterEnd(bytes);
  const head = bytes.toString('utf8', 0, fmEnd >= 0 ? fmEnd : bytes.length);
  let end = bytes.length;
  while (end > 0 && isSpace(bytes[end - 1])) end--;
  const lineStart = end > 0 ? bytes.lastIndexOf(NL, end - 1) + 1 : 0;
  const trailingNewlines = countNewlines(bytes.subarray(end), bytes.length - end);
  const endsWithNewline = bytes[bytes.length - 1] === NL;
  const before = countNewlines(bytes, lineStart);
  const newlines = before + countNewlines(bytes.subarray(lineStart), bytes.length - lineStart);
  return {
    head,
    frontMatterEnd: fmEnd,
    ending: {
      newline: !endsWithNewline ? 'none' : trailingNewlines > 1 ? 'blank-lines' : 'one',
      lastLine: bytes.toString('utf8', lineStart, end),
      lastLineNo: before + 1,
      lineCount: newlines + (endsWithNewline ? 0 : 1),
      afterFrontMatter: fmEnd >= 0 && lineStart >= fmEnd,
    },
  };
}
