// Date extraction over every saved page of fixtures/pages (copies of ../shared/data/pages)
// and fixtures/tencent/real whose date can be read in it: one row per page, the expected
// value read from the page by hand (where it shows minutes only, so does the comparison).
// Left out, since they show no full date: baijiahao/* ("发布时间：10-08 12:00", no year) and
// other/gne_readhub_1 ("昨天").
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPostFromBytes, shortBodyReason } from '../src/pipeline.js';
import { fixture } from './helpers.js';

// [page, its URL (from its provenance; "unknown" ones get a URL of the site), the date it shows, where]
const TABLE: [string, string, string, string][] = [
  ['pages/163/gerapy_netease_1.html', 'https://news.163.com/unknown', '2020-07-04 01:55:04', '.post_time_source'],
  ['pages/163/gne_163_1.html', 'https://money.163.com/unknown', '2019-09-07 13:43:45', '.post_time_source'],
  ['pages/163/gne_163_2.html', 'https://sports.163.com/unknown', '2019-09-07 09:59:22', '.post_time_source'],
  ['pages/163/gne_163_3.html', 'https://news.163.com/unknown', '2019-09-08 00:20:15', '.post_time_source'],
  ['pages/163/gne_163_4.html', 'https://news.163.com/unknown', '2019-09-07 19:53:27', '.post_time_source'],
  ['pages/163/gne_163_5.html', 'https://news.163.com/unknown', '2019-09-07 16:28:35', '.post_time_source'],
  ['pages/163/gne_163_6.html', 'https://news.163.com/unknown', '2019-09-09 16:19:28', '.post_time_source'],
  ['pages/163/gne_163_7.html', 'https://tech.163.com/19/1125/11/EUQSGLA300097U7R.html', '2019-11-25 11:01:53', '.post_time_source'],
  ['pages/163/gne_163_8.html', 'http://news.163.com/20/0229/18/F6ISIFBD0001899O.html', '2020-02-29 18:34:31', '.post_time_source'],
  ['pages/163/gne_163_9.html', 'http://dy.163.com/v2/article/detail/EFDAIN1E054550F0.html', '2019-05-17 00:00:00', '.time (the day only)'],
  ['pages/163/gne_visiable_163_1.html', 'https://www.163.com/dy/article/G33O1QTA05372UZS.html', '2021-02-18 07:02:10', '.post_info'],
  ['pages/163/nanmi_163_KC12OUHK000189FH.html', 'https://www.163.com/news/article/KC12OUHK000189FH.html', '2025-10-16 20:02:18', '.post_info'],
  ['pages/csdn/gne_csdn_1.html', 'https://www.csdn.net/unknown', '2014-08-24 21:30:00', 'under the headline'],
  ['pages/ifeng/gerapy_ifeng_7kQcQG2peWU.html', 'https://news.ifeng.com/c/7kQcQG2peWU', '2019-02-20 02:26:00', 'under the headline'],
  ['pages/ifeng/gerapy_ifeng_7kQcQG2peWU_20220630.html', 'https://news.ifeng.com/c/7kQcQG2peWU', '2019-02-20 02:26:00', 'under the headline'],
  ['pages/ifeng/gne_ifeng_1.html', 'https://news.ifeng.com/c/7rtKNyg6PU9', '2019-11-25 16:04:30', 'under the headline'],
  ['pages/ifeng/gne_ifeng_2.html', 'https://news.ifeng.com/c/7pplXmYoC6f', '2019-09-09 18:13:22', 'under the headline'],
  ['pages/ifeng/gne_ifeng_3.html', 'http://nb.ifeng.com/a/20200911/14526474_0.shtml', '2020-09-11 18:05:00', 'under the headline'],
  ['pages/ifeng/gne_ifeng_ifeng.html', 'https://ent.ifeng.com/c/7pldiU65MNU', '2019-09-07 08:05:32', 'under the headline'],
  ['pages/mydrivers/gne_mydrivers_1.html', 'https://news.mydrivers.com/1/725/725506.htm', '2020-11-23 10:22:14', 'under the headline (not the script-written date of the day it was saved)'],
  ['pages/other/gerapy_chinanews_1.html', 'https://www.chinanews.com.cn/unknown', '2020-07-04 12:10:24', '.left-time, #pubtime_baidu'],
  ['pages/other/gne_gamersky_1.html', 'https://ol.gamersky.com/news/201909/1220000.shtml', '2019-09-05 11:10:00', 'under the headline'],
  ['pages/other/gne_guancha_2.html', 'https://www.guancha.cn/unknown', '2019-09-07 15:10:53', 'under the headline'],
  ['pages/other/gne_guancha_3.html', 'https://www.guancha.cn/unknown', '2019-09-09 19:32:27', 'under the headline'],
  ['pages/other/gne_guancha_guancha.html', 'https://www.guancha.cn/unknown', '2019-09-07 09:25:09', 'under the headline'],
  ['pages/other/gne_huanqiu_1.html', 'https://3w.huanqiu.com/a/d80b1f/3yWyyCuSR4w', '2020-06-05 20:35:00', 'under the headline'],
  ['pages/other/gne_people_1.html', 'http://culture.people.com.cn/unknown', '2019-06-15 08:18:00', 'under the headline'],
  ['pages/other/gne_xinhuanet_1.html', 'http://www.xinhuanet.com/world/2019-12/10/c_1125327450.htm', '2019-12-10 07:57:40', '.h-time'],
  ['pages/other/omnivore_caixin_102112537.html', 'https://www.caixin.com/2023-09-26/102112537.html', '2023-09-26 17:22:00', 'under the headline'],
  ['pages/other/readability_gmw_source.html', 'http://tech.gmw.cn/2017-03/10/content_23937776.htm', '2017-03-10 09:58:00', 'under the headline'],
  ['pages/other/readability_youth_source.html', 'http://news.d.youth.cn/news/201607/t20160713_8277676.htm', '2017-03-10 08:42:00', 'under the headline'],
  ['pages/sina/cwce_0d931936-d510-4904-a714-88bb267b62da.html', 'http://chanye.finance.sina.com.cn/sm/2005-03-21/244339.shtml', '2005-03-21 11:21:00', 'under the headline'],
  ['pages/sina/cwce_8cb7b39d-4a06-4cad-bc50-0f63304267f3.html', 'http://bj.house.sina.com.cn/p/2005-03-31/031868306.html', '2005-03-31 03:18:00', 'under the headline'],
  ['pages/sina/gne_sina_1.html', 'https://news.sina.com.cn/c/2019-11-25/doc-iihnzahi3275702.shtml', '2019-11-25 18:57:00', '.date-source .date'],
  ['pages/sina/gne_sina_2.html', 'https://finance.sina.com.cn/roll/2018-12-28/doc-ihqfskcn2160999.shtml', '2018-12-28 19:55:00', '.date-source .date (the meta tag says 19:56:29)'],
  ['pages/sina/gne_sina_3.html', 'https://finance.sina.com.cn/stock/usstock/c/2019-09-09/doc-iicezzrq4681677.shtml', '2019-09-09 20:52:00', '.date-source .date'],
  ['pages/sina/gne_sina_4.html', 'https://tech.sina.com.cn/t/2019-09-11/doc-iicezzrq4972166.shtml', '2019-09-11 01:53:00', '#pub_date'],
  ['pages/sina/gne_sina_5.html', 'https://news.sina.com.cn/c/2019-10-23/doc-iicezuev4202091.shtml', '2019-10-23 09:05:00', '.date-source .date (the meta tag says 09:10:42)'],
  ['pages/sina/gne_sina_sina.html', 'https://news.sina.com.cn/c/2019-09-07/doc-iicezzrq4076655.shtml', '2019-09-07 04:04:00', '.date-source .date (the meta tag says 06:52:51)'],
  ['pages/sohu/cwce_33a95b71-b49b-42c1-9c0a-ab8e3feba3cf.html', 'http://business.sohu.com/20050311/n224643115.shtml', '2005-03-11 12:12:00', 'the top bar'],
  ['pages/sohu/cwce_7c6d2080-5ab9-4385-9c0e-e1c8ed06efd3.html', 'http://business.sohu.com/20040716/n221031086.shtml', '2004-07-16 08:19:00', 'the top bar'],
  ['pages/sohu/cwce_8baa71e3-7cfa-4850-bb54-c6db4e0c3b70.html', 'http://auto.sohu.com/20050513/n225551143.shtml', '2005-05-13 14:15:00', 'the top bar'],
  ['pages/sohu/cwce_d8d4c4ec-dc2a-420f-a9f8-5e8ee597b965.html', 'https://www.sohu.com/a/434365209_123753', '2020-11-26 08:04:00', '#news-time'],
  ['pages/sohu/cwce_ebe9df29-f5ed-4b45-ab31-afad5cac3ad1.html', 'http://business.sohu.com/20041021/n222611364.shtml', '2004-10-21 14:18:00', 'the top bar'],
  ['pages/tencent/gne_qq_finance_20190923000843.html', 'http://finance.qq.com/a/20190923/000843.htm', '2019-09-23 07:48:00', 'under the headline'],
  ['pages/tencent/readability_qq_source.html', 'http://tech.qq.com/a/20161014/006270.htm', '2016-10-14 07:17:00', 'under the headline'],
  ['tencent/real/gne_qq_20190907A081B0.html', 'https://new.qq.com/rain/a/20190907A081B000', '2019-09-07 19:02:26', 'window.DATA.pubtime (the page shows 19:02)'],
  ['tencent/real/raw_omn_TWF2020041300303000.html', 'https://new.qq.com/omn/20200413/TWF2020041300303000.html', '2020-04-13 10:27:11', 'window.DATA.pubtime'],
  ['tencent/real/raw_rain_20201130A0G1JJ00.html', 'https://new.qq.com/rain/a/20201130A0G1JJ00', '2020-11-30 21:48:28', 'window.DATA.pubtime'],
  ['tencent/real/raw_rain_TWF2021042600346900.html', 'https://new.qq.com/rain/a/TWF2021042600346900', '2021-04-26 10:36:29', 'window.DATA.pubtime'],
  ['pages/thepaper/gne_thepaper_1.html', 'https://www.thepaper.cn/unknown', '2019-09-24 09:10:00', '.news_about'],
  ['pages/thepaper/gne_thepaper_2.html', 'https://www.thepaper.cn/unknown', '2019-08-13 14:07:00', '.news_about'],
  ['pages/thepaper/gne_thepaper_3.html', 'https://www.thepaper.cn/newsDetail_forward_5420361', '2020-01-03 18:13:00', '.news_about'],
  ['pages/thepaper/gne_thepaper_4.html', 'https://www.thepaper.cn/newsDetail_forward_4150096', '2019-08-13 14:07:00', '.news_about'],
  ['pages/thepaper/gne_thepaper_5.html', 'https://www.thepaper.cn/newsDetail_forward_7732983', '2020-06-06 10:08:00', '.news_about'],
  ['pages/thepaper/gne_visiable_thepaper_1.html', 'https://www.thepaper.cn/newsDetail_forward_4150096', '2019-08-13 14:07:00', '.news_about'],
  ['pages/toutiao/gne_toutiao_2.html', 'https://www.toutiao.com/unknown', '2019-09-08 11:42:03', 'span.time'],
  ['pages/toutiao/gne_toutiao_3.html', 'https://www.toutiao.com/unknown', '2019-09-09 16:01:46', '.article-sub'],
  ['pages/toutiao/gne_toutiao_4.html', 'https://www.toutiao.com/a6763067898329039374/', '2019-11-25 10:37:31', '.article-sub'],
  ['pages/toutiao/gne_toutiao_5.html', 'https://www.toutiao.com/a6802149563361657348/', '2020-03-09 18:14:21', '.article-sub'],
  ['pages/toutiao/gne_toutiao_toutiao.html', 'https://www.toutiao.com/unknown', '2019-09-04 22:18:34', '.article-sub'],
  ['pages/toutiao/nanmi_toutiao_7404384826024935990.html', 'https://www.toutiao.com/article/7404384826024935990/', '2024-08-18 15:54:00', '.article-meta'],
  ['pages/wechat/gne_wechat_1.html', 'https://mp.weixin.qq.com/s/unknown', '2020-02-12 22:17:54', 'shown as 昨天 (the page was saved on 2020-02-13); var ct'],
  ['pages/wechat/gne_wechat_2.html', 'https://mp.weixin.qq.com/s?__biz=MzI2MzEwNTY3OQ==&mid=2648978231&idx=1&sn=dd091611fcf1aa0c2aef9655f13e7731', '2020-02-11 18:47:50', 'shown as 前天; var ct'],
  ['pages/wechat/nanmi_wechat_3Sr6nYjE1RF05siTblD2mw.html', 'https://mp.weixin.qq.com/s/3Sr6nYjE1RF05siTblD2mw', '2024-11-01 12:38:00', 'var ct (the raw page fills #publish_time by script)'],
  ['pages/wechat/omnivore_wechat_GOPZJy6e9JADeDN2M9rv8w.html', 'https://mp.weixin.qq.com/s/GOPZJy6e9JADeDN2M9rv8w', '2023-01-10 07:07:00', '#publish_time'],
];

