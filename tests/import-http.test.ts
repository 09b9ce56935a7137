// `pressclip import` against a real HTTP server on 127.0.0.1, through the real fetch code.
import { mkdtempSync, readdirSync, readFileSync, existsSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EventEmitter, once } from 'node:events';
import { createServer } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pressclip } from './cli.js';
import { fixture, readFixture } from './helpers.js';
import { html, startServer, type TestServer } from './server.js';

const CURRENT = 'current-dom-20260822A0C26O00';
const OLD = 'raw_rain_20201130A0G1JJ00';
const currentPage = readFixture('tencent/assembled', `${CURRENT}.html`);
const oldPage = readFixture('tencent/real', `${OLD}.html`);
const expected = (name: string) => readFixture('tencent/expected', `${name}.md`);
const gbkPage = readFileSync(fixture('pages/sohu/cwce_33a95b71-b49b-42c1-9c0a-ab8e3feba3cf.html'));

let server: TestServer;
/** Says when a request to /slow ends, and whether the server had answered it (never). */
const slowEnded = new EventEmitter();
const tmpRoot = () => mkdtempSync(path.join(tmpdir(), 'pressclip-'));

/** Every file under a folder, relative, temporary files included. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => path.relative(dir, path.join(d.parentPath, d.name)))
    .sort();
}

beforeAll(async () => {
  server = await startServer({
    '/rain/a/20260822A0C26O00': html(currentPage),
    '/old': html(oldPage),
    '/rain/a/20201130A0G1JJ00': html(oldPage),
    '/gzip': html(gzipSync(currentPage), { 'content-encoding': 'gzip' }),
    '/brotli': html(brotliCompressSync(oldPage), { 'content-encoding': 'br' }),
    '/r1': html('', { location: '/r2' }, 302),
    '/r2': html('', { location: '/r3' }, 301),
    '/r3': html('', { location: '/old' }, 307),
    '/loop': html('', { location: '/loop' }, 302),
    '/ftp-redirect': html('', { location: 'ftp://example.com/x' }, 302),
    '/missing': html('<h1>gone</h1>', {}, 404),
    '/error': html('oops', {}, 500),
    '/pdf': html(Buffer.from('%PDF-1.4'), { 'content-type': 'application/pdf' }),
    '/gbk': html(gbkPage, { 'content-type': 'text/html; charset=gbk' }),
    '/gbk-declared-utf8': html(gbkPage, { 'content-type': 'text/html; charset=utf-8' }),
    '/huge': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      const chunk = Buffer.alloc(1024 * 1024, 'a');
      for (let i = 0; i < 11; i++) res.write(chunk);
      res.end();
    },
    // Never answers: only the client's deadline can end the request (the server closes it at the end).
    '/slow': (_req, res) => res.on('close', () => slowEnded.emit('closed', res.headersSent)),
  });
});
afterAll(() => server.close());

describe('import over HTTP', () => {
  it('writes the expected post for a current-template page served from 127.0.0.1', async () => {
    const root = tmpRoot();
    const run = await pressclip(['import', server.url('/rain/a/20260822A0C26O00'), '--root', root], { cwd: root });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('content/zh-CN/news/qq/20260822A0C26O.zh-CN.md\n');
    expect(readFileSync(path.join(root, 'content/zh-CN/news/qq/20260822A0C26O.zh-CN.md'), 'utf8')).toBe(expected(CURRENT));
    expect(filesUnder(root)).toEqual(['content/zh-CN/news/qq/20260822A0C26O.zh-CN.md']);
  });

  it('follows redirects and decompresses gzip and brotli', async () => {
    const root = tmpRoot();
    const run = await pressclip(['import', server.url('/r1'), server.url('/gzip'), server.url('/brotli'), '--root', root, '--stdout'], { cwd: root });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(expected(OLD) + expected(CURRENT) + expected(OLD));
    expect(filesUnder(root)).toEqual([]);
  });

  it('decodes a GBK page, declared or not', async () => {
    for (const route of ['/gbk', '/gbk-declared-utf8']) {
      const run = await pressclip(['import', server.url(route), '--stdout', '--json', '--folder', 'sohu', '--register']);
      const record = JSON.parse(run.stdout);
      expect(record.title, route).toBe('工商部门初定SKII广告属于虚假宣传');
      expect(record.text, route).toContain('SKII');
      expect(record.text, route).not.toMatch(/\uFFFD/);
    }
  });

  it.each([
    ['/missing', 'HTTP 404'],
    ['/error', 'HTTP 500'],
    ['/loop', 'too many redirects (more than 5)'],
    ['/ftp-redirect', 'redirect to a non-http URL (ftp:)'],
    ['/pdf', 'not an HTML page (content-type application/pdf)'],
    ['/huge', 'page larger than 10 MB'],
  ])('%s fails with one clear line, exit 1, nothing written', async (route, reason) => {
    const root = tmpRoot();
    const run = await pressclip(['import', server.url(route), '--root', root], { cwd: root });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`error ${server.url(route)}: ${reason}\n`);
    expect(filesUnder(root)).toEqual([]);
  });

  it('gives up on a page that never answers at --timeout', async () => {
    // No clock here: the page never comes, so only the 1 s deadline can end the run, and the
    // message names that limit; the test's own timeout catches a hang.
    const root = tmpRoot();
    const closed = once(slowEnded, 'closed');
    const run = await pressclip(['import', server.url('/slow'), '--root', root, '--timeout', '1'], { cwd: root });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error http:\/\/127\.0\.0\.1:\d+\/slow: timed out .*\(limit 1 s\)\n$/);
    expect(await closed).toEqual([false]); // the client hung up; the server never answered
    expect(filesUnder(root)).toEqual([]);
  });

  it('goes on after a failure and exits 1', async () => {
    const root = tmpRoot();
    const run = await pressclip(['import', server.url('/missing'), server.url('/old'), '--root', root], { cwd: root });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('content/zh-CN/news/qq/20201130A0G1JJ.zh-CN.md\n');
    expect(run.stderr.split('\n').filter(Boolean)).toHaveLength(1);
  });

  it('answers a refused connection with one line', async () => {
    const run = await pressclip(['import', 'http://127.0.0.1:9/x', '--root', tmpRoot()]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error http:\/\/127\.0\.0\.1:9\/x: network error \(ECONNREFUSED\)\n$/);
  });
});

describe('proxies', () => {
  it('goes through HTTP_PROXY, and around it for NO_PROXY hosts', async () => {
    // A forward proxy that tunnels every CONNECT to the test server, whatever host is asked for.
    const tunnels: string[] = [];
    const proxy = createServer();
    proxy.on('connect', (req, client, head) => {
      tunnels.push(req.url ?? '');
      const upstream = connect(Number(new URL(server.url('/')).port), '127.0.0.1', () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.write(head);
        upstream.pipe(client).pipe(upstream);
      });
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    const env = { HTTP_PROXY: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}` };
    try {
      const via = await pressclip(['import', 'http://news.example.test/rain/a/20201130A0G1JJ00', '--stdout', '--timeout', '10'], { env });
      expect(via.stderr).toBe('');
      expect(via.stdout).toBe(expected(OLD));
      expect(tunnels).toEqual(['news.example.test:80']);
      const around = await pressclip(['import', server.url('/old'), '--stdout', '--timeout', '10'], { env: { ...env, NO_PROXY: '127.0.0.1' } });
      expect(around.code).toBe(0);
      expect(tunnels).toHaveLength(1);
    } finally {
      proxy.closeAllConnections();
      await new Promise((r) => proxy.close(r));
    }
  });
});

describe('import safety', () => {
  it('skips an existing post, overwrites with --force, and never duplicates', async () => {
    const root = tmpRoot();
    const file = path.join(root, 'content/zh-CN/news/qq/20201130A0G1JJ.zh-CN.md');
    expect((await pressclip(['import', server.url('/old'), '--root', root], { cwd: root })).code).toBe(0);
    writeFileSync(file, 'edited\n\n[qq](https://new.qq.com/rain/a/20201130A0G1JJ00)\n');
    const again = await pressclip(['import', server.url('/old'), '--root', root], { cwd: root });
    expect(again.code).toBe(0);
    expect(again.stderr).toBe(`skipped ${server.url('/old')}: already in the archive as content/zh-CN/news/qq/20201130A0G1JJ.zh-CN.md (--force to overwrite)\n`);
    expect(readFileSync(file, 'utf8')).toMatch(/^edited/);
    const forced = await pressclip(['import', server.url('/old'), '--root', root, '--force'], { cwd: root });
    expect(forced.code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(expected(OLD));
    expect(filesUnder(root)).toEqual(['content/zh-CN/news/qq/20201130A0G1JJ.zh-CN.md']);
  });

  it('finds the article under another file name by its link (the id with 00)', async () => {
    const root = tmpRoot();
    const folder = path.join(root, 'content/zh-CN/news/qq');
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, '20201130A0G1JJ00.zh-CN.md'), '---\n---\n\nold\n\n[qq](https://new.qq.com/rain/a/20201130A0G1JJ)\n');
    const run = await pressclip(['import', server.url('/old'), '--root', root], { cwd: root });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('already in the archive as content/zh-CN/news/qq/20201130A0G1JJ00.zh-CN.md');
    expect(filesUnder(root)).toEqual(['content/zh-CN/news/qq/20201130A0G1JJ00.zh-CN.md']);
  });

  it('imports one article once when two inputs name it', async () => {
    const root = tmpRoot();
    const run = await pressclip(['import', server.url('/old'), server.url('/r1'), '--root', root], { cwd: root });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('content/zh-CN/news/qq/20201130A0G1JJ.zh-CN.md\n');
    expect(run.stderr).toMatch(/^skipped /);
  });

  it('--dry-run says what would be written and writes nothing', async () => {
    const root = tmpRoot();
    const run = await pressclip(['import', server.url('/old'), '--root', root, '--dry-run'], { cwd: root });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('would write content/zh-CN/news/qq/20201130A0G1JJ.zh-CN.md\n');
    expect(filesUnder(root)).toEqual([]);
  });

  it('--json gives one object per input, errors included', async () => {
    const root = tmpRoot();
    const run = await pressclip(['import', server.url('/old'), server.url('/missing'), '--root', root, '--json'], { cwd: root });
    expect(run.code).toBe(1);
    const [ok, failed] = run.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(ok).toMatchObject({
      status: 'written',
      path: 'content/zh-CN/news/qq/20201130A0G1JJ.zh-CN.md',
      link: 'https://new.qq.com/rain/a/20201130A0G1JJ00',
      title: '流感疫苗副作用大不能接种？腾讯新闻较真平台发布11月最全辟谣榜',
      date: '2020-11-30 21:48:28',
      category: 'qq',
      lang: 'zh-CN',
      extractor: 'tencent',
      error: null,
    });
    expect(failed).toMatchObject({ status: 'failed', error: 'HTTP 404', path: null });
  });

  it.each([
    ['ftp://example.com/a.html', /unsupported scheme "ftp:"/],
    ['javascript:alert(1)', /unsupported scheme "javascript:"/],
    ['no-such-file.html', /no such file/],
  ])('%s is a usage error, exit 2, nothing done', async (input, message) => {
    const root = tmpRoot();
    const run = await pressclip(['import', server.url('/old'), input, '--root', root], { cwd: root });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(filesUnder(root)).toEqual([]);
  });

  it('imports a saved page offline, with or without --url', async () => {
    const root = tmpRoot();
    const run = await pressclip(['import', fixture('tencent/real', `${OLD}.html`), '--root', root], { cwd: root });
    expect(run.code).toBe(0);
    expect(readFileSync(path.join(root, 'content/zh-CN/news/qq/20201130A0G1JJ.zh-CN.md'), 'utf8')).toBe(expected(OLD));
    const withUrl = await pressclip(['import', fixture('tencent/real', `${OLD}.html`), '--url', 'https://new.qq.com/rain/a/20201130A0G1JJ00', '--stdout']);
    expect(withUrl.stdout).toBe(expected(OLD));
  });
});
