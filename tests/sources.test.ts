// The sources registry against the archive's folders and the crawler's own feeds, and
// the generic extractor on a page with every kind of furniture around an article.
import { describe, expect, it } from 'vitest';
import { ARCHIVE_FOLDERS } from '../src/sources.js';
import { langFromTag } from '../src/lang.js';
import { buildPost, shortBodyReason, type Post } from '../src/pipeline.js';
import { ARCHIVE, siteSlug, SOURCES } from '../src/sources.js';
import { pressclip } from './cli.js';
import { feedItems, fixture } from './helpers.js';

describe('sources registry', () => {
  it('has one row for each of the archive folders, with categories the folder holds', () => {
    expect(SOURCES.map((r) => r.folder).sort()).toEqual(ARCHIVE_FOLDERS.map((f) => f.folder).sort());
    for (const row of SOURCES) {
      const folder = ARCHIVE_FOLDERS.find((f) => f.folder === row.folder)!;
      if (typeof row.category === 'string' && folder.categories !== '*') expect(folder.categories).toContain(row.category);
      if (typeof row.lang === 'string') expect(folder.langs).toContain(row.lang);
    }
  });

  it("files every feed item of an archive source as the crawler does: folder, category, language and id", () => {
    let checked = 0;
    let ids = 0;
    // pingwest's two feeds list some /a/ links under both categories: the path decides (ARCHIVE.md 5).
    const categories = new Map<string, Set<string>>();
    for (const { item } of feedItems()) if (item.link) categories.set(item.link, (categories.get(item.link) ?? new Set()).add(String(item.source)));
    for (const { file, item } of feedItems()) {
      const folder = file.split('__')[0];
      if (!SOURCES.some((r) => r.folder === folder) || !item.link || !item.language) continue;
      const found = ARCHIVE.find(new URL(item.link));
      expect(found?.folder, item.link).toBe(folder);
      // tradingview's category is the provider, known from the page; tipranks files a few
      // company announcements under tipranks_others, by the list they came from.
      if (folder === 'tipranks') expect(['tipranks', 'tipranks_announcements', 'tipranks_others']).toContain(found!.category);
      else if (folder !== 'tradingview' && categories.get(item.link)!.size === 1) expect(found!.category, item.link).toBe(item.source);
      expect(found!.lang, item.link).toBe(langFromTag(item.language));
      const row = found!.row as (typeof SOURCES)[number];
      if (row.id.from === 'url' && item.id) {
        expect(found!.id, item.link).toBe(folder === 'qq' ? String(item.id).replace(/00$/, '') : String(item.id));
        ids++;
      }
      checked++;
    }
    expect(checked).toBeGreaterThan(300);
    expect(ids).toBeGreaterThan(60);
  });

  // ARCHIVE.md 5: the archive's 650 sina posts are all sina_us_stock, the crawler's list of
  // finance.sina.com.cn, which (its feed shows) holds /world/ and /7x24/ pages as well as US stocks.
  it('files Sina: any finance.sina.com.cn page as sina_us_stock, any other Sina page as sina, both in folder sina', () => {
    for (const link of [
      'https://finance.sina.com.cn/stock/usstock/c/2025-02-11/doc-inekasqe3356110.shtml',
      'https://finance.sina.com.cn/world/2026-08-22/doc-inipcwvx7649943.shtml',
      'https://finance.sina.com.cn/7x24/2026-08-23/doc-inipfkxk2936380.shtml',
      'https://finance.sina.com.cn/roll/2018-12-28/doc-ihqfskcn2160999.shtml',
      'https://finance.sina.cn/2025-02-11/detail-inekasqe3356110.d.html',
    ]) expect(ARCHIVE.find(new URL(link)), link).toMatchObject({ folder: 'sina', category: 'sina_us_stock', lang: 'zh-CN' });
    for (const link of [
      'https://news.sina.com.cn/c/2019-11-25/doc-iihnzahi3275702.shtml',
      'https://tech.sina.com.cn/t/2019-09-11/doc-iicezzrq4972166.shtml',
      'http://chanye.finance.sina.com.cn/sm/2005-03-21/244339.shtml',
      'https://k.sina.com.cn/article_123_abc.html',
      'https://news.sina.cn/2025-01-01/detail-abc.d.html',
    ]) expect(ARCHIVE.find(new URL(link)), link).toMatchObject({ folder: 'sina', category: 'sina', lang: 'zh-CN' });
    expect([...ARCHIVE.folders.get('sina')!.categories as Set<string>]).toEqual(['sina_us_stock', 'sina']);
    expect(ARCHIVE.find(new URL('https://www.sinaimg.cn/a'))).toBeUndefined();
  });

  it('names a site in no row after its registrable domain', () => {
    expect(ARCHIVE.find(new URL('https://www.theverge.com/2024/1/1/x'))).toBeUndefined();
    expect(siteSlug('www.theverge.com')).toBe('theverge');
    expect(siteSlug('news.bbc.co.uk')).toBe('bbc');
    expect(siteSlug('www.scmp.com')).toBe('scmp');
  });

  it('`pressclip sources` lists the registry, and --json for scripts', async () => {
    const text = await pressclip(['sources']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^folder\s+category\s+lang\s+hosts\s+id\s+from\n/);
    expect(text.stdout).toContain(`${SOURCES.length} built-in sources;`);
    const json = JSON.parse((await pressclip(['sources', '--json'])).stdout);
    expect(json).toHaveLength(SOURCES.length);
    expect(json.find((r: { folder: string }) => r.folder === 'pingwest')).toMatchObject({ category: '/w/ -> pingwest_status, else pingwest', from: 'built in' });
  });
});

