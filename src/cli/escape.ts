// Text from a page, a post, a list or a file name, made safe to print. A terminal obeys
// the control characters it receives (ESC and C1 CSI start sequences that recolour,
// retitle, move the cursor or, in some terminals, answer back into the input), a newline
// lets a value forge a line of its own, and bidirectional overrides reorder what the
// reader sees (Trojan Source). Each is shown as an escape instead: `\x1b`, `\n`, `\u202e`.

/** Controls other than tab, LF and CR; C1; line and paragraph separators; bidi embeddings, overrides and isolates. */
const OTHERS = '\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069';
const UNSAFE = new RegExp(`[\\t\\n\\r${OTHERS}]`, 'g');
const UNSAFE_BUT_LINES = new RegExp(`[\\r${OTHERS}]`, 'g');
const UNSAFE_BUT_LINE_BREAKS = new RegExp(`[\\t${OTHERS}]`, 'g');
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

const shown = (c: string) => {
  const code = c.charCodeAt(0);
  return NAMED[c] ?? (code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`);
};

/** One line of text for the terminal: every control character escaped. */
export const forTerminal = (text: string) => text.replace(UNSAFE, shown);

/** Text of several lines (a Markdown body): newlines and tabs kept, every other control escaped. */
export const linesForTerminal = (text: string) => text.replace(UNSAFE_BUT_LINES, shown);

// GitHub workflow commands (docs "Workflow commands for GitHub Actions"): a message escapes
// %, CR and LF; a property (file=..., title=...) also : and ,. Other controls are shown
// as escapes, as on a terminal: the runner prints the message in the log.
export const githubData = (text: string) =>
  text.replace(UNSAFE_BUT_LINE_BREAKS, shown).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
export const githubProperty = (text: string) => githubData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
