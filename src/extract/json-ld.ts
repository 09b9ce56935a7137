// The page's JSON-LD (schema.org) objects: what sites declare about the article.
import { blockText } from '../text.js';
import { simpleSelect } from './page-index.js';
import { perPage } from './per-page.js';
import type { Page } from './types.js';

/** JSON-LD objects of the page, @graph flattened; read once per page. */
export const jsonLd = perPage(function jsonLd(page: Page): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const el of simpleSelect(page, 'script[type="application/ld+json"]')!) {
    try {
      const add = (v: unknown): void => {
        if (Array.isArray(v)) v.forEach(add);
        else if (v && typeof v === 'object') {
          out.push(v as Record<string, unknown>);
          const graph = (v as Record<string, unknown>)['@graph'];
          if (graph) add(graph);
        }
      };
      // XHTML pages wrap it in CDATA (`<![CDATA[ {...} ]]>`, sometimes behind `//`).
      add(JSON.parse(blockText(el.children).replace(/^\s*(?:\/\/\s*)?<!\[CDATA\[|(?:\/\/\s*)?\]\]>\s*$/g, '')));
    } catch {
      // Broken JSON-LD is common; the other rules still apply.
    }
  }
  return out;
});

const ARTICLE_TYPES = /Article|Posting|Report|BlogPosting/;

export const ldType = (o: Record<string, unknown>) => String(o['@type'] ?? '');
export const isArticle = (o: Record<string, unknown>) => ARTICLE_TYPES.test(ldType(o));
export const ldArticle = (page: Page) => jsonLd(page).find(isArticle);

/** A JSON-LD value as text: a string, the first of a list, or an object's url. */
export function ldText(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return ldText(v[0]);
  if (v && typeof v === 'object') return ldText((v as Record<string, unknown>).url);
  return undefined;
}

/** An object's name (publisher, website), for telling the site's name from a title. */
export function ldName(v: unknown): string | undefined {
  if (Array.isArray(v)) return ldName(v[0]);
  if (v && typeof v === 'object') {
    const name = (v as Record<string, unknown>).name;
    return typeof name === 'string' ? name : undefined;
  }
  return undefined;
}
