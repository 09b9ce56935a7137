// Titles found by comparing what a page declares and prints (src/extract/title.ts): the
// headline of every saved page of fixtures/pages, read by hand from its <h1> (or, where it
// has none, from the line it prints above the article), through the site adapters and
// through the generic extractor alone; real pages of the development sets whose <title>
// carries the site's name (fixtures/extraction, provenance beside them); and pages
// assembled here, marked so, for cases the sets hold no page of.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { genericFields } from '../src/extract/generic.js';
import { extractArticle } from '../src/extract/index.js';
import { parseHtml } from '../src/parse.js';
import { buildPost, buildPostFromBytes } from '../src/pipeline.js';
import { fixture, MANY_LANGUAGES } from './helpers.js';

const FETCHED = new Date('2026-01-01T00:00:00Z');

// [page, its URL (from its provenance; "unknown" ones get a URL of the site), the headline it shows]
const TABLE: [string, string, string][] = [
  ['pages/163/gerapy_netease_1.html', 'https://news.163.com/unknown', "美国新冠肺炎确诊病例超278万例 死亡129227例"],
  ['pages/163/gne_163_1.html', 'https://money.163.com/unknown', "多地项目连环爆雷 狂奔的龙湖集团\"暗伤\"曝露？"],
  ['pages/163/gne_163_2.html', 'https://sports.163.com/unknown', "姚明对周琦说了啥？周琦上下半场判若两人"],
  ['pages/163/gne_163_3.html', 'https://news.163.com/unknown', "奖金711万元！\"中国诺贝尔奖\"首位获奖女性啥来头?"],
  ['pages/163/gne_163_4.html', 'https://news.163.com/unknown', "华为Mate20X 5G版半天不到需充电 耗电制约5G芯片"],
  ['pages/163/gne_163_5.html', 'https://news.163.com/unknown', "女警打百个电话遭停机 评:运营商识别诈骗智商感人"],
  ['pages/163/gne_163_6.html', 'https://news.163.com/unknown', "男孩因不想上补习班 写\"救命啊\"纸团抛出引来警察"],
  ['pages/163/gne_163_7.html', 'https://tech.163.com/19/1125/11/EUQSGLA300097U7R.html', "亚马逊海外购“限时快闪店”登陆拼多多"],
  ['pages/163/gne_163_8.html', 'http://news.163.com/20/0229/18/F6ISIFBD0001899O.html', "国务院联防联控机制:湖北和武汉要严格管控防输出"],
  ['pages/163/gne_163_9.html', 'http://dy.163.com/v2/article/detail/EFDAIN1E054550F0.html', "5月20日至31日，京沪高速无锡至江阴大桥至广陵枢纽段封闭！"],
  ['pages/163/gne_visiable_163_1.html', 'https://www.163.com/dy/article/G33O1QTA05372UZS.html', "广西省发生了一起事件，位置在来宾市，画面曝光"],
  ['pages/163/nanmi_163_KC12OUHK000189FH.html', 'https://www.163.com/news/article/KC12OUHK000189FH.html', "全球媒体聚焦｜美国政府停摆将对整个经济系统产生冲击"],
  ['pages/csdn/gne_csdn_1.html', 'https://www.csdn.net/unknown', "第三届知道安全论坛鸟巢举办 知道创宇发布新版ZoomEye"],
  ['pages/ifeng/gerapy_ifeng_7kQcQG2peWU.html', 'https://news.ifeng.com/c/7kQcQG2peWU', "故宫，你低调点！故宫：不，实力已不允许我继续低调"],
  ['pages/ifeng/gerapy_ifeng_7kQcQG2peWU_20220630.html', 'https://news.ifeng.com/c/7kQcQG2peWU', "故宫，你低调点！故宫：不，实力已不允许我继续低调"],
  ['pages/ifeng/gne_ifeng_1.html', 'https://news.ifeng.com/c/7rtKNyg6PU9', "女童眼睛被塞几十片纸，“无法用科学解释”"],
  ['pages/ifeng/gne_ifeng_2.html', 'https://news.ifeng.com/c/7pplXmYoC6f', "他放弃百万年薪来到这里 唯一的要求竟是……"],
  ['pages/ifeng/gne_ifeng_3.html', 'http://nb.ifeng.com/a/20200911/14526474_0.shtml', "疫情防控常态化下，长春市的新经济之路"],
  ['pages/ifeng/gne_ifeng_ifeng.html', 'https://ent.ifeng.com/c/7pldiU65MNU', "董又霖主持首秀状况百出大方道歉：会继续努力"],
  ['pages/mydrivers/gne_mydrivers_1.html', 'https://news.mydrivers.com/1/725/725506.htm', "首次采样带回 嫦娥五号为什么是中国航天史上最复杂任务？一图看懂"],
  ['pages/other/gerapy_chinanews_1.html', 'https://www.chinanews.com.cn/unknown', "【中国稳健前行】坚定实施扩大内需战略"],
  ['pages/other/gne_gamersky_1.html', 'https://ol.gamersky.com/news/201909/1220000.shtml', "逆水寒再按照这个速度研发下去 应该马上就要收到律师函了！"],
  ['pages/other/gne_guancha_2.html', 'https://www.guancha.cn/unknown', "我国集成电路进口突破3000亿美元！魏少军：产业结构扭曲，没将产品作为中心"],
  ['pages/other/gne_guancha_3.html', 'https://www.guancha.cn/unknown', "苹果回应“违反中国劳动法”：大多数指控错误"],
  ['pages/other/gne_guancha_guancha.html', 'https://www.guancha.cn/unknown', "王文：中美贸易“持久战”，中国人的斗志被激发"],
  ['pages/other/gne_huanqiu_1.html', 'https://3w.huanqiu.com/a/d80b1f/3yWyyCuSR4w', "补壹刀：别笑！18人的“新八国联军”今天成立了"],
  ['pages/other/gne_people_1.html', 'http://culture.people.com.cn/unknown', "女儿出嫁，郑板桥画了几笔兰花当嫁妆"],
  ['pages/other/gne_xinhuanet_1.html', 'http://www.xinhuanet.com/world/2019-12/10/c_1125327450.htm', "法国全国大罢工再次严重影响交通"],
  ['pages/other/omnivore_caixin_102112537.html', 'https://www.caixin.com/2023-09-26/102112537.html', "途虎养车港交所挂牌 腾讯为最大外部股东"],
  ['pages/other/readability_gmw_source.html', 'http://tech.gmw.cn/2017-03/10/content_23937776.htm', "宇航员在太空中喝酒会怎么样？后果很严重"],
  ['pages/other/readability_youth_source.html', 'http://news.d.youth.cn/news/201607/t20160713_8277676.htm', "海外留学生看两会：出国前后关注点大不同"],
  ['pages/sina/cwce_0d931936-d510-4904-a714-88bb267b62da.html', 'http://chanye.finance.sina.com.cn/sm/2005-03-21/244339.shtml', "四年前中500万现穷困潦倒 一夜暴富后如何经营"],
  ['pages/sina/cwce_8cb7b39d-4a06-4cad-bc50-0f63304267f3.html', 'http://bj.house.sina.com.cn/p/2005-03-31/031868306.html', "拿出10万元投资房产 小两口尝试以钱生钱(图)"],
  ['pages/sina/gne_sina_1.html', 'https://news.sina.com.cn/c/2019-11-25/doc-iihnzahi3275702.shtml', "中国人习以为常的地方 为何老外却说“了不得”？"],
  ['pages/sina/gne_sina_2.html', 'https://finance.sina.com.cn/roll/2018-12-28/doc-ihqfskcn2160999.shtml', "60万\"12306账号\"外泄? 中铁总辟谣称消息不实"],
  ['pages/sina/gne_sina_3.html', 'https://finance.sina.com.cn/stock/usstock/c/2019-09-09/doc-iicezzrq4681677.shtml', "债券市场是否存在泡沫？世界知名首席投资官们这么说"],
  ['pages/sina/gne_sina_4.html', 'https://tech.sina.com.cn/t/2019-09-11/doc-iicezzrq4972166.shtml', "苹果发布新iPhone 11：64GB售5499元 256GB售6799元"],
  ['pages/sina/gne_sina_5.html', 'https://news.sina.com.cn/c/2019-10-23/doc-iicezuev4202091.shtml', "陈同佳刑满出狱 向潘晓颖家人鞠躬致歉"],
  ['pages/sina/gne_sina_sina.html', 'https://news.sina.com.cn/c/2019-09-07/doc-iicezzrq4076655.shtml', "最强“中国芯”本月商用 华为抢跑5G芯片大战"],
  ['pages/sohu/cwce_33a95b71-b49b-42c1-9c0a-ab8e3feba3cf.html', 'http://business.sohu.com/20050311/n224643115.shtml', "工商部门初定SKII广告属于虚假宣传"],
  ['pages/sohu/cwce_7c6d2080-5ab9-4385-9c0e-e1c8ed06efd3.html', 'http://business.sohu.com/20040716/n221031086.shtml', "劳伦斯：一个无法定义的“洛克菲勒”"],
  ['pages/sohu/cwce_8baa71e3-7cfa-4850-bb54-c6db4e0c3b70.html', 'http://auto.sohu.com/20050513/n225551143.shtml', "从上海车展看在华布局 现代汽车再次提速"],
  ['pages/sohu/cwce_d8d4c4ec-dc2a-420f-a9f8-5e8ee597b965.html', 'https://www.sohu.com/a/434365209_123753', "刺死辱母者于欢的罪与悔：出狱第一晚仅睡三四个小时"],
  ['pages/sohu/cwce_ebe9df29-f5ed-4b45-ab31-afad5cac3ad1.html', 'http://business.sohu.com/20041021/n222611364.shtml', "民间资本成投资活动的主体 民间资本路在何方"],
  ['pages/tencent/gne_qq_finance_20190923000843.html', 'http://finance.qq.com/a/20190923/000843.htm', "棱镜|数据业大整顿：爬虫与现金贷共生共荣，用户信息几元不等"],
  ['pages/tencent/readability_qq_source.html', 'http://tech.qq.com/a/20161014/006270.htm', "DeepMind新电脑已可利用记忆自学 人工智能迈上新台阶"],
  ['tencent/real/gne_qq_20190907A081B0.html', 'https://new.qq.com/rain/a/20190907A081B000', "儿歌一分钱被改成一元钱 原作者女儿：改成这样不觉得拗口吗？"],
  ['tencent/real/raw_omn_TWF2020041300303000.html', 'https://new.qq.com/omn/20200413/TWF2020041300303000.html', "见证：42000多张照片 记住英雄面孔"],
  ['tencent/real/raw_rain_20201130A0G1JJ00.html', 'https://new.qq.com/rain/a/20201130A0G1JJ00', "流感疫苗副作用大不能接种？腾讯新闻较真平台发布11月最全辟谣榜"],
  ['tencent/real/raw_rain_TWF2021042600346900.html', 'https://new.qq.com/rain/a/TWF2021042600346900', "跟随总书记的脚步 忆浴血湘江悟苦难辉煌"],
  ['pages/thepaper/gne_thepaper_1.html', 'https://www.thepaper.cn/unknown', "共享充电宝涨价告别1元时代：是“收割韭菜”还是回归理性"],
  ['pages/thepaper/gne_thepaper_2.html', 'https://www.thepaper.cn/unknown', "定了！广州南沙邮轮母港即将开通！地铁直达+无敌免..."],
  ['pages/thepaper/gne_thepaper_3.html', 'https://www.thepaper.cn/newsDetail_forward_5420361', "新年伊始，习近平的重要文章谈了啥？"],
  ['pages/thepaper/gne_thepaper_4.html', 'https://www.thepaper.cn/newsDetail_forward_4150096', "定了！广州南沙邮轮母港即将开通！地铁直达+无敌免..."],
  ['pages/thepaper/gne_thepaper_5.html', 'https://www.thepaper.cn/newsDetail_forward_7732983', "柳叶刀：味觉嗅觉丧失是新冠感染最强预测指标，优于发烧咳嗽"],
  ['pages/thepaper/gne_visiable_thepaper_1.html', 'https://www.thepaper.cn/newsDetail_forward_4150096', "定了！广州南沙邮轮母港即将开通！地铁直达+无敌免..."],
  ['pages/toutiao/gne_toutiao_2.html', 'https://www.toutiao.com/unknown', "最不愁吃肉的国家：顿顿有肉吃，却要靠中国运输蔬菜水果"],
  ['pages/toutiao/gne_toutiao_3.html', 'https://www.toutiao.com/unknown', "海螺沟寻子一个月：儿子消失在眼前十几米，搜寻无果母亲不舍离去"],
  ['pages/toutiao/gne_toutiao_4.html', 'https://www.toutiao.com/a6763067898329039374/', "较强冷空气来袭 全国多地开启“抖抖抖”模式"],
  ['pages/toutiao/gne_toutiao_5.html', 'https://www.toutiao.com/a6802149563361657348/', "顺丰小哥汪勇连升3级，国家授予特别奖：时代永远在奖励解决问题的摆渡人"],
  ['pages/toutiao/gne_toutiao_toutiao.html', 'https://www.toutiao.com/unknown', "英国独立游戏，经典游戏规则与RPG成长冒险元素结合体验"],
  ['pages/toutiao/nanmi_toutiao_7404384826024935990.html', 'https://www.toutiao.com/article/7404384826024935990/', "14年儿子在马航遇难，多年后父亲收到儿子回信，坚信他在平行时空"],
  ['pages/wechat/gne_wechat_1.html', 'https://mp.weixin.qq.com/s/unknown', "三星 Galaxy S20 系列手机正式发布"],
  ['pages/wechat/gne_wechat_2.html', 'https://mp.weixin.qq.com/s?__biz=MzI2MzEwNTY3OQ==&mid=2648978231&idx=1&sn=dd091611fcf1aa0c2aef9655f13e7731', "一日一技：在 Python 中实现延迟调用"],
  ['pages/wechat/nanmi_wechat_3Sr6nYjE1RF05siTblD2mw.html', 'https://mp.weixin.qq.com/s/3Sr6nYjE1RF05siTblD2mw', "生意和事业是有区别的，如何在AI时代思考创业方向"],
  ['pages/wechat/omnivore_wechat_GOPZJy6e9JADeDN2M9rv8w.html', 'https://mp.weixin.qq.com/s/GOPZJy6e9JADeDN2M9rv8w', "全平台开源免费稍后读利器，且可与Obsidian联用！"],
  ['pages/baijiahao/gne_baijiahao_1.html', 'http://baijiahao.baidu.com/s?id=1646796218135408573', "英国美女在殡仪馆工作太痛苦，转行当美人鱼！每小时收入近千元"],
  ['pages/baijiahao/gne_baijiahao_2.html', 'http://baijiahao.baidu.com/s?id=1646116705759028486', "日本最后一家传呼机公司停止服务，殡仪馆为BB机送终"],
  ['pages/baijiahao/gne_baijiahao_3.html', 'https://baijiahao.baidu.com/s?id=1594379932298080127', "这款休闲裤太帅了，让你时尚潮流穿着舒适"],
  ['pages/baijiahao/gne_baijiahao_4.html', 'https://baijiahao.baidu.com/s?id=1655696407716538005', "一袭汉服，一架古筝，90后彭静旋异国他乡只为传播中华文化"],
  ['pages/other/gne_readhub_1.html', 'https://readhub.cn/topic/7PM49H7yjs5', "运营商 5G 手机促销方式曝光，禁止提供购机补贴"],
];

