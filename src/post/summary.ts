/** Code points that carry no text: zero-width space, word joiner, BOM, Mongolian vowel separator. */
export const INVISIBLE = /[\u200b\u2060\ufeff\u180e]/g;

/** Whitespace runs folded to one space, invisible code points dropped, ends trimmed. */
const fold = (text: string) => text.replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();

/** The first window of text read; each next one is four times as long. */
const FIRST_WINDOW = 2048;

/**
 * Where the first `count` code points of a text end (a surrogate pair is one, a lone
 * surrogate too, as `Array.from` splits a string), or undefined when it holds fewer.
 */
function codePointEnd(text: string, count: number): number | undefined {
  let at = 0;
  for (let n = 0; n < count; n++) {
    if (at >= text.length) return undefined;
    const pair = text.charCodeAt(at) >= 0xd800 && text.charCodeAt(at) <= 0xdbff && text.charCodeAt(at + 1) >= 0xdc00 && text.charCodeAt(at + 1) <= 0xdfff;
    at += pair ? 2 : 1;
  }
  return at;
}

/**
 * ARCHIVE.md section 3 over clean text: Chinese keeps texts under 80 code points
 * whole, else 50 code points and `...`; other languages keep under 50 words whole,
 * else 50 words and `...`. Whitespace runs (block boundaries included) fold to one space.
 *
 * Only as much of the text is folded as the summary needs: a prefix that already holds
 * more than the limit decides it, and the body of a long page (megabytes) is not copied
 * and split whole for 50 words.
 */
export function summarize(text: string, lang: string): string {
  for (let window = FIRST_WINDOW; ; window *= 4) {
    const whole = window >= text.length;
    const clean = fold(whole ? text : text.slice(0, window));
    if (lang.startsWith('zh')) {
      // A cut adds no code point (a split pair counts as one, trailing space is trimmed).
      const cut = codePointEnd(clean, 50);
      if (codePointEnd(clean, 80) !== undefined) return clean.slice(0, cut).trimEnd() + '...';
      if (whole) return clean;
    } else {
      const words = clean.split(' ');
      // The last word of a prefix may go on past the cut: it never counts.
      if (!whole) words.pop();
      if (words.length >= 50) return words.slice(0, 50).join(' ') + '...';
      if (whole) return clean;
    }
  }
}
