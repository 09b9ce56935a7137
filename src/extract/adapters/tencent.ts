// Tencent News (new.qq.com / news.qq.com), category `qq`. Page shapes: SOURCES.md.
// Current template (2023-): div.rich_media_content, else window.DATA.originContent with
// <!--IMG_n--> images resolved from originAttribute. Old template (2019-2022):
// div.content-article and window.DATA without originContent.
import { asText, pick, scriptAssignedJson } from '../script-json.js';
import type { Page } from '../types.js';
import type { SiteAdapter } from '../adapter.js';
import { matches } from '../page-index.js';
import { perPage } from '../per-page.js';

/** YYYYMMDD + A|V + five characters (+ 00), or TWF + 14 digits (+ 00): the file name drops the 00. */
const ARTICLE_ID = /^(?:\d{8}[AV][0-9A-Z]{5}|TWF\d{14})(?:00)?$/;

/** The archive's link id always ends in `00`; the file name drops it. */
export function normaliseQqId(raw: string): string | undefined {
  const id = raw.trim().toUpperCase();
  if (!ARTICLE_ID.test(id)) return undefined;
  return /^\d{8}[AV][0-9A-Z]{5}$/.test(id) || /^TWF\d{14}$/.test(id) ? `${id}00` : id;
}

/** The article id in any Tencent News URL form, with its `00`. */
export function qqIdFromUrl(url: URL): string | undefined {
  const host = url.hostname.toLowerCase();
  if (!/(^|\.)qq\.com$/.test(host)) return undefined;
  const m =
    /^\/rain\/a\/([0-9A-Za-z]+)\/?$/.exec(url.pathname) ?? // new|news.qq.com/rain/a/<ID>
    /^\/a\/([0-9A-Za-z]+)\/?$/.exec(url.pathname) ?? // view.inews.qq.com/a/<ID>
    /^\/omn\/[0-9A-Za-z]+\/([0-9A-Za-z]+)\.html?$/.exec(url.pathname); // new.qq.com/omn/<YYYYMMDD>/<ID>.html
  return m ? normaliseQqId(m[1]) : undefined;
}

/** The page's `window.DATA`: the last assignment that parses and names an article. */
export const tencentData = perPage(function tencentData(page: Page): Record<string, unknown> | undefined {
  const all = scriptAssignedJson(page, /window\.DATA\s*=\s*/);
  return all.reverse().find((d) => d.article_id !== undefined || d.cms_id !== undefined || d.title !== undefined);
});

function pageId(page: Page): string | undefined {
  const data = tencentData(page);
  for (const key of ['cms_id', 'article_id', 'id']) {
    const id = normaliseQqId(asText(data?.[key]) ?? '');
    if (id) return id;
  }
  return undefined;
}

/** originContent.text with each `<!--IMG_n-->` replaced by its image from originAttribute. */
function originContentHtml(page: Page): string | undefined {
  const data = tencentData(page);
  const text = asText(pick(data, 'originContent', 'text')) ?? asText(data?.originContent);
  if (!text) return undefined;
  const attributes = (data?.originAttribute ?? {}) as Record<string, Record<string, unknown>>;
  return text.replace(/<!--\s*(IMG_(\d+))\s*-->/g, (_, key: string, n: string) => {
    const attr = attributes[key] ?? {};
    const src = imageUrl(attr[`imgurl${n}`]) ?? imageUrlFromFields(attr);
    const desc = asText(attr.desc) ?? '';
    return src ? `<img src="${escapeAttr(src)}" alt="${escapeAttr(desc)}">` : '';
  });
}

/** An image URL held as a string or as an object with a url field. */
function imageUrl(value: unknown): string | undefined {
  const direct = asText(value);
  if (direct) return /^(https?:)?\/\//.test(direct) ? direct : undefined;
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    return imageUrl(o.imgurl) ?? imageUrl(o.url) ?? imageUrl(o.src) ?? imageUrl(o.origUrl);
  }
  return undefined;
}

