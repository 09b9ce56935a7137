// Stage 3: text to a DOM. htmlparser2 (cheerio/slim) rather than parse5: about 8x
// faster on large pages, and forgiving enough for real-world markup.
import { load, type CheerioAPI } from 'cheerio/slim';

export type { CheerioAPI };

export function parseHtml(html: string): CheerioAPI {
  return load(html);
}

/** A fragment (a body held in a JSON string, say) parsed on its own. */
export function parseFragment(html: string): CheerioAPI {
  return load(html, null, false);
}
