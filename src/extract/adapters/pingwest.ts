// PingWest (www.pingwest.com/a/<n> articles, /w/<n> status posts): SOURCES.md [code] only;
// no saved page exists, so its test pages are assembled from real feed bodies.
import type { Cheerio } from 'cheerio/slim';
import type { Element } from 'domhandler';
import type { SiteAdapter } from '../adapter.js';
import type { Page } from '../types.js';
import { canonicalLink } from '../link.js';

export const pingwest: SiteAdapter = {
  name: 'pingwest',
  filing: { folder: 'pingwest', category: 'pingwest', lang: 'zh-CN' },
  hosts: /^(www\.)?pingwest\.com$/,
  identify: (page) => ({ link: canonicalLink(page) }),
  title: [{ name: 'og:title without "-品玩"', get: (p) => p.$('meta[property="og:title"]').attr('content')?.replace(/\s*-\s*品玩\s*$/, '') }, 'h1', 'title'],
  date: [['meta[property="article:published_time"]', 'content'], '.article-info .time', { name: '"发布于 X月X日" with the year of the page', get: publishedOn }],
  dateZone: 'Asia/Shanghai',
  cover: [['meta[property="og:image"]', 'content']],
  body: [{ name: 'section .article-style (image style parameters dropped)', element: articleStyle }],
  clean: { remove: ['.article-share', '.related-articles'] },
};

/** The body, with `?x-oss-process=style/article-body` (a resizing style) dropped from image URLs. */
function articleStyle(page: Page) {
  const body = page.$('section .article-style, .article-style').first() as Cheerio<Element>;
  body.find('img').each((_, img) => {
    for (const attr of ['src', 'data-src']) if (img.attribs[attr]) img.attribs[attr] = img.attribs[attr].replace(/\?x-oss-process=[^#]*$/, '');
  });
  return body.length ? body : undefined;
}

/** `发布于 2月9日 23:38` carries no year: the page's copyright or fetch year supplies it. */
function publishedOn(page: Page): string | undefined {
  const m = /发布于\s*(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日(?:\s*(\d{1,2}:\d{2}))?/.exec(page.$('body').text());
  if (!m) return undefined;
  // Without a year it is the latest such day not after the fetch (December's article read in January).
  let year = Number(m[1] ?? page.fetchedAt.getFullYear());
  if (!m[1] && Date.UTC(year, Number(m[2]) - 1, Number(m[3])) > page.fetchedAt.getTime()) year--;
  return `${year}-${m[2]}-${m[3]} ${m[4] ?? '00:00'}`;
}
