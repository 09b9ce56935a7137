// The archive's three languages, told from a page's declarations or its text.
import type { Lang } from './post/schema.js';

/** Characters common in traditional Chinese text whose simplified forms differ. */
const TRADITIONAL = /[們個這來為說時會對發經過後從問關開實還點學國電業產動義與將數據長當應麼東車們間區現機體聯證過種總統環際銷價費險貿權債產資]/g;
const SIMPLIFIED = /[们个这来为说时会对发经过后从问关开实还点学国电业产动义与将数据长当应么东车们间区现机体联证过种总统环际销价费险贸权债产资]/g;
const HAN = /\p{Script=Han}/gu;

/** zh-HK for traditional script, zh-CN for simplified, en for anything else. */
export function langFromText(text: string): Lang {
  const sample = text.slice(0, 20000);
  const han = sample.match(HAN)?.length ?? 0;
  const letters = sample.match(/\p{L}/gu)?.length ?? 0;
  if (han < 20 || han < letters * 0.3) return 'en';
  const trad = sample.match(TRADITIONAL)?.length ?? 0;
  const simp = sample.match(SIMPLIFIED)?.length ?? 0;
  return trad > simp ? 'zh-HK' : 'zh-CN';
}

/** A declared language tag mapped to the archive's, when it says enough. */
export function langFromTag(tag: string | undefined): Lang | undefined {
  const t = tag?.trim().toLowerCase().replace('_', '-');
  if (!t) return undefined;
  if (/^zh-(hk|tw|mo|hant)/.test(t)) return 'zh-HK';
  if (/^zh-(cn|sg|hans)/.test(t) || t === 'zh') return 'zh-CN';
  if (/^en\b/.test(t)) return 'en';
  return undefined;
}
