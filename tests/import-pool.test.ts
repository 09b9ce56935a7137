// import and batch build posts in the worker pool (src/pool.ts): results in input order,
// `--jobs`, and `--timeout` bounding the extraction too; a page too large for the parser,
// or one whose worker is stopped, fails alone.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pressclip } from './cli.js';
import { fixture, listFixtures, readFixture } from './helpers.js';
import { html, startServer, type TestServer } from './server.js';

const tmp = () => mkdtempSync(path.join(tmpdir(), 'pressclip-pool-'));
const REAL = listFixtures('tencent/real', '.html').map((name) => fixture('tencent/real', name));
/** Assembled: a page of 150,000 `<br>`, over the parser's cap of 100,000 elements. */
const TOO_MANY = `<html><head><link rel="canonical" href="https://example.com/news/1"><title>Many</title></head><body><p>${'<br>'.repeat(150_000)}</p></body></html>`;
/** Assembled: the script prefix of issue 10 (the fingerprint's JSON scan was quadratic). */
const SCRIPT_PREFIX = `<html><head><link rel="canonical" href="https://example.com/news/2"><title>Prefix</title></head><body><script>${'window.DATA = {'.repeat(40_000)}</script></body></html>`;

describe('import of many inputs', () => {
  it('prints outcomes in input order, whatever the number of workers, and a page over the element cap fails alone', async () => {
    const dir = tmp();
    const big = path.join(dir, 'too-many.html');
    writeFileSync(big, TOO_MANY);
    const inputs = [REAL[0], REAL[1], big, REAL[2], REAL[3]];
    for (const jobs of ['1', '2']) {
      const run = await pressclip(['import', ...inputs, '--dry-run', '--jobs', jobs, '--root', dir], { cwd: dir });
      expect(run.code).toBe(1);
      expect(run.stdout.trim().split('\n')).toEqual([
        'would write content/zh-CN/news/qq/20190907A081B0.zh-CN.md',
        'would write content/zh-CN/news/qq/TWF20200413003030.zh-CN.md',
        'would write content/zh-CN/news/qq/20201130A0G1JJ.zh-CN.md',
        'would write content/zh-CN/news/qq/TWF20210426003469.zh-CN.md',
      ]);
      expect(run.stderr).toBe(`error ${big}: page too large to extract: 150,006 HTML elements (the limit is 100,000)\n`);
    }
  });

  it('gives up on an extraction that outlasts --timeout, stops its worker, and goes on with a new one', async () => {
    const dir = tmp();
    const run = await pressclip(['import', REAL[0], REAL[1], '--dry-run', '--timeout', '0.001', '--root', dir], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`error ${REAL[0]}: took longer than 0.001 s to extract\nerror ${REAL[1]}: took longer than 0.001 s to extract\n`);
  });

  it('files each article by the registry as the inputs before it left it: a site one registers dates the next in its zone, whatever the workers', async () => {
    // Assembled: an article of a site in no registry, its time written without a zone.
    const page = `<html><head><title>Harbour plan approved</title><meta property="article:published_time" content="2024-03-01T09:00:00"></head><body><h1>Harbour plan approved</h1><p>${'The council met on Monday and agreed to the plan after a long debate, with three members against it. '.repeat(4)}</p></body></html>`;
    const server = await startServer({ '/a': html(page), '/b': html(page) }, '127.0.0.1', true);
    try {
      for (const jobs of ['1', '2']) {
        const dir = tmp();
        // --folder techcrunch registers the host in that folder, whose zone is Los Angeles's.
        const run = await pressclip(['import', 'http://harbour-news.example/a', 'http://harbour-news.example/b', '--register', '--folder', 'techcrunch', '--json', '--jobs', jobs], { cwd: dir, env: { HTTP_PROXY: server.url('') } });
        expect(run.code, run.stderr).toBe(0);
        const dates = run.stdout.trim().split('\n').map((line) => JSON.parse(line).date);
        // The first was built before the registration: no zone known, read as Beijing time.
        expect(dates).toEqual(['2024-03-01 09:00:00', '2024-03-02 01:00:00']);
      }
    } finally {
      await server.close();
    }
  });

  it('refuses --jobs 0', async () => {
    const run = await pressclip(['import', REAL[0], '--jobs', '0']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^usage error: expected a whole number of at least 1/);
  });
});

describe('batch', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({
      '/rain/a/20201130A0G1JJ00': html(readFixture('tencent/real', 'raw_rain_20201130A0G1JJ00.html')),
      '/too-many': html(TOO_MANY),
      '/prefix': html(SCRIPT_PREFIX),
      '/rain/a/20190907A081B000': html(readFixture('tencent/real', 'gne_qq_20190907A081B0.html')),
    });
  });
  afterAll(() => server.close());

  it('fails the hostile pages alone and imports the pages after them', async () => {
    const root = tmp();
    const list = path.join(root, 'list.txt');
    writeFileSync(list, ['/too-many', '/prefix', '/rain/a/20201130A0G1JJ00', '/rain/a/20190907A081B000'].map((p) => server.url(p)).join('\n'));
    const run = await pressclip(['batch', list, '--root', root, '--min-gap', '0', '--jobs', '1'], { cwd: root });
    expect(run.code).toBe(1);
    expect(run.stdout.trim().split('\n').sort()).toEqual(['content/zh-CN/news/qq/20190907A081B0.zh-CN.md', 'content/zh-CN/news/qq/20201130A0G1JJ.zh-CN.md']);
    expect(run.stderr).toContain(`failed ${server.url('/too-many')} (${list}:1): page too large to extract: 150,006 HTML elements (the limit is 100,000)`);
    expect(run.stderr).toContain(`failed ${server.url('/prefix')} (${list}:2): no article body found in the page`);
    expect(run.stderr).toContain('2 imported, 0 skipped, 2 failed');
  });
});