describe('the headline of every saved page', () => {
  it.each(TABLE)('%s', (file, url, title) => {
    const bytes = readFileSync(fixture(file));
    expect(buildPostFromBytes(bytes, undefined, new URL(url), FETCHED, { registry: MANY_LANGUAGES }).fields.title).toBe(title);
  });

  // The same pages without their site adapters: what the generic extractor makes of a site
  // it has never seen. One WeChat page keeps its body in a hidden container only its adapter reads.
  it.each(TABLE.filter(([file]) => !file.includes('nanmi_wechat')))('%s, generic only', (file, url, title) => {
    const bytes = readFileSync(fixture(file));
    expect(buildPostFromBytes(bytes, undefined, new URL(url), FETCHED, { adapters: [], registry: MANY_LANGUAGES }).fields.title).toBe(title);
  });
});

const real = (file: string, url: string) => buildPostFromBytes(readFileSync(fixture('extraction', file)), undefined, new URL(url), FETCHED, { registry: MANY_LANGUAGES });
const assembled = (html: string, url = 'https://news.example.com/world/1') => buildPost({ html, url: new URL(url), fetchedAt: FETCHED }, { registry: MANY_LANGUAGES });
const decide = (html: string, url = 'https://news.example.com/world/1') => genericFields({ $: parseHtml(html), html, url: new URL(url), fetchedAt: FETCHED }).titleDecision;
const BODY = '<p>' + 'The council met on Monday and agreed to the plan after a long debate, with three members against it. '.repeat(4) + '</p>';

