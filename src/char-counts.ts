// Counting the characters of a text by class (letters, Han, whitespace...) without a
// regexp match per character: `text.match(/\p{L}/gu)` makes a string and an array slot
// per letter, and a per-character `test` runs the regexp engine 6,000 times for a sample.
// Each character is tested once per process, and its classes kept in a table.

/** Known: the character's bits are filled in. */
const KNOWN = 1 << 30;

/**
 * A counter of the code points of a text in each class, a class being a regexp that
 * tests one character (up to thirty classes). It counts what `text.match(re)?.length`
 * counts for a global `re` with the `u` flag; a class without it (`/[們個]/g`) counts the
 * same on any text when each of its matches is one code point (a character of the Basic
 * Multilingual Plane other than a surrogate, or a surrogate pair). The
 * last count is the number of code points (a lone surrogate is one, as `for...of` has it).
 */
export function charCounter(classes: readonly RegExp[]): (text: string) => number[] {
  if (classes.length > 30) throw new Error('at most thirty classes');
  const tests = classes.map((re) => new RegExp(re.source, re.flags.replace('g', '')));
  const classify = (ch: string) => tests.reduce((bits, re, i) => (re.test(ch) ? bits | (1 << i) : bits), KNOWN);
  const bmp = new Int32Array(65536);
  const astral = new Map<number, number>();
  return (text) => {
    const counts = new Array<number>(classes.length + 1).fill(0);
    let points = 0;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      let bits: number;
      const low = code >= 0xd800 && code <= 0xdbff && i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
      if (low >= 0xdc00 && low <= 0xdfff) {
        const point = (code - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
        bits = astral.get(point) ?? 0;
        if (!bits) astral.set(point, (bits = classify(String.fromCodePoint(point))));
        i++;
      } else {
        bits = bmp[code];
        if (!bits) bmp[code] = bits = classify(String.fromCharCode(code));
      }
      points++;
      // Each class bit set, lowest first.
      for (let rest = bits & ~KNOWN; rest !== 0; rest &= rest - 1) counts[31 - Math.clz32(rest & -rest)]++;
    }
    counts[classes.length] = points;
    return counts;
  };
}