/** The shape of originAttribute is known only from crawlers: take any imgurl-like field. */
function imageUrlFromFields(attr: Record<string, unknown>): string | undefined {
  const keys = Object.keys(attr).filter((k) => /^(imgurl|url|src|origUrl)/i.test(k));
  for (const key of keys) {
    const url = imageUrl(attr[key]);
    if (url) return url;
  }
  return undefined;
}

const escapeAttr = (v: string) => v.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** Cover fields seen in window.DATA and the list API, widest first; none is documented. */
const DATA_COVER_KEYS = ['shareImg', 'share_img', 'bigImage', 'thumb_nail_2x', 'img', 'thumb_nail', 'cover', 'coverImg'];

const hasVideo = (page: Page) => {
  const data = tencentData(page);
  const videos = data?.videoArr;
  return (Array.isArray(videos) && videos.length > 0) || /window\.DATA\.videoArr\.push\(/.test(page.html) || /^\d{8}V/.test(pageId(page) ?? '');
};

export const tencent: SiteAdapter = {
  name: 'tencent',
  filing: { folder: 'qq', category: 'qq', lang: 'zh-CN' },
  hosts: /^(new|news|view\.inews|inews)\.qq\.com$/,
  fingerprint(page) {
    const data = tencentData(page);
    if (!data || (data.article_id === undefined && data.cms_id === undefined)) return undefined;
    if (matches(page, '.rich_media_content')) return 'window.DATA with article_id and div.rich_media_content';
    if (matches(page, '.content-article')) return 'window.DATA with article_id and div.content-article';
    if (data.originContent !== undefined) return 'window.DATA with article_id and originContent';
    if (/_腾讯新闻\s*$/.test(page.$('title').text())) return 'window.DATA with article_id and a "_腾讯新闻" title';
    return undefined;
  },
  fetchUrl(url) {
    // The mobile share page renders client-side; its desktop twin carries the article.
    const id = url.hostname === 'view.inews.qq.com' ? qqIdFromUrl(url) : undefined;
    return id ? `https://news.qq.com/rain/a/${id}` : url.href;
  },
  identify(page) {
    const id = pageId(page) ?? qqIdFromUrl(page.url);
    return id ? { link: `https://new.qq.com/rain/a/${id}`, id: id.replace(/00$/, '') } : undefined;
  },
  title: [
    { name: 'window.DATA.title', get: (p) => asText(tencentData(p)?.title) },
    'h1#article-title',
    '.LEFT h1',
    'h1',
    ['meta[property="og:title"]', 'content'],
    { name: '<title> without "_腾讯新闻"', get: (p) => p.$('title').first().text().replace(/_腾讯新闻\s*$/, '') },
  ],
  date: [{ name: 'window.DATA.pubtime', get: (p) => asText(tencentData(p)?.pubtime) }, ['meta[property="article:published_time"]', 'content']],
  dateZone: 'Asia/Shanghai',
  cover: [
    ['meta[property="og:image"]', 'content'],
    ...DATA_COVER_KEYS.map((key) => ({ name: `window.DATA.${key}`, get: (p: Page) => asText(tencentData(p)?.[key]) })),
  ],
  body: ['.rich_media_content', { name: 'window.DATA.originContent', html: originContentHtml }, '.content-article'],
  clean: {
    remove: ['.videoPlayerWrap', '.qnt-video', '[class*="video-player"]', '.txp_player', '#Status'],
    dropText: [/^免责声明：本内容来自腾讯平台创作者/, /^按住画面移动小窗$/],
  },
  reject(page) {
    const pay = tencentData(page)?.article_is_pay;
    if (pay === 1 || pay === '1' || pay === true) return 'paywalled article (window.DATA.article_is_pay = 1): the body is not served';
    return undefined;
  },
  emptyReason: (page) => (hasVideo(page) ? 'video-only article: no text body to import' : undefined),
};
