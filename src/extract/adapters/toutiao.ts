// Toutiao (www.toutiao.com/article/<id>): SOURCES.md's table for the current template,
// checked on fixtures/pages/toutiao, and the 2019-20 one (h1.article-title, .article-sub).
import type { SiteAdapter } from '../adapter.js';
import { matches } from '../page-index.js';
import { identifyByUrl } from '../link.js';

export const toutiao: SiteAdapter = {
  name: 'toutiao',
  filing: { folder: 'toutiao', category: 'toutiao', lang: 'zh-CN' },
  hosts: /(^|\.)toutiao\.com$/,
  fingerprint: (page) => (matches(page, 'article.syl-article-base') ? 'article.syl-article-base' : matches(page, '.article-box') && matches(page, '.article-box .article-content') ? 'div.article-box' : undefined),
  identify: identifyByUrl(/\/(?:article|a|group|i)\/?(\d{15,})/),
  title: ['.article-content h1', 'h1.article-title', ['meta[property="og:title"]', 'content'], 'h1'],
  date: ['.article-meta', '.article-sub', ['meta[property="article:published_time"]', 'content']],
  dateZone: 'Asia/Shanghai',
  cover: [['meta[property="og:image"]', 'content']],
  body: ['article.syl-article-base', '.article-content article', '.article-box .article-content'],
  clean: { remove: ['.pgc-img-caption-ad', '.tt-video-box'] },
};
