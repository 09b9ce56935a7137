// `pressclip inspect`: the extractor and why, each field's rule and the candidates that
// lost, warnings and the Markdown, for a real saved page; nothing written.
import { describe, expect, it } from 'vitest';
import { pressclip } from './cli.js';
import { fixture } from './helpers.js';

const PAGE = fixture('pages/sina/gne_sina_sina.html');
const URL_ = 'https://news.sina.com.cn/c/2019-09-07/doc-iicezzrq4076655.shtml';

describe('pressclip inspect', () => {
  it('shows the chosen extractor, every field with its rule, the losers and the Markdown', async () => {
    const run = await pressclip(['inspect', PAGE, '--url', URL_]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe(`page      ${URL_} (131,095 bytes, utf-8 from meta)`);
    expect(lines[1]).toBe('extractor sina: host news.sina.com.cn');
    expect(lines[2]).toBe(`post      content/zh-CN/news/sina/iicezzrq4076655.zh-CN.md  [sina](${URL_})`);
    expect(run.stdout).toContain('title     最强“中国芯”本月商用 华为抢跑5G芯片大战    <- h1.main-title\n');
    expect(run.stdout).toContain('date      2019-09-07 04:04:00    <- .date-source .date\n');
    expect(run.stdout).toContain('            lost: 2019-09-07 06:52:51    <- meta[property="article:published_time"] [content]\n');
    expect(run.stdout).toContain('warnings  no cover image found\n');
    expect(run.stdout).toContain('\n--- Markdown (as import would write it) ---\n　　原标题：最强“中国芯”本月商用');
  });

  it('--json gives the same as one object', async () => {
    const run = await pressclip(['inspect', PAGE, '--url', URL_, '--json']);
    const i = JSON.parse(run.stdout);
    expect(i).toMatchObject({ extractor: 'sina', path: 'content/zh-CN/news/sina/iicezzrq4076655.zh-CN.md', filing: { folder: 'sina', category: 'sina', lang: 'zh-CN' } });
    expect(i.date.via).toBe('.date-source .date');
    expect(i.date.candidates.map((c: { via: string }) => c.via)).toContain('meta[property="article:published_time"] [content]');
    expect(i.body).toMatchObject({ via: '#article', images: 0 });
    expect(i.warnings).toEqual(['no cover image found']);
  });

  it('shows the generic path and a missing date for a page without an adapter', async () => {
    const run = await pressclip(['inspect', fixture('pages/other/gne_readhub_1.html'), '--url', 'https://readhub.cn/topic/7PM49H7yjs5', '--json']);
    const i = JSON.parse(run.stdout);
    expect(i.extractor).toBe('generic');
    expect(i.reason).toBe('no site adapter for readhub.cn');
    expect(i.date.via).toBe('none found');
    expect(i.warnings).toContainEqual(expect.stringMatching(/^no publication date found \(looked for JSON-LD datePublished, /));
    // Filed as import would, with what the registry lacks said, not refused.
    expect(i.filing).toEqual({ folder: 'readhub', category: 'readhub', lang: 'zh-CN' });
    expect(i.warnings).toContain('readhub.cn is not a source of the site: `pressclip sources add readhub --host readhub.cn --lang zh-CN` registers it (or run with --register)');
  });

  it('one error line and exit 1 for a page that fails; exit 2 for a bad input', async () => {
    const failed = await pressclip(['inspect', 'http://127.0.0.1:9/none', '--timeout', '2']);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/^error http:\/\/127\.0\.0\.1:9\/none: network error \(ECONNREFUSED\)\n$/);
    expect((await pressclip(['inspect', 'ftp://x/y'])).code).toBe(2);
  });
});
