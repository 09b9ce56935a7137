/** Code points that carry no text: zero-width space, word joiner, BOM, Mongolian vowel separator. */
export const INVISIBLE = /[\u200b\u2060\ufeff\u180e]/g;

/**
 * ARCHIVE.md section 3 over clean text: Chinese keeps texts under 80 code points
 * whole, else 50 code points and `...`; other languages keep under 50 words whole,
 * else 50 words and `...`. Whitespace runs (block boundaries included) fold to one space.
 */
export function summarize(text: string, lang: string): string {
  const clean = text.replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
  if (!clean) return '';
  if (lang.startsWith('zh')) {
    const points = Array.from(clean);
    if (points.length < 80) return clean;
    return points.slice(0, 50).join('').trimEnd() + '...';
  }
  const words = clean.split(' ');
  if (words.length < 50) return clean;
  return words.slice(0, 50).join(' ') + '...';
}
