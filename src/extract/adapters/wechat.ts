// WeChat articles (mp.weixin.qq.com/s/...): SOURCES.md, checked on fixtures/pages/wechat.
// The body div is hidden by an inline style in raw pages (the style is dropped with every
// other attribute); the time is `var ct` (epoch seconds), the visible one being relative.
import type { SiteAdapter } from '../adapter.js';
import { cleanLink } from '../../post/link.js';
import { matches } from '../page-index.js';
import type { Page } from '../types.js';

/** A `var name = "..."` (or '...') assignment in the page's scripts. */
const scriptVar = (name: string) => (page: Page) => new RegExp(`var ${name}\\s*=\\s*(?:htmlDecode\\()?(["'])((?:\\\\.|(?!\\1).)*)\\1`).exec(page.html)?.[2];

export const wechat: SiteAdapter = {
  name: 'wechat',
  filing: { folder: 'wechat', category: 'wechat', lang: 'zh-CN' },
  hosts: /^mp\.weixin\.qq\.com$/,
  fingerprint: (page) => (matches(page, '#js_content') && /var (msg_title|ct)\s*=/.test(page.html) ? 'div#js_content and var msg_title' : undefined),
  // og:url is the long share form with a per-share checksum: the URL given or fetched is kept.
  identify: (page) => ({ link: cleanLink(page.url), id: /^\/s\/([A-Za-z0-9_-]{10,})$/.exec(page.url.pathname)?.[1] }),
  title: [['meta[property="og:title"]', 'content'], '#activity-name', { name: 'var msg_title', get: scriptVar('msg_title') }],
  date: [{ name: 'var ct (epoch seconds)', get: scriptVar('ct') }, '#publish_time'],
  dateZone: 'Asia/Shanghai',
  cover: [['meta[property="og:image"]', 'content'], { name: 'var msg_cdn_url', get: scriptVar('msg_cdn_url') }],
  body: ['#js_content'],
  clean: { remove: ['.qr_code_pc', '#js_pc_qr_code', '.rich_media_tool', 'mp-style-type'] },
  reject(page) {
    const text = page.$('body').text();
    if (/环境异常/.test(text) && /(完成验证|去验证)/.test(text)) return 'captcha page (环境异常): WeChat asks for verification instead of the article';
    if (/(该内容已被发布者删除|此内容因违规无法查看|已被发布者删除)/.test(text) && !page.$('#js_content').text().trim()) return 'deleted article (已被发布者删除)';
    return undefined;
  },
};
