// Colour only for a person at a terminal, and never when NO_COLOR is set (no-color.org).
const enabled = () => Boolean(process.stderr.isTTY) && !('NO_COLOR' in process.env && process.env.NO_COLOR !== '');

const paint = (code: number) => (text: string) => (enabled() ? `\u001b[${code}m${text}\u001b[39m` : text);

export const red = paint(31);
export const yellow = paint(33);
export const green = paint(32);