// ASSEMBLED for this test (not a real page): the usual furniture of a news page around
// an article that holds a lazy image, a figure with its caption, a table, code and a list.
const PAGE = `<!doctype html><html lang="en"><head><title>Rates hold steady - Example Times</title>
<meta property="og:title" content="Rates hold steady"><meta property="article:published_time" content="2024-05-01T08:00:00Z">
<meta property="og:image" content="https://cdn.example.com/cover.jpg"></head><body>
<header class="site-header"><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/business">Business</a></nav></header>
<div class="share-bar"><a href="https://twitter.com/share">Share on Twitter</a> <a href="https://facebook.com/share">Share on Facebook</a></div>
<main><article><h1>Rates hold steady</h1>
<div class="article-body">
<p>The central bank kept its main rate unchanged on Wednesday, as expected by most economists, citing steady growth and easing prices.</p>
<p><img data-src="https://cdn.example.com/images/abc123" src="data:image/gif;base64,R0lGOD" alt="The bank's headquarters"></p>
<figure><img src="https://cdn.example.com/chart.png" alt="Chart"><figcaption>Inflation has eased for six months in a row.</figcaption></figure>
<p>Officials said the decision was unanimous, and that further moves would depend on the data, which they will review at each meeting.</p>
<table><tr><th>Month</th><th>Rate</th></tr><tr><td>March</td><td>5.25%</td></tr><tr><td>April</td><td>5.25%</td></tr></table>
<pre><code>rate = base + spread</code></pre>
<ul><li>Growth: steady, at about two percent a year</li><li>Prices: easing, month after month</li></ul>
<p>Markets barely moved after the announcement, with bond yields and the currency little changed by the close of trading.</p>
</div>
<div class="related-articles"><h3>Related</h3><ul><li><a href="/a">Another story about rates</a></li><li><a href="/b">Yet another story</a></li></ul></div>
<div class="ad-slot advertisement">Advertisement</div>
<section class="comments"><h3>Comments</h3><p>Great article, thanks for writing it, I learned a lot from it today!</p></section>
</article></main>
<aside class="sidebar"><h3>Most read</h3><ol><li><a href="/c">A popular story</a></li></ol></aside>
<footer class="site-footer">Copyright Example Times. All rights reserved.</footer>
</body></html>`;

describe('generic extractor (no site adapter)', () => {
  const post = buildPost({ html: PAGE, url: new URL('https://www.example-times.com/2024/05/01/rates'), fetchedAt: new Date('2024-05-02T00:00:00Z') });

  it('keeps the article: paragraphs, lazy image, figure and caption, table, code and list', () => {
    const md = post.markdown;
    expect(md).toContain('The central bank kept its main rate unchanged');
    expect(md).toContain('Markets barely moved');
    expect(md).toContain("![The bank's headquarters](https://cdn.example.com/images/abc123)");
    expect(md).toContain('![Chart](https://cdn.example.com/chart.png)');
    expect(md).toContain('Inflation has eased for six months in a row.');
    expect(md).toContain('| March | 5.25% |');
    expect(md).toContain('rate = base + spread');
    expect(md).toContain('* Growth: steady');
  });

  it('drops navigation, share bars, related lists, ads, comments, sidebar and footer', () => {
    for (const furniture of ['Home', 'Share on', 'Another story', 'Advertisement', 'Great article', 'Most read', 'Copyright']) expect(post.markdown).not.toContain(furniture);
  });

  it('files it under the site name, with its title, Beijing date and cover', () => {
    expect(post.path).toMatch(/^content\/en\/news\/exampletimes\/[0-9a-f]{32}\.en\.md$/);
    expect(post.fields).toMatchObject({ title: 'Rates hold steady', date: '2024-05-01 16:00:00', category: 'exampletimes', lang: 'en', thumbnail: 'https://cdn.example.com/cover.jpg' });
  });
});

