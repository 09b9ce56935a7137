// U+200C and U+200D shape emoji sequences and joining scripts (Arabic, Indic). Next to Han,
// kana, Hangul, whitespace, punctuation or a line's edge they join nothing: editors leave
// them there (WeChat, Yahoo), and the converter drops them, as validate's body-idle-joiner flags them.
const NO_JOINING = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{P}\s]/u;

/** Whether joiners between these two characters ('' at a line's edge) join nothing. */
export const joinersIdle = (before: string, after: string) => before === '' || after === '' || NO_JOINING.test(before) || NO_JOINING.test(after);

/** The text without its idle joiners. */
export function dropIdleJoiners(text: string): string {
  if (!/[\u200c\u200d]/.test(text)) return text;
  return text.replace(/[\u200c\u200d]+/g, (run, at: number, all: string) => (joinersIdle(all[at - 1] === '\n' ? '' : (all[at - 1] ?? ''), all[at + run.length] === '\n' ? '' : (all[at + run.length] ?? '')) ? '' : run));
}
