// Publication dates found by weighing every place a page states one (src/extract/dates.ts
// and its date-declared / date-printed modules), read as pages write them (src/date.ts) and
// in the site's zone (src/extract/zone.ts): real pages of the development sets
// (fixtures/extraction, provenance beside them) and of fixtures/pages, and pages assembled
// here, marked so, for cases the sets hold no page of.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findDates, readDate, toArchiveDate } from '../src/date.js';
import { genericFields } from '../src/extract/generic.js';
import { parseHtml } from '../src/parse.js';
import { buildPost, buildPostFromBytes } from '../src/pipeline.js';
import { fixture, MANY_LANGUAGES } from './helpers.js';

const FETCHED = new Date('2026-01-01T00:00:00Z');
const real = (file: string, url: string, zone?: string) => buildPostFromBytes(readFileSync(fixture(file)), undefined, new URL(url), FETCHED, { zones: { user: zone }, registry: MANY_LANGUAGES });
const decide = (file: string, url: string) => {
  const html = readFileSync(fixture(file), 'utf8');
  return genericFields({ $: parseHtml(html), html, url: new URL(url), fetchedAt: FETCHED }).dateDecision;
};
const BODY = '<p>' + 'The council met on Monday and agreed to the plan after a long debate, with three members against it. '.repeat(4) + '</p>';
const assembled = (html: string, url = 'https://news.example.com/world/1', zone?: string) => buildPost({ html, url: new URL(url), fetchedAt: FETCHED }, { zones: { user: zone }, registry: MANY_LANGUAGES });

describe('dates as pages write them', () => {
  it.each([
    ['8 January 2020, 3:51 pm', { y: 2020, mo: 1, d: 8, h: 15, mi: 51, s: 0 }],
    ['Samstag, 5. Oktober 2013', { y: 2013, mo: 10, d: 5 }],
    ['18.10.2019, 15:07 Uhr', { y: 2019, mo: 10, d: 18, h: 15, mi: 7, s: 0 }],
    ['am 25.08.2015 um 22:30', { y: 2015, mo: 8, d: 25, h: 22, mi: 30, s: 0 }],
    ['30.10.23', { y: 2023, mo: 10, d: 30 }],
    ['jeudi 13 juin 2019', { y: 2019, mo: 6, d: 13 }],
    ['13 de junio de 2019', { y: 2019, mo: 6, d: 13 }],
    ['8 января 2020 г.', { y: 2020, mo: 1, d: 8 }],
    ['12 października 2021', { y: 2021, mo: 10, d: 12 }],
    ['2020. február 19.', { y: 2020, mo: 2, d: 19 }],
    ['Nov 8, 2023 / 02:40 PM', { y: 2023, mo: 11, d: 8, h: 14, mi: 40, s: 0 }],
    ['2019年10月16日 10:00', { y: 2019, mo: 10, d: 16, h: 10, mi: 0, s: 0 }],
    ['2020년 2월 18일', { y: 2020, mo: 2, d: 18 }],
    ['2019-06-20T07:30:00', { y: 2019, mo: 6, d: 20, h: 7, mi: 30, s: 0 }],
    ['2023-11-08T20:44:30.198Z', { y: 2023, mo: 11, d: 8, h: 20, mi: 44, s: 30, offset: 0 }],
    ['06-08-2009T14:12:32+0200', { y: 2009, mo: 8, d: 6, h: 14, mi: 12, s: 32, offset: 120 }],
    ['19.10.2019 18:15 MESZ', { y: 2019, mo: 10, d: 19, h: 18, mi: 15, s: 0, offset: 120 }],
  ])('%s', (text, parts) => expect(readDate(text)).toEqual(parts));

  it('reads 03/04/2019 day first, or month first where the page is US English', () => {
    expect(readDate('03/04/2019')).toEqual({ y: 2019, mo: 4, d: 3 });
    expect(readDate('03/04/2019', { monthFirst: true })).toEqual({ y: 2019, mo: 3, d: 4 });
    expect(readDate('13/04/2019', { monthFirst: true })).toEqual({ y: 2019, mo: 4, d: 13 });
  });

  it('refuses epoch 0, 1970 and impossible days', () => {
    for (const text of ['0', '1970-01-01T00:00:00Z', '1970-01-01', '2019-02-30', '31.04.2020']) expect(readDate(text), text).toBeUndefined();
  });

  it('finds a date in a line of text ("发布时间：2004-12-10 11:55:08 来源：新华网")', () => {
    const [date, ...rest] = findDates('发布时间：2004-12-10 11:55:08　来源：新华网');
    expect(date.parts).toEqual({ y: 2004, mo: 12, d: 10, h: 11, mi: 55, s: 8 });
    expect(rest).toEqual([]);
  });

  it('keeps a day without a time that day, in any zone; converts a time', () => {
    expect(toArchiveDate('2019-10-16', 'Europe/Berlin')).toBe('2019-10-16 00:00:00');
    expect(toArchiveDate('2019-06-20T07:30:00', 'Europe/Berlin')).toBe('2019-06-20 13:30:00');
    expect(toArchiveDate('2019-06-20T07:30:00', '+02:00')).toBe('2019-06-20 13:30:00');
  });
});

