// ifeng (news.ifeng.com/c/<id>): the article lives in `var allData = {...}` (docData:
// title, newsTime, contentData.contentList[].data as HTML), checked on fixtures/pages/ifeng.
import { asText, scriptAssignedJson } from '../script-json.js';
import type { SiteAdapter } from '../adapter.js';
import { identifyByUrl } from '../link.js';
import { perPage } from '../per-page.js';
import type { Page } from '../types.js';

/** `allData.docData`, parsed once per page. */
const docData = perPage(function docData(page: Page): Record<string, unknown> | undefined {
  return scriptAssignedJson(page, /var allData\s*=\s*/).find((d) => d.docData)?.docData as Record<string, unknown> | undefined;
});

/** The text parts of contentList, joined (other parts are videos and ads). */
function contentHtml(page: Page): string | undefined {
  const list = (docData(page)?.contentData as { contentList?: { type?: string; data?: unknown }[] } | undefined)?.contentList;
  const parts = list?.filter((c) => c.type === 'text' && typeof c.data === 'string').map((c) => c.data as string);
  return parts?.length ? parts.join('\n') : undefined;
}

export const ifeng: SiteAdapter = {
  name: 'ifeng',
  filing: { folder: 'ifeng', category: 'ifeng', lang: 'zh-CN' },
  hosts: /(^|\.)ifeng\.com$/,
  fingerprint: (page) => (docData(page)?.contentData ? 'var allData with docData.contentData' : undefined),
  identify: identifyByUrl(/^\/c\/([0-9A-Za-z]+)/),
  title: [{ name: 'allData.docData.title', get: (p) => asText(docData(p)?.title) }, 'h1', ['meta[property="og:title"]', 'content']],
  date: [{ name: 'allData.docData.newsTime', get: (p) => asText(docData(p)?.newsTime) }, ['meta[name="og:time "]', 'content'], ['meta[name="og:time"]', 'content']],
  dateZone: 'Asia/Shanghai',
  cover: [
    ['meta[property="og:image"]', 'content'],
    { name: 'allData.docData.imagesInContent[0]', get: (p) => asText((docData(p)?.imagesInContent as { url?: string }[] | undefined)?.[0]?.url) },
  ],
  body: [{ name: 'allData.docData.contentData.contentList', html: contentHtml }, '.main_content', '[class^="text-"]'],
  clean: { dropText: [/^\[[^\]]*责任编辑[^\]]*\]$/, /^责任编辑：/] },
};
