// Issue 11's cases through the built CLI: what import files, validate accepts. Sina,
// a site in no row, IP hosts, pages in other languages, pages without a date, tracking
// parameters and URL variants of one article, and paths the shell can use.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importPages } from '../reliability/invariant.js';
import { pressclip, problemLines } from './cli.js';
import { fixture } from './helpers.js';
import { html, startServer, type TestServer } from './server.js';

const tmp = () => mkdtempSync(path.join(tmpdir(), 'pressclip-filing-'));
const posts = (root: string) =>
  existsSync(path.join(root, 'content'))
    ? (readdirSync(path.join(root, 'content'), { recursive: true }) as string[]).filter((f) => f.endsWith('.md')).map((f) => `content/${f.split(path.sep).join('/')}`).sort()
    : [];
const validates = async (root: string) => {
  const run = await pressclip(['validate', '--max-warnings', '0'], { cwd: root });
  expect(run.stdout).toMatch(/no problems/);
  expect(run.code).toBe(0);
};

// ASSEMBLED: an English article page, dated, with no site of its own (served from 127.0.0.1).
const ARTICLE = (date = '<meta property="article:published_time" content="2024-05-01T08:00:00Z">') =>
  `<!doctype html><html lang="en"><head><title>Harbour reopens after storm</title>${date}</head><body><article><h1>Harbour reopens after storm</h1>
<p>The harbour reopened on Wednesday after a week of repairs to the breakwater, the port authority said, and the first ferries left on time.</p>
<p>Fishermen said the damage had been worse than in any storm they remembered, and that several boats would stay ashore until the spring.</p>
<p>The authority said the repairs had cost less than expected and that the new breakwater would be finished before the end of the year.</p></article></body></html>`;

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ '/a/1': html(ARTICLE()), '/undated/1': html(ARTICLE('')), '/undated/2': html(ARTICLE('')) }, '127.0.0.1', true);
});
afterAll(() => server.close());

