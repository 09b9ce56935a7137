// Colour: one decision per output stream, the one every command uses. In the order of
// precedence of Node (tty.WriteStream.getColorDepth) and chalk (supports-color):
//  1. --color / --no-color on the command line;
//  2. FORCE_COLOR as Node reads it: "", "1", "true", "2" and "3" turn colour on (16, 256 and
//     16 million colours: pressclip uses the basic 8, so any level is "on"), "0", "false"
//     and any other value turn it off; like Node, it overrules NO_COLOR;
//  3. NO_COLOR set and not empty (no-color.org), NODE_DISABLE_COLORS (Node's own) or
//     TERM=dumb: off;
//  4. else colour only when the stream is a terminal - a file or a pipe gets plain text.

let flag: boolean | undefined;

/** --color (true), --no-color (false), or neither (undefined). */
export function setColorFlag(value: boolean | undefined): void {
  flag = value;
}

/** Whether text written to `stream` is coloured. */
export function colorOn(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  if (flag !== undefined) return flag;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return ['', '1', 'true', '2', '3'].includes(force);
  if (env.NO_COLOR || env.NODE_DISABLE_COLORS !== undefined || env.TERM === 'dumb') return false;
  return Boolean(stream.isTTY);
}

const sgr = (on: number, off: number) => (enabled: boolean) => (text: string) => (enabled ? `\u001b[${on}m${text}\u001b[${off}m` : text);
const STYLES = { red: sgr(31, 39), yellow: sgr(33, 39), green: sgr(32, 39), bold: sgr(1, 22), dim: sgr(2, 22), underline: sgr(4, 24) };

export type Palette = { [name in keyof typeof STYLES]: (text: string) => string };

/** The styles, painting when `enabled` and leaving the text alone otherwise. */
export const palette = (enabled: boolean): Palette =>
  Object.fromEntries(Object.entries(STYLES).map(([name, style]) => [name, style(enabled)])) as Palette;

// Messages go to stderr: its decision, made at each call (the flag is set once the command line is read).
const onStderr = (name: keyof typeof STYLES) => (text: string) => STYLES[name](colorOn(process.stderr))(text);
export const red = onStderr('red');
export const yellow = onStderr('yellow');
export const green = onStderr('green');