describe('a zone-less time is read in the zone of its site', () => {
  it("a German site's zone-less JSON-LD time (domradio.de, 10:27) is Berlin time: 17:27 Beijing", () => {
    const post = real('extraction/domradio.de-Reformstau.html', 'https://www.domradio.de/themen/laien/2021-11-19/reformstau-loesen-irme-stetter-karp-ist-neue-zdk-praesidentin');
    expect(post.fields.date).toBe('2021-11-19 17:27:00');
    expect(post.extracted!.date.why).toContain('read in Europe/Berlin (the domain .de)');
    expect(post.warnings).toEqual([]);
  });

  it('Times of Israel: "8 January 2020, 3:51 pm" under the headline, and nothing on the page names the zone: a warning; --zone sets it', () => {
    const url = 'https://www.timesofisrael.com/state-of-washington-swears-in-first-native-american-jewish-supreme-court-justice/';
    const post = real('extraction/timesofisrael.com.washington.html', url);
    expect(post.fields.date).toBe('2020-01-08 15:51:00');
    expect(post.warnings).toEqual([
      'the publication time 2020-01-08 15:51:00 names no time zone and the page tells none: read as Beijing time (--zone <IANA name> to set the site\'s zone)',
    ]);
    const zoned = real('extraction/timesofisrael.com.washington.html', url, 'Asia/Jerusalem');
    expect(zoned.fields.date).toBe('2020-01-08 21:51:00');
    expect(zoned.warnings).toEqual([]);
  });

  it("Wired: JSON-LD's zone-less 07:00 and the script data's 12:00Z are one instant: the offset decides (20:00 Beijing)", () => {
    const post = real('extraction/wired.com.burn.html', 'https://www.wired.com/story/ai-great-things-burn-planet/');
    expect(post.fields.date).toBe('2020-01-21 20:00:00');
    expect(post.extracted!.date.why).toContain('the same instant as script "publishDate" (2020-01-21 12:00:00 +00:00), whose offset it takes');
  });

  it("the registry's zone for an archive source (techcrunch: Los Angeles; assembled)", () => {
    const html = `<html><head><title>A startup raises money</title><meta property="article:published_time" content="2024-03-01T09:00:00"></head><body><h1>A startup raises money</h1>${BODY}</body></html>`;
    const post = assembled(html, 'https://techcrunch.com/2024/03/01/a-startup-raises-money/');
    expect(post.fields.date).toBe('2024-03-02 01:00:00');
    expect(post.extracted!.date.why).toContain("read in America/Los_Angeles (the registry's techcrunch row)");
  });

  it("Denver Post: UTC meta tags and the JSON-LD's zone-less 18:09:55, one instant: the site's clock is 7 hours behind UTC", () => {
    const post = real('extraction/denverpost.com-Colorado.html', 'https://www.denverpost.com/2023/11/08/colorado-high-school-football-playoffs-second-weekend-2023/');
    expect(post.fields.date).toBe('2023-11-09 09:09:55');
    expect(post.extracted!.date.local).toBe('2023-11-08 18:09:55');
    expect(post.warnings).toEqual([]);
  });

  it('a zone-less time on the hour matching a UTC time is no evidence of the offset (assembled)', () => {
    const html = (local: string) =>
      `<html><head><title>Harbour plan approved</title><meta property="article:published_time" content="2024-03-01T23:20:31Z"><meta property="article:modified_time" content="${local}"></head><body><h1>Harbour plan approved</h1>${BODY}</body></html>`;
    // 18:20:31 on the site's clock is 23:20:31 UTC: five hours behind, the evening of March 1st.
    expect(assembled(html('2024-03-01T18:20:31')).extracted!.date.local).toBe('2024-03-01 18:20:31');
    // 18:00:00 says nothing: two times of whole minutes agree with some offset by chance.
    expect(assembled(html('2024-03-01T18:00:00')).extracted!.date.local).toBe('2024-03-01 23:20:31');
  });

  it('a <time> whose text shows its UTC day: the site\'s clock is UTC, not the domain\'s zone (talent.ch; assembled)', () => {
    const html = (shown: string) =>
      `<html><head><title>Vorstandssitzung</title></head><body><h1>Vorstandssitzung</h1><div class="entry-meta"><time class="entry-date published" datetime="2019-12-26T23:07:45+00:00">${shown}</time></div>${BODY}</body></html>`;
    const date = assembled(html('26/12/2019'), 'https://www.example.ch/?p=5031').extracted!.date;
    expect(date.value).toBe('2019-12-27 07:07:45');
    expect(date.local).toBe('2019-12-26 23:07:45');
    // The text agrees with Zurich's day: the domain's zone stands.
    expect(assembled(html('27.12.2019'), 'https://www.example.ch/?p=5031').extracted!.date.local).toBe('2019-12-27 00:07:45');
  });

  it('the offset another timestamp of the page carries (assembled)', () => {
    const html = `<html><head><title>Harbour plan approved</title><meta property="article:published_time" content="2024-03-01T09:00:00"><meta property="article:modified_time" content="2024-03-02T10:00:00+01:00"></head><body><h1>Harbour plan approved</h1>${BODY}</body></html>`;
    expect(assembled(html).fields.date).toBe('2024-03-01 16:00:00');
  });
});