describe('the date of every saved page that shows one', () => {
  it.each(TABLE)('%s', (page, url, expected) => {
    const post = buildPostFromBytes(readFileSync(fixture(page)), undefined, new URL(url), new Date('2030-01-01T00:00:00Z'));
    // Minute precision where the page shows minutes only.
    const shown = expected.endsWith(':00') ? 16 : 19;
    expect(post.fields.date.slice(0, shown)).toBe(expected.slice(0, shown));
    expect(post.warnings).toEqual([]);
  });
});

describe('every saved page imports', () => {
  // The pages the table leaves out (no full date shown), with a URL of their site.
  const others: [string, string][] = [
    ['pages/baijiahao/gne_baijiahao_1.html', 'http://baijiahao.baidu.com/s?id=1646796218135408573'],
    ['pages/baijiahao/gne_baijiahao_2.html', 'http://baijiahao.baidu.com/s?id=1646116705759028486'],
    ['pages/baijiahao/gne_baijiahao_3.html', 'https://baijiahao.baidu.com/s?id=1594379932298080127'],
    ['pages/baijiahao/gne_baijiahao_4.html', 'https://baijiahao.baidu.com/s?id=1655696407716538005'],
    ['pages/other/gne_readhub_1.html', 'https://readhub.cn/topic/7PM49H7yjs5'],
  ];
  const all: [string, string][] = [...TABLE.map(([page, url]): [string, string] => [page, url]), ...others];

  it('covers every page of fixtures/pages', () => {
    const files = (readdirSync(fixture('pages'), { recursive: true }) as string[]).filter((f) => f.endsWith('.html')).map((f) => `pages/${f.split(path.sep).join('/')}`);
    expect(all.map(([page]) => page).filter((p) => p.startsWith('pages/')).sort()).toEqual(files.sort());
  });

  it.each(all)('%s: a post filed in Chinese, with a real body', (page, url) => {
    const post = buildPostFromBytes(readFileSync(fixture(page)), undefined, new URL(url), new Date('2030-01-01T00:00:00Z'));
    expect(post.fields.lang).toBe('zh-CN');
    expect(post.path).toMatch(/^content\/zh-CN\/news\/[a-z0-9]+\/[^/]+\.zh-CN\.md$/);
    expect(post.fields.title.length).toBeGreaterThan(4);
    expect(shortBodyReason(post)).toBeUndefined();
  });
});