describe("the site's name, by the candidates' agreement", () => {
  it('The Japan Times: "<headline> | The Japan Times" beside the same og:title and <h1>', () => {
    expect(real('japantimes.co.jp.surgical.html', 'https://www.japantimes.co.jp/news/2020/02/18/national/crime-legal/6000-surgical-masks-stolen/').fields.title).toBe(
      'Losing face: 6,000 surgical masks stolen from Kobe hospital',
    );
  });

  it('DW: section, site and date after the headline ("... | Environnement | DW | 23.05.2011")', () => {
    expect(real('dw.com-elephants.html', 'https://www.dw.com/fr/la-perte-des-terres-fertiles-et-les-%C3%A9l%C3%A9phants-en-guin%C3%A9e-conakry/a-6533123').fields.title).toBe(
      'La perte des terres fertiles et les éléphants en Guinée-Conakry',
    );
  });

  it('Bondy Blog: "... - Bondy Blog" in og:title, twitter:title and <title>, beside the <h1> (with a curly apostrophe)', () => {
    expect(real('bondyblog.fr.paris-8.html', 'https://www.bondyblog.fr/societe/a-paris-8-un-peu-de-tension-beaucoup-d-actions/').fields.title).toBe(
      "A Paris-8, un peu de tension, beaucoup d'actions",
    );
  });

  it('a rubric before the headline and the site after it (RFI\'s form; assembled)', () => {
    const html = `<html><head><title>Afrique - Au Sahel, la saison des pluies arrive tôt - RFI</title><meta property="og:title" content="Au Sahel, la saison des pluies arrive tôt"></head><body><h1>Au Sahel, la saison des pluies arrive tôt</h1>${BODY}</body></html>`;
    expect(assembled(html, 'https://www.rfi.fr/fr/afrique/20240501-sahel').fields.title).toBe('Au Sahel, la saison des pluies arrive tôt');
  });

  it('a <title> nothing else explains keeps its headline and loses a short last part ("... – My website")', () => {
    const html = `<html><head><title>Council approves the harbour plan after long debate – My website</title></head><body>${BODY}</body></html>`;
    expect(assembled(html).fields.title).toBe('Council approves the harbour plan after long debate');
  });
});

