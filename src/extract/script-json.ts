// JSON objects that pages assign in inline scripts (`window.DATA = {...}`, `var allData = {...}`).

/** The balanced `{...}` starting at `start`, strings respected; undefined when it never closes. */
function balancedObject(text: string, start: number): string | undefined {
  let depth = 0;
  let quote = '';
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return text.slice(start, i + 1);
    else if (c === '<' && text.startsWith('</script', i)) return undefined;
  }
  return undefined;
}

/**
 * Every object assigned by `prefix` that parses as JSON, in page order. A broken
 * earlier assignment (an unclosed `{` before the real one) is skipped, not fatal.
 */
export function assignedJson(html: string, prefix: RegExp): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  const re = new RegExp(prefix.source, 'g');
  for (let m = re.exec(html); m; m = re.exec(html)) {
    const open = html.indexOf('{', m.index + m[0].length - 1);
    if (open < 0 || /\S/.test(html.slice(m.index + m[0].length, open))) continue;
    const literal = balancedObject(html, open);
    if (!literal) continue;
    try {
      const value = JSON.parse(literal);
      if (value && typeof value === 'object' && !Array.isArray(value)) found.push(value as Record<string, unknown>);
    } catch {
      // Not JSON (a JS object literal, or a truncated one): try the next assignment.
    }
  }
  return found;
}

/** A nested value by path, or undefined. */
export function pick(obj: unknown, ...path: string[]): unknown {
  let cur = obj;
  for (const key of path) {
    if (!cur || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

export const asText = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);
