// Each site adapter on its saved pages (fixtures/pages, real; fixtures/pingwest, assembled
// from real feed bodies), with the generic fallback switched off so that only the site's
// own rules can find title, date, cover and body. Expected posts are checked in whole
// (fixtures/expected/<adapter>/); PRESSCLIP_UPDATE=1 rewrites them after a reviewed change.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ADAPTERS } from '../src/extract/index.js';
import { ExtractError } from '../src/extract/types.js';
import { bodyFromHtml, buildPost, buildPostFromBytes } from '../src/pipeline.js';
import { pressclip } from './cli.js';
import { startServer } from './server.js';
import { fixture, readFixture } from './helpers.js';

const FETCHED = new Date('2026-08-22T00:00:00Z');

// adapter -> [page under fixtures/, the page's URL (from its provenance; "unknown" ones get one of the site)]
export const ADAPTER_PAGES: Record<string, [string, string][]> = {
  wechat: [
    ['pages/wechat/gne_wechat_1.html', 'https://mp.weixin.qq.com/s/unknown-gne-wechat-1'],
    ['pages/wechat/gne_wechat_2.html', 'https://mp.weixin.qq.com/s?__biz=MzI2MzEwNTY3OQ==&mid=2648978231&idx=1&sn=dd091611fcf1aa0c2aef9655f13e7731'],
    ['pages/wechat/nanmi_wechat_3Sr6nYjE1RF05siTblD2mw.html', 'https://mp.weixin.qq.com/s/3Sr6nYjE1RF05siTblD2mw'],
    ['pages/wechat/omnivore_wechat_GOPZJy6e9JADeDN2M9rv8w.html', 'https://mp.weixin.qq.com/s/GOPZJy6e9JADeDN2M9rv8w'],
  ],
  sina: [
    ['pages/sina/gne_sina_1.html', 'https://news.sina.com.cn/c/2019-11-25/doc-iihnzahi3275702.shtml'],
    ['pages/sina/gne_sina_2.html', 'https://finance.sina.com.cn/roll/2018-12-28/doc-ihqfskcn2160999.shtml'],
    ['pages/sina/gne_sina_3.html', 'https://finance.sina.com.cn/stock/usstock/c/2019-09-09/doc-iicezzrq4681677.shtml'],
    ['pages/sina/gne_sina_4.html', 'https://tech.sina.com.cn/t/2019-09-11/doc-iicezzrq4972166.shtml'],
    ['pages/sina/gne_sina_5.html', 'https://news.sina.com.cn/c/2019-10-23/doc-iicezuev4202091.shtml'],
    ['pages/sina/gne_sina_sina.html', 'https://news.sina.com.cn/c/2019-09-07/doc-iicezzrq4076655.shtml'],
  ],
  netease: [
    ['pages/163/gerapy_netease_1.html', 'https://news.163.com/unknown-gerapy-netease-1'],
    ['pages/163/gne_163_1.html', 'https://money.163.com/unknown-gne-163-1'],
    ['pages/163/gne_163_7.html', 'https://tech.163.com/19/1125/11/EUQSGLA300097U7R.html'],
    ['pages/163/gne_163_8.html', 'http://news.163.com/20/0229/18/F6ISIFBD0001899O.html'],
    ['pages/163/gne_163_9.html', 'http://dy.163.com/v2/article/detail/EFDAIN1E054550F0.html'],
    ['pages/163/gne_visiable_163_1.html', 'https://www.163.com/dy/article/G33O1QTA05372UZS.html'],
    ['pages/163/nanmi_163_KC12OUHK000189FH.html', 'https://www.163.com/news/article/KC12OUHK000189FH.html'],
  ],
  sohu: [['pages/sohu/cwce_d8d4c4ec-dc2a-420f-a9f8-5e8ee597b965.html', 'https://www.sohu.com/a/434365209_123753']],
  ifeng: [
    ['pages/ifeng/gne_ifeng_1.html', 'https://news.ifeng.com/c/7rtKNyg6PU9'],
    ['pages/ifeng/gne_ifeng_2.html', 'https://news.ifeng.com/c/7pplXmYoC6f'],
    ['pages/ifeng/gne_ifeng_ifeng.html', 'https://ent.ifeng.com/c/7pldiU65MNU'],
    ['pages/ifeng/gerapy_ifeng_7kQcQG2peWU.html', 'https://news.ifeng.com/c/7kQcQG2peWU'],
  ],
  toutiao: [
    ['pages/toutiao/gne_toutiao_4.html', 'https://www.toutiao.com/a6763067898329039374/'],
    ['pages/toutiao/gne_toutiao_5.html', 'https://www.toutiao.com/a6802149563361657348/'],
    ['pages/toutiao/nanmi_toutiao_7404384826024935990.html', 'https://www.toutiao.com/article/7404384826024935990/'],
  ],
  thepaper: [
    ['pages/thepaper/gne_thepaper_1.html', 'https://www.thepaper.cn/unknown-gne-thepaper-1'],
    ['pages/thepaper/gne_thepaper_3.html', 'https://www.thepaper.cn/newsDetail_forward_5420361'],
    ['pages/thepaper/gne_thepaper_5.html', 'https://www.thepaper.cn/newsDetail_forward_7732983'],
  ],
  infoq: [
    ['infoq/getDetail-html-8EPJjIlk5WwgiXphjxEW.json', 'https://www.infoq.cn/article/8EPJjIlk5WwgiXphjxEW'],
    ['infoq/getDetail-prosemirror-OG03ezJaBkdOd1G3rc1b.json', 'https://www.infoq.cn/article/OG03ezJaBkdOd1G3rc1b'],
  ],
  pingwest: [
    ['pingwest/assembled-316634.html', 'https://www.pingwest.com/a/316634'],
    ['pingwest/assembled-316468.html', 'https://www.pingwest.com/a/316468'],
  ],
};