describe("the site's own clock, beside Beijing time", () => {
  it('an instant written with its offset: the archive shows it in Beijing, the site clock as written (assembled)', () => {
    const html = `<html><head><title>Harbour plan approved</title><meta property="article:published_time" content="2024-12-06T22:00:00-05:00"></head><body><h1>Harbour plan approved</h1>${BODY}</body></html>`;
    const date = assembled(html).extracted!.date;
    expect(date.value).toBe('2024-12-07 11:00:00');
    expect(date.local).toBe('2024-12-06 22:00:00');
  });

  it("an instant written in UTC on a site whose zone is known: the site's zone (a .de domain; assembled)", () => {
    const html = `<html><head><title>Hafen genehmigt</title><meta property="article:published_time" content="2024-12-06T23:30:00Z"></head><body><h1>Hafen genehmigt</h1>${BODY}</body></html>`;
    const date = assembled(html, 'https://www.example.de/a/1').extracted!.date;
    expect(date.value).toBe('2024-12-07 07:30:00');
    expect(date.local).toBe('2024-12-07 00:30:00');
  });

  it('a zone-less time read in the site\'s zone, and a bare day, stay as written (domradio.de; assembled)', () => {
    const post = real('extraction/domradio.de-Reformstau.html', 'https://www.domradio.de/themen/laien/2021-11-19/reformstau-loesen-irme-stetter-karp-ist-neue-zdk-praesidentin');
    expect(post.extracted!.date.local).toBe('2021-11-19 10:27:00');
    const html = `<html><head><title>Harbour plan approved</title><meta property="article:published_time" content="2024-12-06"></head><body><h1>Harbour plan approved</h1>${BODY}</body></html>`;
    expect(assembled(html).extracted!.date.local).toBe('2024-12-06 00:00:00');
  });

  it("a site adapter's date: Beijing time is the site's clock (sohu)", () => {
    const post = buildPostFromBytes(readFileSync(fixture('pages/sohu/cwce_d8d4c4ec-dc2a-420f-a9f8-5e8ee597b965.html')), undefined, new URL('https://www.sohu.com/a/434365209_123753'), FETCHED);
    expect(post.extracted!.extractor).toBe('sohu');
    expect(post.extracted!.date.local).toBe(post.fields.date);
  });
});

