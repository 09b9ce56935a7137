// The extraction bench's metrics (../shared/data/extraction/README.md) on known cases.
import { describe, expect, it } from 'vitest';
import { EXTRACTORS } from '../bench/extraction-peers.js';
import { casefold, dayMatches, pageDayMatches, titleMatches, tokenF1, tokens } from '../bench/extraction-score.js';

describe('tokens', () => {
  it('makes each CJK ideograph a token and each run of other letters or digits one', () => {
    expect(tokens('北京时间2019年6月20日，iPhone 11发布')).toEqual(['北', '京', '时', '间', '2019', '年', '6', '月', '20', '日', 'iphone', '11', '发', '布']);
  });

  it('keeps kana, hangul and accented letters in runs, and splits on punctuation and symbols', () => {
    expect(tokens('東京のニュース 한국어 café-crème, l’été $5.50')).toEqual(['東', '京', 'のニュース', '한국어', 'café', 'crème', 'l', 'été', '5', '50']);
  });

  it('counts ideographs of the extension planes and compatibility block as CJK', () => {
    expect(tokens('𠀋a丽b')).toEqual(['𠀋', 'a', '丽', 'b']);
  });

  it('folds case as Python casefold does', () => {
    expect(casefold('Straße ẞ ﬁne ΟΔΟΣ ıİ')).toBe('strasse ss fine οδοσ ıi̇');
    expect(tokens('MAẞE Maße')).toEqual(['masse', 'masse']);
  });
});

describe('tokenF1', () => {
  it('is 1 for the same tokens whatever the layout and case', () => {
    expect(tokenF1('Hello,\n\nWORLD!', 'hello world').f1).toBe(1);
  });

  it('counts shared tokens with multiplicity', () => {
    // E = {a:2, b:1}, G = {a:1, b:1, c:1}: I = 2, P = 2/3, R = 2/3.
    const s = tokenF1('a a b', 'a b c');
    expect(s.precision).toBeCloseTo(2 / 3);
    expect(s.recall).toBeCloseTo(2 / 3);
    expect(s.f1).toBeCloseTo(2 / 3);
  });

  it('scores precision and recall apart', () => {
    // E = 4 tokens, G = 2, both of G found: P = 0.5, R = 1, F1 = 2/3.
    const s = tokenF1('中文 more words', '中文');
    expect(s.precision).toBe(0.5);
    expect(s.recall).toBe(1);
    expect(s.f1).toBeCloseTo(2 / 3);
  });

  it('is 0 for an empty extraction or no overlap', () => {
    expect(tokenF1('', 'gold text').f1).toBe(0);
    expect(tokenF1('other words', 'gold text').f1).toBe(0);
  });
});

describe('titleMatches', () => {
  it('compares after NFKC and whitespace folding, case kept', () => {
    expect(titleMatches('  Ｈｅｌｌｏ\u00a0\n world ', 'Hello world')).toBe(true);
    expect(titleMatches('hello world', 'Hello world')).toBe(false);
    expect(titleMatches(undefined, 'Hello world')).toBe(false);
  });
});

describe('dayMatches', () => {
  it('reads the first 10 characters as a day, strictly and within one day', () => {
    expect(dayMatches('2024-12-07 06:00:00', '2024-12-06')).toEqual({ strict: false, near: true });
    expect(dayMatches('2024-12-06T22:00:00Z', '2024-12-06')).toEqual({ strict: true, near: true });
    expect(dayMatches('2025-01-01', '2024-12-31')).toEqual({ strict: false, near: true });
    expect(dayMatches('2024-12-09', '2024-12-06')).toEqual({ strict: false, near: false });
  });

  it('counts an invalid or missing date as wrong', () => {
    expect(dayMatches('2024-02-30', '2024-02-29')).toEqual({ strict: false, near: false });
    expect(dayMatches('Dec 6, 2024', '2024-12-06')).toEqual({ strict: false, near: false });
    expect(dayMatches(undefined, '2024-12-06')).toEqual({ strict: false, near: false });
  });
});

describe("pageDayMatches (the page's own day)", () => {
  it("takes pressclip's date on the site's clock: an evening post in New York is the next day in Beijing", async () => {
    const body = '<p>' + 'The council met on Monday and agreed to the plan after a long debate. '.repeat(5) + '</p>';
    const html = `<html><head><title>Harbour plan approved</title><meta property="article:published_time" content="2024-12-06T22:00:00-05:00"></head><body><h1>Harbour plan approved</h1>${body}</body></html>`;
    const outcome = await EXTRACTORS.find((x) => x.name === 'pressclip')!.run(html, 'https://news.example.com/a/1');
    expect(outcome.date).toBe('2024-12-07 11:00:00');
    expect(outcome.localDate).toBe('2024-12-06 22:00:00');
    expect(dayMatches(outcome.date, '2024-12-06').strict).toBe(false);
    expect(pageDayMatches(outcome, '2024-12-06')).toBe(true);
  });

  it("is a peer's strict day: its date is the page's own string", () => {
    expect(pageDayMatches({ date: '2024-12-06T22:00:00-05:00' }, '2024-12-06')).toBe(true);
    expect(pageDayMatches({ date: '2024-12-07' }, '2024-12-06')).toBe(false);
    expect(pageDayMatches(undefined, '2024-12-06')).toBe(false);
  });
});
