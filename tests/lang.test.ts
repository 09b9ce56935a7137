// src/language-codes.ts stands in for ICU's language names (Intl.DisplayNames), which are
// slow to load: it must answer as ICU does, for every code of two or three letters.
import { describe, expect, it } from 'vitest';
import { ICU_LANGUAGE_CODES } from '../src/language-codes.js';
import { normaliseTag } from '../src/lang.js';

describe('the language codes', () => {
  it("are exactly those the running Node's ICU names in English", () => {
    const names = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });
    const letters = 'abcdefghijklmnopqrstuvwxyz';
    const icu: string[] = [];
    for (const a of letters) {
      for (const b of letters) {
        if (names.of(a + b)) icu.push(a + b);
        for (const c of letters) if (names.of(a + b + c)) icu.push(a + b + c);
      }
    }
    const listed = [...ICU_LANGUAGE_CODES];
    // On a difference: the codes to add and to remove (and whether the change is worth following).
    expect({ add: icu.filter((code) => !ICU_LANGUAGE_CODES.has(code)), remove: listed.filter((code) => !icu.includes(code)) }).toEqual({ add: [], remove: [] });
  });

  it('decide which declared tags are languages', () => {
    expect(normaliseTag('EN_us')).toBe('en-US');
    expect(normaliseTag('yue')).toBe('yue');
    expect(normaliseTag('zh-TW')).toBe('zh-HK');
    // Two and three letters that name no language: a template's mistake.
    expect(normaliseTag('xx')).toBeUndefined();
    expect(normaliseTag('utf-8')).toBeUndefined();
  });
});
