// Where a feed's items are: its archive folder, and the line each item starts on.
import path from 'node:path';

/** The folder of a feed: `news/data/<folder>/x.json`, or `<folder>__x.json` for flattened copies. */
export function feedFolder(file: string): string {
  const base = path.basename(file);
  const flat = /^(.+?)__/.exec(base);
  return flat ? flat[1] : path.basename(path.dirname(path.resolve(file)));
}

/** The line on which each element of the top-level "data" array starts. */
export function feedItemLines(json: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let inString = false;
  let dataDepth = -1;
  let lastKey = '';
  let keyStart = -1;
  for (let i = 0; i < json.length; i++) {
    const c = json[i];
    if (c === '\n') line++;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') {
        inString = false;
        if (depth === 1) lastKey = json.slice(keyStart + 1, i);
      }
      continue;
    }
    if (c === '"') {
      inString = true;
      keyStart = i;
      if (dataDepth >= 0 && depth === dataDepth + 1) lines.push(line);
    } else if (c === '{' || c === '[') {
      if (dataDepth >= 0 && depth === dataDepth + 1) lines.push(line);
      depth++;
      if (c === '[' && depth === 2 && lastKey === 'data' && dataDepth < 0) dataDepth = 1;
    } else if (c === '}' || c === ']') {
      depth--;
      if (dataDepth >= 0 && depth === dataDepth) dataDepth = -2; // the data array closed
    } else if (dataDepth >= 0 && depth === dataDepth + 1 && /[-0-9tfn]/.test(c) && /[[,\s]/.test(prevSignificant(json, i))) lines.push(line);
  }
  return lines;
}

function prevSignificant(s: string, i: number): string {
  for (let j = i - 1; j >= 0; j--) if (!/\s/.test(s[j])) return s[j];
  return '';
}