describe('dates that are never taken', () => {
  it('a placeholder: Betty Crocker\'s dateCreated "01/01/2004" loses to its real (modification) date', () => {
    const post = real('extraction/bettycrocker.com.pineapple.html', 'https://www.bettycrocker.com/recipes/easy-pineapple-upside-down-cake/c4d3321d-fad9-41cb-8f29-8d91a4279b07');
    expect(post.fields.date).toBe('2019-06-13 00:00:00');
  });

  it('"2004-01-01 00:00:00" in a meta tag, beside the date printed under the headline (assembled)', () => {
    const html = `<html><head><title>新建道路一百二十公里</title><meta name="publishdate" content="2004-01-01 00:00:00"></head><body><h1>新建道路一百二十公里</h1><div class="info">2004-12-10 11:55:08　来源：新华网</div>${BODY}</body></html>`;
    expect(assembled(html, 'http://news.example.cn/a/1.html').fields.date).toBe('2004-12-10 11:55:08');
  });

  it('a copyright year: the only date of qualisys.eu is "Copyright © 19.12.2019" in its footer', () => {
    const decision = decide('extraction/qualisys.eu.gefahrstoff.html', 'http://www.qualisys.eu/gefahrstoff-service');
    expect(decision.found).toBeUndefined();
    expect(decision.others.find((c) => c.value.startsWith('2019-12-19'))?.why).toBe('a copyright notice');
  });

  it('a date in the future (assembled)', () => {
    const html = `<html><head><title>Harbour plan approved</title><meta property="article:published_time" content="2031-05-01T09:00:00Z"></head><body><h1>Harbour plan approved</h1><p class="byline">Published 12 March 2024</p>${BODY}</body></html>`;
    expect(assembled(html).fields.date).toBe('2024-03-12 00:00:00');
  });
});

describe('publication dates declared more than once', () => {
  it("a publication field rewritten with the modification time loses to the JSON-LD's first publication (assembled)", () => {
    const ld = JSON.stringify({ '@context': 'https://schema.org', '@type': 'NewsArticle', datePublished: '2024-12-06T22:00:40Z', dateModified: '2024-12-07T12:43:39Z' });
    const html = `<html><head><title>Harbour plan approved</title><script type="application/ld+json">${ld}</script><meta property="article:published_time" content="2024-12-07T12:43:39Z"><meta name="parsely-pub-date" content="2024-12-07T12:43:39Z"><meta property="article:modified_time" content="2024-12-07T12:43:39Z"></head><body><h1>Harbour plan approved</h1>${BODY}</body></html>`;
    const post = assembled(html);
    expect(post.fields.date).toBe('2024-12-07 06:00:40');
    expect(post.extracted!.date.via).toBe('JSON-LD datePublished (NewsArticle)');
    // Never modified: the same time in every field is the publication.
    expect(assembled(html.replace('2024-12-06T22:00:40Z', '2024-12-07T12:43:39Z')).fields.date).toBe('2024-12-07 20:43:39');
  });
});

describe('dates printed on the page', () => {
  it('the stamp under the headline (labelled, with its time) over a generic "date" meta tag of another day (assembled)', () => {
    const html = `<html><head><title>Mietenstreik in den USA</title><meta name="date" content="2020-04-30"></head><body><h1>Mietenstreik in den USA</h1><div class="article-date">29.04.2020, 12:01 Uhr</div>${BODY}</body></html>`;
    const post = assembled(html, 'https://www.example.de/artikel/1');
    expect(post.fields.date).toBe('2020-04-29 18:01:00');
    expect(post.extracted!.date.local).toBe('2020-04-29 12:01:00');
  });

  it('Volksstimme: a page without a <body> tag, its date printed under the headline', () => {
    const post = real('extraction/Volksstimme.ch-loehne.html', 'https://www.volksstimme.ch/gute-loehne-alleine-reichen-nicht');
    expect(post.fields.date).toBe('2023-11-07 00:00:00');
    expect(post.extracted!.date.via).toContain('the text "07.11.2023"');
  });
});

