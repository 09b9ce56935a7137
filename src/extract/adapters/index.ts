// The site adapters, in the order they are tried. Light to load (no parser): `import` and
// `batch` pick the adapter for a URL before anything is fetched.
import type { SiteAdapter } from '../adapter.js';
import { ifeng } from './ifeng.js';
import { infoq } from './infoq.js';
import { netease } from './netease.js';
import { pingwest } from './pingwest.js';
import { sina } from './sina.js';
import { sohu } from './sohu.js';
import { tencent } from './tencent.js';
import { thepaper } from './thepaper.js';
import { toutiao } from './toutiao.js';
import { wechat } from './wechat.js';

// WeChat before Tencent: mp.weixin.qq.com is no Tencent News host, and its pages carry no window.DATA.
export const ADAPTERS: readonly SiteAdapter[] = [wechat, tencent, sina, netease, sohu, ifeng, toutiao, thepaper, infoq, pingwest];

/** The adapter for a URL's host, before anything is fetched. */
export function chooseAdapterForUrl(url: URL, adapters: readonly SiteAdapter[] = ADAPTERS): SiteAdapter | undefined {
  return adapters.find((a) => a.hosts.test(url.hostname.toLowerCase()));
}