describe('Sina', () => {
  it('files every saved Sina page where validate accepts it: finance.sina.com.cn as sina_us_stock, other channels as sina', async () => {
    const root = tmp();
    // The 2019 pages name their own URL (og:url); the 2005 ones are given theirs.
    const named = ['gne_sina_1.html', 'gne_sina_2.html', 'gne_sina_3.html', 'gne_sina_4.html', 'gne_sina_5.html', 'gne_sina_sina.html'].map((p) => fixture('pages/sina', p));
    const run = await pressclip(['import', ...named, '--json'], { cwd: root });
    const records = run.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(records.map((r) => [r.link.replace(/\/c\/.*|\/roll\/.*|\/t\/.*|\/stock\/.*/, ''), r.category])).toEqual([
      ['https://news.sina.com.cn', 'sina'],
      ['https://finance.sina.com.cn', 'sina_us_stock'],
      ['https://finance.sina.com.cn', 'sina_us_stock'],
      ['https://tech.sina.com.cn', 'sina'],
      ['https://news.sina.com.cn', 'sina'],
      ['https://news.sina.com.cn', 'sina'],
    ]);
    for (const [page, url] of [
      ['cwce_0d931936-d510-4904-a714-88bb267b62da.html', 'http://chanye.finance.sina.com.cn/sm/2005-03-21/244339.shtml'],
      ['cwce_8cb7b39d-4a06-4cad-bc50-0f63304267f3.html', 'http://bj.house.sina.com.cn/p/2005-03-31/031868306.html'],
    ]) {
      const old = await pressclip(['import', fixture('pages/sina', page), '--url', url, '--json'], { cwd: root });
      expect(JSON.parse(old.stdout), page).toMatchObject({ status: 'written', category: 'sina', lang: 'zh-CN', path: expect.stringMatching(/^content\/zh-CN\/news\/sina\//) });
    }
    expect(posts(root)).toHaveLength(8);
    expect(existsSync(path.join(root, 'pressclip.config.json'))).toBe(false);
    await validates(root);
  });
});

describe('a site in no row of the registry', () => {
  it('is refused with the exact command that registers it; after it, the post is written and validates', async () => {
    const root = tmp();
    const page = fixture('pages/other/gne_xinhuanet_1.html');
    const args = ['import', page, '--url', 'http://www.xinhuanet.com/world/2019-12/10/c_1125327450.htm'];
    const refused = await pressclip(args, { cwd: root });
    expect(refused.code).toBe(1);
    const command = '`pressclip sources add xinhuanet --host xinhuanet.com --lang zh-CN`';
    expect(refused.stderr).toBe(`error ${page}: xinhuanet.com is not a source of the site: ${command} registers it (or run with --register)\n`);
    expect(posts(root)).toEqual([]);
    const registered = await pressclip(command.slice(1, -1).split(' ').slice(1), { cwd: root });
    expect(registered.code).toBe(0);
    const imported = await pressclip(args, { cwd: root });
    expect(imported.stdout).toMatch(/^content\/zh-CN\/news\/xinhuanet\/[0-9a-f]{32}\.zh-CN\.md\n$/);
    await validates(root);
  });

  it('--register registers it on the way, once, and says so', async () => {
    const root = tmp();
    const run = await pressclip(['import', fixture('pages/other/gne_huanqiu_1.html'), '--url', 'https://3w.huanqiu.com/a/d80b1f/3yWyyCuSR4w', '--register'], { cwd: root });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(`registered huanqiu in pressclip.config.json (created at the site root ${root}): source huanqiu; host huanqiu.com; language zh-CN\n`);
    expect(JSON.parse(readFileSync(path.join(root, 'pressclip.config.json'), 'utf8'))).toEqual({ sources: [{ folder: 'huanqiu', hosts: ['huanqiu.com'], langs: ['zh-CN'] }] });
    await validates(root);
  });
});

describe('IP hosts and localhost', () => {
  it('are never a folder name: the error says to give --folder; --folder with --register files it', async () => {
    const root = tmp();
    const url = server.url('/a/1');
    const host = new URL(url).host;
    const refused = await pressclip(['import', url], { cwd: root });
    expect(refused.stderr).toBe(`error ${url}: ${host} is an IP address, not a site to name a folder after: give --folder <name> (with --register when the folder is new)\n`);
    const local = await pressclip(['import', url.replace('127.0.0.1', 'localhost')], { cwd: root });
    expect(local.stderr).toContain(`is localhost, not a site to name a folder after`);
    const unknownFolder = await pressclip(['import', url, '--folder', 'harbour'], { cwd: root });
    expect(unknownFolder.stderr).toBe(`error ${url}: folder "harbour" is not a source of the site: \`pressclip sources add harbour --lang en\` registers it (or run with --register)\n`);
    expect(posts(root)).toEqual([]);
    const filed = await pressclip(['import', url, '--folder', 'harbour', '--register'], { cwd: root });
    expect(filed.stdout).toMatch(/^content\/en\/news\/harbour\/[0-9a-f]{32}\.en\.md\n$/);
    // The machine is not registered as a host of the folder: it is no site.
    expect(JSON.parse(readFileSync(path.join(root, 'pressclip.config.json'), 'utf8'))).toEqual({ sources: [{ folder: 'harbour', langs: ['en'] }] });
    await validates(root);
  });
});

describe('languages', () => {
  it.each([
    ['readability_heise.html', 'German (de, from <html lang> and the text)', 'de'],
    ['readability_lemonde-1.html', 'French (fr, from <html lang> and the text)', 'fr'],
    ['readability_folha.html', 'Brazilian Portuguese (pt-BR, from <html lang> and the text)', 'pt'],
    ['readability_la-nacion.html', 'Spanish (es, from the text)', 'es'],
    ['htmldate_wiadomosci.wp.pl-Tusk.html', 'Polish (pl, from <html lang> and the text)', 'pl'],
    ['readability_hukumusume.html', 'Japanese (ja, from the text)', 'ja'],
  ])('refuses %s, in %s, unless told where to file it', async (page, language, primary) => {
    const root = tmp();
    const [outcome] = await importPages(root, [{ file: fixture('languages', page), url: 'https://www.example.org/news/1' }], { register: true });
    expect(outcome.error).toBe(`the page is in ${language}, not a language of the site (en, zh-CN, zh-HK): --lang <lang> files it under one of them, or add "${primary}" to "languages" in pressclip.config.json (and to Hugo's languages)`);
    expect(posts(root)).toEqual([]);
  });

  it('says so through the CLI, one line, exit 1', async () => {
    const root = tmp();
    const file = fixture('languages/readability_heise.html');
    const run = await pressclip(['import', file, '--url', 'https://www.heise.de/a/1', '--register'], { cwd: root });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(new RegExp(`^error ${file}: the page is in German \\(de, from <html lang> and the text\\), not a language of the site [^\\n]+\\n$`));
  });

  it('--lang files it under a language of the site; config languages make it one, and the path follows', async () => {
    const root = tmp();
    const page = fixture('languages/readability_heise.html');
    const url = 'https://www.heise.de/newsticker/meldung/1Password-fuer-Mac-generiert-Einmal-Passwoerter-2685217.html';
    const forced = await pressclip(['import', page, '--url', url, '--lang', 'en', '--register', '--date-fallback', 'fetch-time', '--dry-run'], { cwd: root });
    expect(forced.stdout).toMatch(/^would write content\/en\/news\/heise\/[0-9a-f]{32}\.en\.md\n$/);
    writeFileSync(path.join(root, 'pressclip.config.json'), JSON.stringify({ languages: ['de'] }));
    expect((await pressclip(['sources', 'add', 'heise', '--host', 'heise.de', '--lang', 'de'], { cwd: root })).code).toBe(0);
    const run = await pressclip(['import', page, '--url', url, '--date-fallback', 'fetch-time'], { cwd: root });
    expect(run.stdout).toMatch(/^content\/de\/news\/heise\/[0-9a-f]{32}\.de\.md\n$/);
    expect(readFileSync(path.join(root, run.stdout.trim()), 'utf8')).toContain('lang:\n  - "de"\ntranslations:\n  - "de"\n');
    await validates(root);
  });
});

describe('dates are never invented silently', () => {
  const page = fixture('pages/other/gne_readhub_1.html');
  const lookedFor = 'no publication date found (looked for JSON-LD, the date meta tags, microdata and <time>, script data, dates printed near the headline (Chinese forms included) and the URL)';

  it('a saved page without one is an error naming what was looked for; --date-fallback fetch-time dates it by the file', async () => {
    const root = tmp();
    const copy = path.join(root, 'readhub.html');
    writeFileSync(copy, readFileSync(page));
    utimesSync(copy, new Date('2011-03-02T04:05:06Z'), new Date('2011-03-02T04:05:06Z'));
    const args = ['import', copy, '--url', 'https://readhub.cn/topic/7PM49H7yjs5', '--register'];
    const refused = await pressclip(args, { cwd: root });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`error ${copy}: ${lookedFor}`);
    expect(refused.stderr).toMatch(/\): --date-fallback fetch-time dates it by the time it was fetched\n$/);
    expect(posts(root)).toEqual([]);
    const dated = await pressclip([...args, '--date-fallback', 'fetch-time', '--json'], { cwd: root });
    expect(JSON.parse(dated.stdout)).toMatchObject({ status: 'written', date: '2011-03-02 12:05:06', warnings: ['no publication date found: dated by the time the page was fetched (--date-fallback fetch-time)'] });
    await validates(root);
  });

  it('a URL without one is the same error, and batch lists such pages under that reason', async () => {
    const root = tmp();
    const env = { HTTP_PROXY: server.url('') };
    const url = 'http://news.example.test/undated/1';
    const one = await pressclip(['import', url, '--register'], { cwd: root, env });
    expect(one.stderr).toContain(`error ${url}: ${lookedFor}`);
    const list = path.join(root, 'list.txt');
    writeFileSync(list, ['http://news.example.test/undated/1', 'http://news.example.test/undated/2', 'http://news.example.test/a/1'].join('\n'));
    const batch = await pressclip(['batch', list, '--register', '--min-gap', '0', '--report', 'report.json'], { cwd: root, env });
    expect(batch.code).toBe(1);
    expect(batch.stdout).toMatch(/^content\/en\/news\/example\/[0-9a-f]{32}\.en\.md\n$/);
    expect(batch.stderr).toMatch(new RegExp(`failures by reason:\\n +2  ${lookedFor.replace(/[()[\]]/g, '\\$&')}`));
    expect(JSON.parse(readFileSync(path.join(root, 'report.json'), 'utf8')).byReason).toEqual([{ reason: expect.stringMatching(/^no publication date found/), count: 2 }]);
    await validates(root);
  });
});

describe('one article, one link', () => {
  const page = fixture('pages/other/gne_people_1.html');

  it('records the link without tracking parameters or fragment, and imports an article once whatever its URL variant', async () => {
    const root = tmp();
    const first = await pressclip(['import', page, '--url', 'https://www.people.com.cn/n1/a.html?ref=twitter#comments', '--register', '--json'], { cwd: root });
    expect(JSON.parse(first.stdout)).toMatchObject({ status: 'written', link: 'https://www.people.com.cn/n1/a.html' });
    for (const variant of ['https://www.people.com.cn/n1/a.html?mc_cid=1&mc_eid=2', 'http://people.com.cn/n1/a.html?utm_source=x&utm_medium=y', 'https://www.people.com.cn/n1/a.html/']) {
      const again = await pressclip(['import', page, '--url', variant, '--register'], { cwd: root });
      expect(again.stderr, variant).toMatch(/^skipped .*: already in the archive as content\/zh-CN\/news\/people\/[0-9a-f]{32}\.zh-CN\.md \(--force to overwrite\)\n$/);
    }
    expect(posts(root)).toHaveLength(1);
    await validates(root);
  });

  it("validate's duplicate-link rule compares the same canonical form", async () => {
    const root = tmp();
    const first = await pressclip(['import', page, '--url', 'https://www.people.com.cn/n1/a.html', '--register'], { cwd: root });
    const file = path.join(root, first.stdout.trim());
    const text = readFileSync(file, 'utf8');
    const copy = file.replace(/\.zh-CN\.md$/, '-copy.zh-CN.md');
    writeFileSync(copy, text.replace('(https://www.people.com.cn/n1/a.html)', '(http://people.com.cn/n1/a.html?from=timeline&spm=1.2#top)'));
    const run = await pressclip(['validate'], { cwd: root });
    expect(run.code).toBe(1);
    expect(problemLines(run.stdout)).toMatch(/error the same article as content\/zh-CN\/news\/people\/[0-9a-f]{32}(-copy)?\.zh-CN\.md \(\S+\) duplicate-link\n/);
    expect(run.stdout).toContain('1 problem (1 error, 0 warnings)');
  });

  it("takes the page's canonical link on its own site, not on another", async () => {
    const canonical = (href: string) => ARTICLE().replace('</title>', `</title><link rel="canonical" href="${href}">`);
    const server2 = await startServer({ '/story': html(canonical('https://www.harbour-news.example/2024/05/harbour-reopens?utm_campaign=rss')), '/copy': html(canonical('https://elsewhere.example/original')) }, '127.0.0.1', true);
    try {
      const env = { HTTP_PROXY: server2.url('') };
      const own = await pressclip(['import', 'http://harbour-news.example/story?fbclid=abc', '--stdout', '--json', '--register'], { env });
      expect(JSON.parse(own.stdout).link).toBe('https://www.harbour-news.example/2024/05/harbour-reopens');
      const other = await pressclip(['import', 'http://harbour-news.example/copy', '--stdout', '--json', '--register'], { env });
      expect(JSON.parse(other.stdout).link).toBe('http://harbour-news.example/copy');
    } finally {
      await server2.close();
    }
  });
});

describe('paths the shell can use', () => {
  it('are relative to the current folder, absolute with --absolute, and --json gives path and root', async () => {
    const cwd = tmp();
    mkdirSync(path.join(cwd, 'site'));
    const page = fixture('pages/sina/gne_sina_sina.html');
    const url = 'https://news.sina.com.cn/c/2019-09-07/doc-iicezzrq4076655.shtml';
    const run = await pressclip(['import', page, '--url', url, '--root', 'site'], { cwd });
    expect(run.stdout).toBe('site/content/zh-CN/news/sina/iicezzrq4076655.zh-CN.md\n');
    expect(existsSync(path.join(cwd, run.stdout.trim()))).toBe(true);
    const skipped = await pressclip(['import', page, '--url', url, '--root', 'site'], { cwd });
    expect(skipped.stderr).toContain('already in the archive as site/content/zh-CN/news/sina/iicezzrq4076655.zh-CN.md');
    const absolute = await pressclip(['import', page, '--url', url, '--root', 'site', '--dry-run', '--force', '--absolute'], { cwd });
    expect(absolute.stdout).toBe(`would write ${path.join(cwd, 'site/content/zh-CN/news/sina/iicezzrq4076655.zh-CN.md')}\n`);
    const json = JSON.parse((await pressclip(['import', page, '--url', url, '--root', 'site', '--dry-run', '--force', '--json'], { cwd })).stdout);
    expect(json).toMatchObject({ path: 'site/content/zh-CN/news/sina/iicezzrq4076655.zh-CN.md', root: 'site' });
  });
});