describe('Chinese dates through the generic path', () => {
  it('163.com: the date and 来源 line two rows under the headline, not the clock of the top bar (assembled)', () => {
    const html = `<html><head><meta charset="utf-8"><title>全市新建改造城市道路一百二十公里_网易新闻</title></head><body><div class="top">今天是 2025年03月01日 星期六</div><h1>全市新建改造城市道路一百二十公里</h1><div class="ep-info"><div class="left">网易新闻</div><div class="right">2004-12-10 11:55:08　来源: 新华网</div></div>${BODY}</body></html>`;
    expect(assembled(html, 'http://news.163.com/04/1210/11/1.html').fields.date).toBe('2004-12-10 11:55:08');
  });

  it('a real 163.com page without its adapter: "2019-09-07 13:43:45　来源: ..." under the headline', () => {
    const post = buildPostFromBytes(readFileSync(fixture('pages/163/gne_163_1.html')), undefined, new URL('https://money.163.com/unknown'), FETCHED, { adapters: [], registry: MANY_LANGUAGES });
    expect(post.fields.date).toBe('2019-09-07 13:43:45');
  });

  it('Sohu, 2004, without its adapter: "2004年7月16日08:19" in the top bar', () => {
    const post = buildPostFromBytes(readFileSync(fixture('pages/sohu/cwce_7c6d2080-5ab9-4385-9c0e-e1c8ed06efd3.html')), undefined, new URL('http://business.sohu.com/20040716/n221031086.shtml'), FETCHED, { adapters: [], registry: MANY_LANGUAGES });
    expect(post.fields.date).toBe('2004-07-16 08:19:00');
  });

  it('Tencent without its adapter: the "pubtime" of the page\'s script data (window.DATA)', () => {
    const post = buildPostFromBytes(readFileSync(fixture('tencent/real/raw_rain_20201130A0G1JJ00.html')), undefined, new URL('https://new.qq.com/rain/a/20201130A0G1JJ00'), FETCHED, { adapters: [], registry: MANY_LANGUAGES });
    expect(post.fields.date).toBe('2020-11-30 21:48:28');
    expect(post.extracted!.date.via).toBe('script "pubtime"');
  });

  it('the date of the "来源：" line over an unlabelled date nearer the headline (assembled)', () => {
    const lead = '今年以来，全市共新建和改造城市道路一百二十公里，新增公交线路十八条，市民出行更加便利。'.repeat(8);
    const html = `<html><head><meta charset="utf-8"><title>全市新建改造城市道路一百二十公里</title></head><body><h1>全市新建改造城市道路一百二十公里</h1><p>2025年01月02日</p><p>${lead}</p><div>2021-11-19 10:27:31　来源：新华网</div><p>${lead}</p></body></html>`;
    const post = assembled(html, 'https://www.example.com/n/1.html');
    expect(post.fields.date).toBe('2021-11-19 10:27:31');
    expect(post.extracted!.date.via).toContain('on a byline with its source or author');
  });

  it('"发布时间：" before the date (assembled)', () => {
    const text = '今年以来，全市共新建和改造城市道路一百二十公里，新增公交线路十八条，市民出行更加便利。'.repeat(3);
    const html = `<html><head><meta charset="utf-8"><title>全市新建改造城市道路一百二十公里</title></head><body><h1>全市新建改造城市道路一百二十公里</h1><p>相关阅读 2025年01月02日</p><div><span>发布时间：2021年11月19日 10:27</span></div><p>${text}</p></body></html>`;
    const post = assembled(html, 'https://www.example.com/n/1.html');
    expect(post.fields.date).toBe('2021-11-19 10:27:00');
    // Chinese is written in UTC+8 wherever it is the main language: no warning.
    expect(post.warnings).toEqual([]);
  });
});
