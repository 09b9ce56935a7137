// Language tags: a declared tag in one form, mapped to a language of the site, named in
// messages. What a page's text is written in is extraction's (extract/language.ts).
import { ICU_LANGUAGE_CODES } from './language-codes.js';
import { LANGS, type Lang } from './post/schema.js';

/** Whether ICU names a language code (two or three letters). */
const knownLanguage = (code: string) => ICU_LANGUAGE_CODES.has(code);

/**
 * A declared tag in one form: `en_US` -> `en-US`; Chinese as the archive's zh-CN
 * (simplified: zh, zh-CN, zh-SG, zh-Hans) or zh-HK (traditional: zh-HK, zh-TW, zh-MO, zh-Hant).
 */
export function normaliseTag(tag: string | undefined): string | undefined {
  const t = tag?.trim().toLowerCase().replace(/_/g, '-');
  // A tag whose language ICU does not know is a template's mistake (content="utf-8" is seen).
  if (!t || !/^[a-z]{2,3}(-[a-z0-9]{1,8})*$/.test(t) || !knownLanguage(t.split('-')[0])) return undefined;
  if (/^zh-(hk|tw|mo|hant)\b/.test(t)) return 'zh-HK';
  if (/^zh\b/.test(t)) return 'zh-CN';
  const [primary, ...rest] = t.split('-');
  return [primary, ...rest.map((p) => (p.length === 2 ? p.toUpperCase() : p))].join('-');
}

export const primary = (tag: string) => tag.split('-')[0].toLowerCase();

/**
 * The site language a tag is filed under: the same tag, else the only site language of
 * the same primary language (`en-US` -> `en`, `pt-BR` -> `pt`); undefined when none.
 */
export function siteLanguage(tag: string | undefined, siteLangs: Iterable<string>): string | undefined {
  const t = normaliseTag(tag);
  if (!t) return undefined;
  const langs = [...siteLangs];
  const exact = langs.find((l) => l.toLowerCase() === t.toLowerCase());
  if (exact) return exact;
  const same = langs.filter((l) => primary(l) === primary(t));
  return same.length === 1 ? same[0] : undefined;
}

/** A declared tag mapped to the archive's three languages, when it names one of them. */
export const langFromTag = (tag: string | undefined) => siteLanguage(tag, LANGS) as Lang | undefined;

let names: Intl.DisplayNames | undefined;

/** A language's English name, for messages: `de` -> German. */
export function languageName(tag: string): string {
  try {
    names ??= new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });
    return names.of(tag) ?? tag;
  } catch {
    return tag;
  }
}
