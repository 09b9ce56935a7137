// When a "heading" is a paragraph set in a heading tag by mistake: the converter writes
// such text as a paragraph, and validate's body rules flag it in the archive.

/** Code points (mostly Han text) or words (other text) past which a heading reads as a paragraph. */
const HEADING_MAX_CJK = 60;
const HEADING_MAX_WORDS = 25;

/**
 * A text of at most this many UTF-16 units, with single spaces between its words, fits a
 * heading: it holds at most as many code points, and 26 words need 51 units. Lets a caller
 * pass a short heading without reading it (validate's body pre-scan).
 */
export const HEADING_FITS = Math.min(HEADING_MAX_CJK, 2 * HEADING_MAX_WORDS);

/** Whether plain text (no Markdown markers) is too long to be a heading. */
export function tooLongForHeading(plain: string): boolean {
  const han = plain.match(/\p{Script=Han}/gu)?.length ?? 0;
  return han > plain.length / 3 ? Array.from(plain).length > HEADING_MAX_CJK : plain.split(' ').length > HEADING_MAX_WORDS;
}