// The last three guard what taking the logo's name off a <title> would otherwise break.
describe("the site's name from its logo", () => {
  const POST = (title: string, logo: string) =>
    `<html><head><title>${title}</title></head><body><h1><a href="/">${logo}</a></h1><div class="post"><h3>Backwards!</h3>${BODY}</div></body></html>`;

  it('an <h1> that links to the home page is the logo: its text is taken off the <title> (a Blogger page\'s form; assembled)', () => {
    expect(assembled(POST('The Fischbowl: Backwards!', 'The Fischbowl'), 'https://thefischbowl.blogspot.com/2012/10/backwards.html').fields.title).toBe('Backwards!');
  });

  it('an <h1> that links elsewhere names no site (assembled)', () => {
    const html = POST('The Fischbowl: Backwards!', 'The Fischbowl').replace('href="/"', 'href="/2012/10/backwards.html"');
    expect(assembled(html, 'https://thefischbowl.blogspot.com/2012/10/backwards.html').fields.title).toBe('The Fischbowl');
  });

  it('with the name off, "» Blog Archive »" goes by the headline printed on the page (WordPress\'s old default; assembled)', () => {
    const html = POST('Four Years Remaining » Blog Archive » Interning of Small Integers in Python', 'Four Years Remaining').replace('Backwards!', 'Interning of Small Integers in Python');
    expect(assembled(html, 'http://fouryears.example/2019/10/21/interning/').fields.title).toBe('Interning of Small Integers in Python');
  });

  it('with the name off, a colon stays: headlines hold colons themselves (assembled)', () => {
    const html = `<html><head><title>Letting the Wolves Howl: Part 5 - Crunchy Chicken</title></head><body><h1><a href="/">Crunchy Chicken</a></h1><ul><li><a href="/p/wolves.html">Letting the Wolves Howl</a></li></ul><div class="post"><h3>Letting the Wolves Howl: Part 5</h3>${BODY}</div></body></html>`;
    expect(assembled(html, 'http://www.crunchy.example/2012/08/letting-wolves-howl-part-5.html').fields.title).toBe('Letting the Wolves Howl: Part 5');
  });

  it('a home page that names nothing but its site keeps that name whole, not a part of it (assembled)', () => {
    const html = `<html><head><title>Gaby's - Colours of the Soul</title></head><body><h1><a href="/">Gaby's - Colours of the Soul</a></h1>${BODY}</body></html>`;
    expect(decide(html, 'http://www.colours.example/').found?.value).toBe("Gaby's - Colours of the Soul");
  });
});

