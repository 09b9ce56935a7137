// What extraction reads off a page once (its index, its text, its metadata), kept on the
// page object itself. A WeakMap keyed by pages would do the same, but V8 keeps a WeakMap's
// entries alive through young-generation collections: every page's tree then survived
// until the next full collection, and each scavenge copied the trees of the last dozen
// pages (see also parse.ts, whose Cheerio did the same).
import type { Page } from './types.js';

/** The page's computed values, each in its slot: one property, read on every query of the index. */
const VALUES = Symbol('per-page values');
let slots = 0;

/** `compute`, run once per page: its value (undefined included) is kept on the page. */
export function perPage<T>(compute: (page: Page) => T): (page: Page) => T {
  const slot = slots++;
  return (page) => {
    const values = ((page as { [VALUES]?: unknown[] })[VALUES] ??= []);
    if (!(slot in values)) values[slot] = compute(page);
    return values[slot] as T;
  };
}
