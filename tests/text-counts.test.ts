// The fast counts the language and weight rules read (src/char-counts.ts, src/extract/trigrams.ts)
// against what they replace: regexp matches, per-character tests and franc itself.
import { readdirSync } from 'node:fs';
import fc from 'fast-check';
import { franc } from 'franc-min';
import { expressions } from 'franc-min/expressions.js';
import { describe, expect, it } from 'vitest';
import { charCounter } from '../src/char-counts.js';
import { trigramLanguage } from '../src/extract/trigrams.js';
import { parseHtml } from '../src/parse.js';
import { blockText, textWeight } from '../src/text.js';
import { readFixture } from './helpers.js';

// Letters, Han, kana, hangul, a class without the u flag, whitespace, a BMP range.
const CLASSES = [/\p{L}/gu, /\p{Script=Han}/gu, /[\p{Script=Hiragana}\p{Script=Katakana}]/gu, /\p{Script=Hangul}/gu, /[們個這来]/g, /\s/g, /[\u3040-\u30ff]/g];
const matchCounts = (text: string, classes: RegExp[]) => classes.map((re) => text.match(re)?.length ?? 0);

/** Text mixing scripts, surrogate pairs and lone surrogates. */
const mixedText = fc.array(fc.constantFrom('a', 'É', ' ', '\n', '\u3000', '中', '們', 'か', 'カ', '한', 'б', 'ع', '\u{20000}', '\u{1F600}', '\ud840', '\udc00', '!', '3'), { maxLength: 300 }).map((a) => a.join(''));

const oldWeight = (text: string) => {
  let n = 0;
  for (const ch of text) if (!/\s/.test(ch)) n += /\p{Script=Han}/u.test(ch) ? 2 : 1;
  return n;
};

describe('charCounter', () => {
  const count = charCounter(CLASSES);
  const countScripts = charCounter(Object.values(expressions));

  it('counts what global matches count, and the code points', () => {
    fc.assert(
      fc.property(mixedText, (text) => {
        expect(count(text)).toEqual([...matchCounts(text, CLASSES), [...text].length]);
        expect(countScripts(text).slice(0, -1)).toEqual(matchCounts(text, Object.values(expressions)));
      }),
      { numRuns: 500 },
    );
  });

  it('gives textWeight the per-character rule', () => {
    fc.assert(
      fc.property(mixedText, (text) => {
        expect(textWeight(text)).toBe(oldWeight(text));
      }),
      { numRuns: 500 },
    );
  });
});

describe('trigramLanguage', () => {
  const texts = readdirSync(new URL('../fixtures/languages', import.meta.url))
    .filter((f) => f.endsWith('.html'))
    .map((f) => blockText(parseHtml(readFixture('languages', f)).root()[0]));

  it("gives franc's answer on real pages in several languages, at every length", () => {
    for (const text of texts) {
      for (let from = 0; from < text.length; from += 1500) {
        for (const length of [60, 100, 150, 400, 2048, 6000]) {
          const sample = text.slice(from, from + length);
          expect(trigramLanguage(sample, 100), sample.slice(0, 60)).toBe(franc(sample, { minLength: 100 }));
        }
      }
    }
  });

  it("gives franc's answer on mixed text", () => {
    fc.assert(
      fc.property(mixedText, (text) => {
        expect(trigramLanguage(text, 10)).toBe(franc(text, { minLength: 10 }));
      }),
      { numRuns: 500 },
    );
  });
});
