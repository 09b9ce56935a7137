// The defects of ARCHIVE.md section 4, and the text-retention measure, as functions.

/** Lines outside fenced code. */
export function proseLines(markdown: string): string[] {
  const out: string[] = [];
  let fence = '';
  for (const line of markdown.split('\n')) {
    const mark = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence) {
      if (mark && mark[0] === fence[0] && mark.length >= fence.length) fence = '';
      continue;
    }
    if (mark) {
      fence = mark;
      continue;
    }
    out.push(line);
  }
  return out;
}

const TARGET = String.raw`\((?:\\.|[^)\\"]|"(?:\\.|[^"\\])*")*\)`;
const IMAGE = String.raw`(?<!\\)!\[(?:\\.|[^\]\\])*\]` + TARGET;
const IMAGE_LINE = new RegExp(String.raw`^\s*(?:>\s*)*(?:[*+-] |\d+\. )?\s*(?:\[${IMAGE}\]${TARGET}|${IMAGE})\s*$`);

/** Each defect found, by name. */
export function markdownDefects(markdown: string): string[] {
  const found: string[] = [];
  const lines = proseLines(markdown);
  const prose = lines.join('\n');
  if (/(?<!\\)\*\*\*\*/.test(prose)) found.push('****');
  if (/!\[[^\]]*\]\(\s*\)/.test(prose)) found.push('![]() image without source');
  if (lines.some((l) => /^#{1,6}\s*$/.test(l) || new RegExp(`^#{1,6}\\s*(${IMAGE}\\s*)+$`).test(l))) found.push('empty or image-only heading');
  if (/^[ \t\u00a0\u3000]+$/m.test(markdown)) found.push('whitespace-only line');
  if (/\n\n\n\n/.test(markdown)) found.push('three blank lines in a row');
  if (lines.some((l) => l.includes('![') && new RegExp(IMAGE).test(l) && !IMAGE_LINE.test(l))) found.push('image not on its own line');
  if (/[\u200b\ufeff]/.test(markdown)) found.push('zero-width character');
  if (/\]\(\)/.test(prose)) found.push('lost link target');
  return found;
}

/** Han characters one by one, other letters and digits as words. */
export function tokens(text: string): string[] {
  return text.replace(/\p{Script=Han}/gu, ' $& ').match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Markdown to its reading text: images and link targets out, escapes and markers dropped. */
export function markdownText(markdown: string): string {
  return markdown
    .replace(new RegExp(IMAGE, 'g'), ' ')
    .replace(new RegExp(String.raw`\]${TARGET}`, 'g'), '')
    .replace(/(?<!\\)(\[|\*+|_+|~~|`+)/g, '')
    .replace(/\\(.)/g, '$1');
}

/** Share of the reference tokens (as a multiset) found in the candidate. */
export function retention(reference: string, candidate: string): { kept: number; total: number; ratio: number; lost: string[] } {
  const have = new Map<string, number>();
  for (const t of tokens(candidate)) have.set(t, (have.get(t) ?? 0) + 1);
  let kept = 0;
  const lost: string[] = [];
  const ref = tokens(reference);
  for (const t of ref) {
    const n = have.get(t) ?? 0;
    if (n > 0) {
      kept++;
      have.set(t, n - 1);
    } else lost.push(t);
  }
  return { kept, total: ref.length, ratio: ref.length ? kept / ref.length : 1, lost };
}
