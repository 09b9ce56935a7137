// Sina (news.sina.com.cn, finance.sina.com.cn, tech...): SOURCES.md's table, checked on
// the saved pages in fixtures/pages/sina. The visible date is the publication time; the
// meta tag is sometimes a later update.
import type { SiteAdapter } from '../adapter.js';
import { identifyByUrl } from '../link.js';

export const sina: SiteAdapter = {
  name: 'sina',
  filing: { folder: 'sina', category: 'sina', lang: 'zh-CN' },
  hosts: /(^|\.)sina\.com\.cn$/,
  identify: identifyByUrl(/doc-([a-z0-9]+)\.shtml$/),
  title: ['h1.main-title', 'h1#artibodyTitle', ['meta[property="og:title"]', 'content'], 'h1'],
  date: ['.date-source .date', '#pub_date', ['meta[property="article:published_time"]', 'content'], ['meta[name="weibo: article:create_at"]', 'content']],
  dateZone: 'Asia/Shanghai',
  cover: [['meta[property="og:image"]', 'content']],
  body: ['#artibody', '#article'],
  clean: {
    remove: ['.article-editor', '.show_statement', '.appendQr_wrap', '[id^="ad_"]', '[id^="left_hzh_ad"]', '.app-kaihu-qr', '.ct_hqimg', '.tech-quotation', '[node-type="vPlayer"]'],
    dropText: [/^责任编辑：/, /^新浪声明：/, /^海量资讯、精准解读，尽在新浪财经APP$/],
  },
};
