// Escaping only what would change the meaning of the text, never Chinese punctuation.

const LINE_START: [RegExp, string][] = [
  [/^(#{1,6})(?=[ \t]|$)/gm, '\\$1'], // ATX heading
  [/^>/gm, '\\>'], // block quote
  [/^([-+])(?=[ \t])/gm, '\\$1'], // bullet
  [/^(\d{1,9})([.)])(?=[ \t]|$)/gm, '$1\\$2'], // ordered item
  [/^(=+|-+)[ \t]*$/gm, '\\$1'], // setext underline (or a rule)
  [/^(~~~|```)/gm, '\\$1'], // code fence
];

/** Characters that may need an escape; text without any (most Chinese text) is returned as it is. */
const SPECIAL = /[\\*_`<&[~#>+\-=.)]/;

/** Escapes a text node for Markdown. `*` and `_` always, as the archive does; the rest only where it matters. */
export function escapeText(text: string): string {
  if (!SPECIAL.test(text)) return text;
  let out = text
    .replace(/\\(?=[!-/:-@[-`{-~])/g, '\\\\') // a backslash that would escape the next character
    .replace(/([*_`])/g, '\\$1')
    .replace(/<(?=[A-Za-z/!?])/g, '\\<') // would start raw HTML
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, '\\&') // would be read as an entity
    .replace(/\[(?=[^\]]*\]\()/g, '\\[') // would start a link
    .replace(/~~/g, '\\~\\~');
  for (const [pattern, replacement] of LINE_START) out = out.replace(pattern, replacement);
  return out;
}

/** Text for an image's alt or a link's text inside brackets. */
export const escapeBrackets = (text: string) => text.replace(/([[\]\\])/g, '\\$1');
