// NetEase 163 (news.163.com, www.163.com, dy.163.com): SOURCES.md's table, checked on the
// saved pages in fixtures/pages/163. Its og:image is the site logo, never a cover.
import type { SiteAdapter } from '../adapter.js';
import { elementsByTag, matches } from '../page-index.js';
import { blockText } from '../../text.js';
import { identifyByUrl } from '../link.js';

export const netease: SiteAdapter = {
  name: 'netease',
  filing: { folder: '163', category: '163', lang: 'zh-CN' },
  hosts: /(^|\.)163\.com$/,
  fingerprint: (page) => (/_网易(新闻|财经|科技|订阅|政务|体育|娱乐)?\s*$/.test(blockText(elementsByTag(page, 'title')[0] ?? [])) && (matches(page, '#endText') || matches(page, '.post_body')) ? 'a "_网易" title and div.post_body' : undefined),
  identify: identifyByUrl(/\/([0-9A-Z]{16})\.html$/),
  title: ['h1.post_title', '.post_main h1', '.article_title h2', 'h1', ['meta[property="og:title"]', 'content']],
  date: [['html', 'data-publishtime'], '.post_time_source', '.post_info', ['meta[property="article:published_time"]', 'content'], '.article_title .time'],
  dateZone: 'Asia/Shanghai',
  cover: [{ name: 'og:image unless the site logo', get: (p) => p.$('meta[property="og:image"]').attr('content')?.replace(/^.*\/logo\.png$/, '') }],
  body: ['#endText', '.post_body', '.article_box .content'],
  clean: {
    remove: ['.post_btns', '.post_topshare_wrap', '.ep-source', '.post_end', '.otitle_editor', '.gg200x300', '.post_jubao', '.post_statement'],
    dropText: [/^本文来源：.*责任编辑：/, /^责任编辑：/, /^特别声明：以上内容/],
  },
};