describe('what the candidates agree is part of the headline', () => {
  it("twitter:site names an account, not the site: a product name every title starts with stays (Mozilla's Firefox pages; assembled)", () => {
    const html = `<html><head><title>Firefox — Customize and make it your own — The most flexible browser on the Web — Mozilla</title><meta property="og:site_name" content="Mozilla"><meta property="og:title" content="Firefox — Customize and make it your own — The most flexible browser on the Web"><meta name="twitter:site" content="@firefox"></head><body><h1>Make your Firefox your own</h1>${BODY}</body></html>`;
    expect(assembled(html, 'https://www.mozilla.org/en-US/firefox/desktop/customize/').fields.title).toBe('Firefox — Customize and make it your own — The most flexible browser on the Web');
  });

  it('a short last part the JSON-LD headline carries is the headline\'s, not a site name (ACLU\'s form; assembled)', () => {
    const headline = 'This County Criminalized Students for Bad Grades – Until Now';
    const html = `<html><head><title>${headline} | American Civil Liberties Union</title><meta property="og:site_name" content="American Civil Liberties Union"><meta property="og:title" content="${headline}"><meta name="twitter:title" content="${headline}"><script type="application/ld+json">{"@type":"NewsArticle","headline":"${headline}"}</script></head><body><h1>${headline}</h1>${BODY}</body></html>`;
    expect(assembled(html, 'https://www.aclu.org/news/racial-justice/grades').fields.title).toBe(headline);
  });
});

