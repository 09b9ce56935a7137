// Sohu (www.sohu.com/a/...): SOURCES.md's table, checked on fixtures/pages/sohu (the
// 2004-05 GBK pages have no such markup: the generic extractor reads them).
import type { SiteAdapter } from '../adapter.js';
import { matches } from '../page-index.js';
import { identifyByUrl } from '../link.js';

export const sohu: SiteAdapter = {
  name: 'sohu',
  filing: { folder: 'sohu', category: 'sohu', lang: 'zh-CN' },
  hosts: /(^|\.)sohu\.com$/,
  fingerprint: (page) => (matches(page, 'article#mp-editor') ? 'article#mp-editor' : undefined),
  identify: identifyByUrl(/^\/a\/(\d+_\d+)/),
  title: ['.text-title h1', ['meta[property="og:title"]', 'content'], 'h1'],
  date: ['#news-time', ['[itemprop="datePublished"]', 'content'], ['meta[property="og:release_date"]', 'content'], '.article-info .time'],
  dateZone: 'Asia/Shanghai',
  cover: [['meta[property="og:image"]', 'content']],
  body: ['article#mp-editor', '#contentText', 'article.article'],
  clean: {
    remove: ['[data-role="original-title"]', '.backword', '#backsohucom', '.lookall-box', '.hidden-content', '.control-img'],
    dropText: [/^返回搜狐，查看更多$/, /^责任编辑：/, /^平台声明：/],
  },
};
