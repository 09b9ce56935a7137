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
    .replace(/~~/g, '\\~\\~');
  out = escapeLinkOpenings(out);
  for (const [pattern, replacement] of LINE_START) out = out.replace(pattern, replacement);
  return out;
}

/** Text for an image's alt or a link's text inside brackets. */
export const escapeBrackets = (text: string) => text.replace(/([[\]\\])/g, '\\$1');

/**
 * `[` escaped where it would start a link: where the first `]` after it is followed by
 * `(`. One pass from the end, carrying what the nearest `]` is followed by; the lookahead
 * `/\[(?=[^\]]*\]\()/` reads from every `[` to its `]`, quadratic on a run of `[`.
 */
function escapeLinkOpenings(text: string): string {
  if (!text.includes('](')) return text;
  const parts: string[] = [];
  let closesLink = false;
  let end = text.length;
  for (let i = text.length - 1; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (c === 93) closesLink = text.charCodeAt(i + 1) === 40; // ']' then '('
    else if (c === 91 && closesLink) {
      parts.push(text.slice(i, end));
      parts.push('\\');
      end = i;
    }
  }
  parts.push(text.slice(0, end));
  return parts.reverse().join('');
}
