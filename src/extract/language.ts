// A page's language: what it declares (<html lang>, og:locale, Content-Language) checked
// against what its text is written in.
import { data as trigrams } from 'franc-min/data.js';
import { expressions } from 'franc-min/expressions.js';
import { iso6393To1 } from 'iso-639-3/iso6393-to-1.js';
import { charCounter } from '../char-counts.js';
import { normaliseTag, primary } from '../lang.js';
import { trigramLanguage } from './trigrams.js';

/** Characters common in traditional Chinese text whose simplified forms differ. */
const TRADITIONAL = /[們個這來為說時會對發經過後從問關開實還點學國電業產動義與將數據長當應麼東車們間區現機體聯證過種總統環際銷價費險貿權債產資]/g;
const SIMPLIFIED = /[们个这来为说时会对发经过后从问关开实还点学国电业产动义与将数据长当应么东车们间区现机体联证过种总统环际销价费险贸权债产资]/g;
const countScripts = charCounter([/\p{L}/u, /\p{Script=Han}/u, /[\p{Script=Hiragana}\p{Script=Katakana}]/u, /\p{Script=Hangul}/u, TRADITIONAL, SIMPLIFIED]);

/** Below this many letters, trigram statistics say little: the page's declaration decides. */
const MIN_LETTERS = 100;

/**
 * The language a text is written in, or undefined when it is too short to tell: scripts
 * first (Chinese as zh-CN for simplified and zh-HK for traditional characters, as the
 * archive files them; kana is Japanese, hangul Korean), then franc's trigram model for
 * the rest (82 languages).
 */
export function textLanguage(text: string): string | undefined {
  const sample = text.slice(0, 6000);
  const [letters, han, kana, hangul, traditional, simplified] = countScripts(sample);
  if (kana >= Math.max(10, letters * 0.2)) return 'ja';
  if (hangul >= Math.max(10, letters * 0.3)) return 'ko';
  if (han >= 20 && han >= letters * 0.3) return traditional > simplified ? 'zh-HK' : 'zh-CN';
  if (letters - han < MIN_LETTERS) return undefined;
  const code = trigramLanguage(sample, MIN_LETTERS);
  return code === 'und' ? undefined : (iso6393To1[code] ?? code);
}

/**
 * The languages franc's model knows (those of 8 million speakers or more, plus the
 * single-script ones): Finnish, Norwegian or Danish text is read as a neighbour it knows,
 * so the text cannot overrule a declaration of a language outside this set.
 */
const TELLABLE = new Set(
  [...Object.values(trigrams).flatMap((byScript) => Object.keys(byScript)), ...Object.keys(expressions)].map((code) => iso6393To1[code] ?? code).concat('zh', 'ja', 'ko'),
);

/** A declaration of the page's language and where it was read. */
export interface Declared {
  tag: string | undefined;
  from: string;
}

export interface PageLanguage {
  /** Normalised (`de`, `en-US`, `zh-HK`), or undefined when nothing tells. */
  tag?: string;
  /** What decided it, for messages. */
  from: string;
}

/**
 * The page's language. A declaration agreeing with the text wins (it may name a region);
 * where they differ the text wins, since templates carry a default `lang` whatever the
 * article is written in (English `lang="en"` over Chinese or French text).
 */
export function pageLanguage(declarations: readonly Declared[], text: string): PageLanguage {
  const declared = declarations.map((d) => ({ tag: normaliseTag(d.tag), from: d.from })).find((d) => d.tag);
  const written = textLanguage(text);
  if (written && declared && primary(written) === primary(declared.tag!) && !written.startsWith('zh')) return { tag: declared.tag, from: `${declared.from} and the text` };
  if (written && declared && !TELLABLE.has(primary(declared.tag!))) return { tag: declared.tag, from: `${declared.from} (a language the text model does not know)` };
  if (written) return { tag: written, from: declared ? `the text (the page declares ${declared.tag} in ${declared.from})` : 'the text' };
  return declared ? { tag: declared.tag, from: declared.from } : { from: 'the page declares none, and its text is too short to tell' };
}