describe('candidates that are no headline', () => {
  it("a CMS placeholder in JSON-LD (the Telegraph's `escenic`) loses to og:title, twitter:title, <h1> and <title> (assembled)", () => {
    const html = `<html><head><title>Zimbabwe army takes control of the capital - The Telegraph</title><meta property="og:title" content="Zimbabwe army takes control of the capital"><meta name="twitter:title" content="Zimbabwe army takes control of the capital"><script type="application/ld+json">{"@type":"NewsArticle","headline":"escenic"}</script></head><body><h1>Zimbabwe army takes control of the capital</h1>${BODY}</body></html>`;
    const decision = decide(html, 'https://www.telegraph.co.uk/news/2017/11/15/zimbabwe/');
    expect(decision.found?.value).toBe('Zimbabwe army takes control of the capital');
    expect(decision.others.find((c) => c.via === 'JSON-LD headline')?.why).toMatch(/placeholder/);
  });

  it("the site's name in the only <h1> (a logo) is rejected, not taken (assembled)", () => {
    const html = `<html><head><title>Rates hold steady as inflation cools - Example Times</title><meta property="og:site_name" content="Example Times"></head><body><h1>Example Times</h1>${BODY}</body></html>`;
    const decision = decide(html);
    expect(decision.found?.value).toBe('Rates hold steady as inflation cools');
    expect(decision.others).toContainEqual({ value: 'Example Times', via: '<h1>', why: "the site's name, not a headline" });
  });

  it('a page that names nothing but its site (a home page) takes that name rather than failing (assembled)', () => {
    const html = `<html><head><title>Example Times</title><meta property="og:site_name" content="Example Times"></head><body><h1>Example Times</h1>${BODY}</body></html>`;
    expect(decide(html).found?.value).toBe('Example Times');
  });

  it('a page with no <title>, <h1> or metadata takes the first line of its body, with a warning (a Chinese page; assembled)', () => {
    const text = '今年以来，全市共新建和改造城市道路一百二十公里，新增公交线路十八条，市民出行更加便利。'.repeat(3);
    const html = `<html><head><meta charset="utf-8"></head><body><div class="main"><div class="tit">全市新建改造城市道路一百二十公里</div><p>${text}</p><p>${text}</p></div></body></html>`;
    const post = assembled(html, 'http://www.example.cn/news/2004/1210/1.html');
    expect(post.fields.title).toBe('全市新建改造城市道路一百二十公里');
    expect(post.warnings).toContain("no title in the page's metadata, <title> or <h1>: the body's first heading-like line is taken as the title");
  });

  const START = "no title in the page's metadata, <title>, <h1> or the body's first lines: the start of the body's text is taken as the title";

  it('a page with no title anywhere and no heading-like line is named by the start of its text, with a warning (Readability\'s 005 test page)', () => {
    // Too short a text to tell its language, so extracted without filing a post.
    const html = '<!DOCTYPE html><html><head><meta property="og:description" content="&amp;#x1F62D;"></head><body>\n Test\n</body></html>';
    const extracted = extractArticle({ $: parseHtml(html), html, url: new URL('https://www.example.com/test/page.html'), fetchedAt: FETCHED });
    expect(extracted.title.value).toBe('Test');
    expect(extracted.warnings).toContain(START);
  });

  it('that start is cut to a long headline\'s length at a space, or anywhere in Chinese text (assembled)', () => {
    const latin = 'Many educators and communities are searching for evidence on the best way to provide a high-quality education for their children. '.repeat(3);
    expect(assembled(`<html><body><div><p>${latin}</p><p>${latin}</p></div></body></html>`).fields.title).toBe(
      'Many educators and communities are searching for evidence on the best way to provide a…',
    );
    const han = '今年以来，全市共新建和改造城市道路一百二十公里，新增公交线路十八条，市民出行更加便利。'.repeat(3);
    const title = assembled(`<html><head><meta charset="utf-8"></head><body><div><p>${han}</p><p>${han}</p></div></body></html>`, 'http://www.example.cn/news/1.html').fields.title;
    expect(title).toBe(`${han.slice(0, 52)}…`);
  });
});
