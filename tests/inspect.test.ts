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
    expect(run.stdout).toContain('            lost: 2019-09-07 06:52:51    <- meta[property="article:published_time"] [content] (a later rule of the site adapter)\n');
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

  it('shows the generic path, and what the registry lacks, for a page without an adapter', async () => {
    const run = await pressclip(['inspect', fixture('pages/other/gne_readhub_1.html'), '--url', 'https://readhub.cn/topic/7PM49H7yjs5', '--json']);
    const i = JSON.parse(run.stdout);
    expect(i.extractor).toBe('generic');
    expect(i.reason).toBe('no site adapter for readhub.cn');
    expect(i.date.via).toBe('script "publishDate"');
    // Filed as import would, with what the registry lacks said, not refused.
    expect(i.filing).toEqual({ folder: 'readhub', category: 'readhub', lang: 'zh-CN' });
    expect(i.warnings).toContain('readhub.cn is not a source of the site: `pressclip sources add readhub --host readhub.cn --lang zh-CN` registers it (or run with --register)');
  });

  // A real page of the development sets (fixtures/extraction/PROVENANCE.txt) without an adapter.
  const DW = fixture('extraction/dw.com-elephants.html');
  const DW_URL = 'https://www.dw.com/fr/la-perte-des-terres-fertiles-et-les-%C3%A9l%C3%A9phants-en-guin%C3%A9e-conakry/a-6533123';

  it('shows, for a page without an adapter, each field\'s chosen candidate, why, and the candidates that lost or agreed', async () => {
    const run = await pressclip(['inspect', DW, '--url', DW_URL]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      'title     La perte des terres fertiles et les éléphants en Guinée-Conakry    <- og:title\n' +
        '            why: 3 candidates agree (og:title, <title>, <h1>); removed "DW", "23.05.2011" (the site\'s name, a date)\n' +
        '            lost: La perte des terres fertiles et les éléphants en...    <- twitter:title (outvoted: 3 candidates against 1)\n',
    );
    expect(run.stdout).toContain('<- <title> (agrees once "DW", "23.05.2011" (the site\'s name, a date), then "| Environnement" (the og:title is the rest) is removed)\n');
    expect(run.stdout).toContain('date      2011-05-23 00:00:00    <- the text "23.05.2011" (436 characters from the headline)\n            why: the best-placed date printed on the page: 2011-05-23\n');
  });

  it('--json gives the candidates with their reasons; --zone sets the zone of zone-less times, which the page does not name', async () => {
    const page = fixture('extraction/timesofisrael.com.washington.html');
    const url = 'https://www.timesofisrael.com/state-of-washington-swears-in-first-native-american-jewish-supreme-court-justice/';
    const plain = JSON.parse((await pressclip(['inspect', page, '--url', url, '--json'])).stdout);
    expect(plain.extractor).toBe('generic');
    expect(plain.title).toMatchObject({ value: 'State of Washington swears in first Native American-Jewish Supreme Court justice', via: 'og:title', why: '4 candidates agree (og:title, twitter:title, <title>, <h1>)' });
    expect(plain.title.candidates).toContainEqual({
      value: 'State of Washington swears in first Native American-Jewish Supreme Court justice | The Times of Israel',
      via: '<title>',
      why: 'agrees once "The Times of Israel" (the site\'s name) is removed',
    });
    expect(plain.date).toMatchObject({ value: '2020-01-08 15:51:00', why: 'the best-placed date printed on the page: 2020-01-08 15:51:00' });
    expect(plain.date.candidates.every((c: { why: string }) => c.why)).toBe(true);
    expect(plain.warnings).toContain("the publication time 2020-01-08 15:51:00 names no time zone and the page tells none: read as Beijing time (--zone <IANA name> to set the site's zone)");
    const zoned = JSON.parse((await pressclip(['inspect', page, '--url', url, '--json', '--zone', 'Asia/Jerusalem'])).stdout);
    expect(zoned.date).toMatchObject({ value: '2020-01-08 21:51:00', why: 'the best-placed date printed on the page: 2020-01-08 15:51:00; read in Asia/Jerusalem (--zone)' });
    expect(zoned.warnings).not.toContainEqual(expect.stringMatching(/time zone/));
  });

  it('--zone on import, and a zone that is no zone is a usage error', async () => {
    const page = fixture('extraction/timesofisrael.com.washington.html');
    const url = 'https://www.timesofisrael.com/state-of-washington-swears-in-first-native-american-jewish-supreme-court-justice/';
    const run = await pressclip(['import', page, '--url', url, '--stdout', '--register', '--zone', 'Asia/Jerusalem']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('date: "2020-01-08 21:51:00"\n');
    const bad = await pressclip(['import', page, '--url', url, '--stdout', '--zone', 'Mars/Olympus']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('usage error: --zone: "Mars/Olympus" is no time zone (an IANA name such as Europe/Berlin, or an offset such as +02:00)\n');
  });

  it('one error line and exit 1 for a page that fails; exit 2 for a bad input', async () => {
    const failed = await pressclip(['inspect', 'http://127.0.0.1:9/none', '--timeout', '2']);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/^error http:\/\/127\.0\.0\.1:9\/none: network error \(ECONNREFUSED\)\n$/);
    expect((await pressclip(['inspect', 'ftp://x/y'])).code).toBe(2);
  });
});
