// JSON objects that pages assign in inline scripts (`window.DATA = {...}`, `var allData = {...}`).
import type { Text } from 'domhandler';
import { elementsByTag } from './page-index.js';
import type { Page } from './types.js';

/**
 * The `{` right after each match of `prefix` (whitespace between them allowed), in page
 * order. The regex has consumed the whitespace, so the brace must follow at once: looking
 * further ahead for one from every match would rescan the page once per match.
 */
function openings(html: string, prefix: RegExp): number[] {
  const out: number[] = [];
  const re = new RegExp(prefix.source, 'g');
  for (let m = re.exec(html); m; m = re.exec(html)) {
    const open = m.index + m[0].length;
    if (html.charCodeAt(open) === 123) out.push(open); // '{'
    if (m[0].length === 0) re.lastIndex++;
  }
  return out;
}

/**
 * The balanced `{...}` literal of each opening that closes before `</script`, strings
 * respected, as [start, end) pairs in page order.
 *
 * One forward scan, never twice over the same text: scanning each opening's object on
 * its own rescans everything after it for every opening, and a page of
 * `window.DATA = {` repeated (each one unclosed) takes minutes at 600 KB. The scan starts
 * at an opening with no quote open and stops once every opening met is closed (the next
 * opening then starts afresh, as it would on its own) or at `</script` (none of the open
 * ones closes). An opening met inside an open one is seen in the same state as on its
 * own, unless it lies inside a quoted string - and then it is text, not an assignment.
 * A quote ends at a line break, which neither JSON nor a JS string holds raw, so that an
 * unterminated string in a broken assignment does not hide the next line's.
 */
function balancedObjects(html: string, starts: readonly number[]): Array<[number, number]> {
  const found: Array<[number, number]> = [];
  // The openings still open: where each starts, the brace depth inside it, and how many
  // openings had been met when it opened (see `nested` below).
  const open: Array<{ start: number; depth: number; met: number }> = [];
  let met = 0;
  let next = 0;
  while (next < starts.length) {
    let i = starts[next];
    let quote = 0;
    let depth = 0;
    open.length = 0;
    for (; i < html.length; i++) {
      const c = html.charCodeAt(i);
      if (quote) {
        if (c === 92) i++; // backslash
        else if (c === quote || c === 10 || c === 13) quote = 0;
        continue;
      }
      if (c === 34 || c === 39) quote = c;
      else if (c === 123) {
        while (next < starts.length && starts[next] < i) next++; // openings passed inside strings
        if (starts[next] === i) {
          open.push({ start: i, depth, met: ++met });
          next++;
        }
        depth++;
      } else if (c === 125 && depth > 0) {
        depth--;
        const top = open.at(-1);
        if (top && top.depth === depth) {
          open.pop();
          // An opening that held another one holds `window.DATA =` outside any string: no JSON.
          // Skipping it keeps the literals parsed disjoint, so that parsing them is linear too.
          const nested = met > top.met;
          if (!nested) found.push([top.start, i + 1]);
          if (!open.length) break;
        }
      } else if (c === 60 && html.startsWith('</script', i)) break;
    }
    while (next < starts.length && starts[next] <= i) next++;
  }
  return found.sort((a, b) => a[0] - b[0]);
}

/**
 * Every object assigned by `prefix` that parses as JSON, in page order. A broken
 * earlier assignment (an unclosed `{` before the real one) is skipped, not fatal.
 */
export function assignedJson(html: string, prefix: RegExp): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  for (const [start, end] of balancedObjects(html, openings(html, prefix))) {
    try {
      const value = JSON.parse(html.slice(start, end));
      if (value && typeof value === 'object' && !Array.isArray(value)) found.push(value as Record<string, unknown>);
    } catch {
      // Not JSON (a JS object literal, or a truncated one): try the next assignment.
    }
  }
  return found;
}

/**
 * assignedJson over each of the page's scripts, in page order: the assignments live there,
 * and reading the scripts' text spares joining the whole page's (decode.ts) on every page
 * whose adapter fingerprint looks for one.
 */
export function scriptAssignedJson(page: Page, prefix: RegExp): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  for (const script of elementsByTag(page, 'script')) {
    // A script's text is one node (the parser makes one per run of text): read as it is.
    const text = script.children.length === 1 ? ((script.children[0] as Text).data ?? '') : script.children.map((c) => (c as Text).data ?? '').join('');
    // Most scripts assign nothing of the kind: one test spares them a global scan.
    if (prefix.test(text)) found.push(...assignedJson(text, prefix));
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
