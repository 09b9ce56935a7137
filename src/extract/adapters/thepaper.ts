// ThePaper (www.thepaper.cn, 2019-20 template): SOURCES.md's table, checked on
// fixtures/pages/thepaper. `.news_about` holds author, date and source on one line.
import type { SiteAdapter } from '../adapter.js';
import { matches } from '../page-index.js';
import { identifyByUrl } from '../link.js';

export const thepaper: SiteAdapter = {
  name: 'thepaper',
  filing: { folder: 'thepaper', category: 'thepaper', lang: 'zh-CN' },
  hosts: /(^|\.)thepaper\.cn$/,
  fingerprint: (page) => (matches(page, '.news_txt') && matches(page, '.news_about') ? 'div.news_txt and div.news_about' : undefined),
  identify: identifyByUrl(/newsDetail_forward_(\d+)/),
  title: ['.news_title', 'h1', ['meta[property="og:title"]', 'content']],
  date: ['.news_about', ['meta[property="article:published_time"]', 'content']],
  dateZone: 'Asia/Shanghai',
  cover: [['meta[property="og:image"]', 'content']],
  body: ['.news_txt', '.index_cententWrap__Jv8jK'],
  clean: { remove: ['.news_editor', '.go_top', '.news_love'], dropText: [/^责任编辑：/, /^校对：/] },
};
