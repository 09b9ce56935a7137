// What extraction reads off a page once (its index, its text, its metadata), kept on the
// page object itself. A WeakMap keyed by pages would do the same, but V8 keeps a WeakMap's
// entries alive through young-generation collections: every page's tree then survived
// until the next full collection, and each scavenge copied the trees of the last dozen
// pages (see also parse.ts, whose Cheerio did the same).
import type { Page } from './types.js';

/** `compute`, run once per page: its value (undefined included) is kept on the page. */
export function perPage<T>(compute: (page: Page) => T): (page: Page) => T {
  const key = Symbol(compute.name);
  return (page) => {
    const store = page as unknown as Record<symbol, T>;
    if (!(key in store)) store[key] = compute(page);
    return store[key];
  };
}