describe('quality gate', () => {
  it('says why a body is no article: only the headline, too little text; photo stories and real bodies pass', () => {
    const fields = { title: 'Markets close higher' } as Post['fields'];
    expect(shortBodyReason({ markdown: '**Markets close higher**', fields })).toBe('the body is only the headline (--allow-short to import it anyway)');
    expect(shortBodyReason({ markdown: 'Stocks rose.\n\n![a](https://x.test/a.jpg)', fields })).toBe('the body is implausibly short: 12 characters and 1 image (--allow-short to import it anyway)');
    expect(shortBodyReason({ markdown: ['a', 'b', 'c'].map((n) => `![${n}](https://x.test/${n}.jpg)`).join('\n\n'), fields })).toBeUndefined();
    expect(shortBodyReason({ markdown: '股市周五收高，'.repeat(12), fields })).toBeUndefined();
  });

  // ASSEMBLED: a stub page, its headline and one line of teaser.
  const STUB = '<html><head><title>Markets close higher</title><link rel="canonical" href="https://www.example-times.com/stub"></head><body><article><h1>Markets close higher</h1><p>Stocks rose on Friday after a quiet week.</p></article></body></html>';

  it('refuses a stub body, naming the reason, and writes nothing; --allow-short imports it', async () => {
    const { mkdtempSync, writeFileSync, existsSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const dir = mkdtempSync(path.join(tmpdir(), 'pressclip-short-'));
    const file = path.join(dir, 'stub.html');
    writeFileSync(file, STUB);
    const refused = await pressclip(['import', file, '--root', dir]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(new RegExp(`^error ${file}: the body is implausibly short: \\d+ characters \\(--allow-short to import it anyway\\)\\n$`));
    expect(existsSync(path.join(dir, 'content'))).toBe(false);
    const allowed = await pressclip(['import', file, '--root', dir, '--allow-short', '--register', '--date-fallback', 'fetch-time', '--lang', 'en'], { cwd: dir });
    expect(allowed.code).toBe(0);
    expect(existsSync(path.join(dir, allowed.stdout.trim()))).toBe(true);
  });
});

describe('filing options', () => {
  const page = fixture('pages/other/gne_readhub_1.html');
  const url = 'https://readhub.cn/topic/7PM49H7yjs5';
  // The page shows no date ("昨天"): these runs date it by the fetch time, explicitly.
  const undated = ['--date-fallback', 'fetch-time'];

  it('refuses a site in no row with the command that registers it; --register files it under its name', async () => {
    const refused = await pressclip(['import', page, '--url', url, '--dry-run', ...undated]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(`error ${page}: readhub.cn is not a source of the site: \`pressclip sources add readhub --host readhub.cn --lang zh-CN\` registers it (or run with --register)\n`);
    const plain = await pressclip(['import', page, '--url', url, '--dry-run', '--register', ...undated]);
    expect(plain.stdout).toMatch(/^would write content\/zh-CN\/news\/readhub\/[0-9a-f]{32}\.zh-CN\.md\n$/);
    expect(plain.stderr).toMatch(/^would register readhub in pressclip\.config\.json \(would create it at the site root .*\): source readhub; host readhub\.cn; language zh-CN\n$/);
  });

  it('--folder, --category, --lang and --id override the registry and the page', async () => {
    const moved = await pressclip(['import', page, '--url', url, '--folder', 'tech', '--lang', 'zh-HK', '--id', 'readhub-7PM49H7yjs5', '--stdout', '--register', ...undated]);
    expect(moved.code).toBe(0);
    expect(moved.stdout).toContain('categories:\n  - "tech"\nlang:\n  - "zh-HK"\ntranslations:\n  - "zh-HK"\ntags:\n  - "tech"\n');
    expect(moved.stdout.endsWith(`[tech](${url})\n`)).toBe(true);
    const json = JSON.parse((await pressclip(['import', page, '--url', url, '--category', 'readhub_topics', '--dry-run', '--json', '--register', ...undated])).stdout);
    expect(json).toMatchObject({ category: 'readhub_topics', path: expect.stringMatching(/^content\/zh-CN\/news\/readhub\//) });
  });

  it('refuses --id with several inputs, and a language the site has not', async () => {
    expect((await pressclip(['import', page, page, '--id', 'x'])).code).toBe(2);
    const fr = await pressclip(['import', page, '--url', url, '--lang', 'fr']);
    expect(fr.code).toBe(2);
    expect(fr.stderr).toBe('usage error: --lang: "fr" is not a language of the site (en, zh-CN, zh-HK); a site adds languages in pressclip.config.json ("languages")\n');
  });
});