const expectedFile = (adapter: string, page: string) => fixture('expected', adapter, `${path.basename(page).replace(/\.(html|json)$/, '')}.md`);

describe.each(Object.entries(ADAPTER_PAGES))('%s adapter, generic fallback off', (name, pages) => {
  const adapter = ADAPTERS.find((a) => a.name === name)!;

  it.each(pages)('%s', (page, url) => {
    const post = buildPostFromBytes(readFileSync(fixture(page)), undefined, new URL(url), FETCHED, { genericFallback: false, adapters: [adapter] });
    expect(post.extractor).toBe(name);
    const e = post.extracted!;
    for (const field of [e.title, e.date, e.body]) expect(field.via).not.toMatch(/generic|fetch time/);
    const file = expectedFile(name, page);
    if (process.env.PRESSCLIP_UPDATE) {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, `${post.path}\n${post.text}`);
    }
    expect(`${post.path}\n${post.text}`).toBe(readFileSync(file, 'utf8'));
  });

  it('is chosen by its host', () => {
    for (const [, url] of pages) expect(ADAPTERS.find((a) => a.hosts.test(new URL(url).hostname))?.name).toBe(name);
  });
});

describe('pages that are not articles', () => {
  const wechat = ADAPTERS.find((a) => a.name === 'wechat')!;
  // ASSEMBLED: the two refusal pages WeChat serves instead of an article, with their documented texts.
  const captcha = '<html><head><title></title></head><body><div class="weui-msg"><h2>环境异常</h2><p>当前环境异常，完成验证后即可继续访问。</p><a>去验证</a></div></body></html>';
  const deleted = '<html><head><title></title></head><body><div class="weui-msg"><p>该内容已被发布者删除</p></div><div id="js_content"></div><script>var msg_title = "";</script></body></html>';

  it.each([
    ['captcha', captcha, /^captcha page \(环境异常\)/],
    ['deleted', deleted, /^deleted article \(已被发布者删除\)$/],
  ])('recognises a WeChat %s page', (_, html, reason) => {
    const run = () => buildPost({ html, url: new URL('https://mp.weixin.qq.com/s/abcdefghijklmn'), fetchedAt: FETCHED }, { adapters: [wechat] });
    expect(run).toThrow(ExtractError);
    expect(run).toThrow(reason);
  });
});

describe('InfoQ through its JSON API', () => {
  const answer = readFixture('infoq', 'getDetail-prosemirror-OG03ezJaBkdOd1G3rc1b.json');

  it('reads the ProseMirror form as the HTML it was made from', () => {
    const item = (JSON.parse(readFixture('feeds', 'infoq__list.json')).data as { id: string; description: string }[]).find((i) => i.id === 'OG03ezJaBkdOd1G3rc1b')!;
    const post = buildPostFromBytes(Buffer.from(answer), undefined, new URL('https://www.infoq.cn/article/OG03ezJaBkdOd1G3rc1b'), FETCHED, { genericFallback: false });
    expect(post.markdown).toBe(bodyFromHtml(item.description, post.link).markdown);
  });

  it('POSTs {"uuid"} with its Referer to getDetail and writes the post (through an HTTP proxy on 127.0.0.1)', async () => {
    const seen: { method?: string; host?: string; body: string; referer?: string; type?: string }[] = [];
    const server = await startServer({
      '/public/v1/article/getDetail': (req, res) => {
        let body = '';
        req.on('data', (c) => (body += c));
        req.on('end', () => {
          seen.push({ method: req.method, host: req.headers.host, body, referer: req.headers.referer, type: req.headers['content-type'] });
          res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
          res.end(answer);
        });
      },
    }, '127.0.0.1', true);
    const root = mkdtempSync(path.join(tmpdir(), 'pressclip-infoq-'));
    try {
      const run = await pressclip(['import', 'http://www.infoq.cn/article/OG03ezJaBkdOd1G3rc1b', '--root', root], { env: { HTTP_PROXY: server.url('') }, cwd: root });
      expect(run.stderr).toBe('');
      expect(run.stdout).toBe('content/zh-CN/news/infoq/OG03ezJaBkdOd1G3rc1b.zh-CN.md\n');
      expect(seen).toEqual([{ method: 'POST', host: 'www.infoq.cn', body: '{"uuid":"OG03ezJaBkdOd1G3rc1b"}', referer: 'http://www.infoq.cn/article/OG03ezJaBkdOd1G3rc1b', type: 'application/json' }]);
      expect(readFileSync(path.join(root, run.stdout.trim()), 'utf8')).toMatch(/\n\[infoq\]\(https:\/\/www\.infoq\.cn\/article\/OG03ezJaBkdOd1G3rc1b\)\n$/);
    } finally {
      await server.close();
    }
  });
});
