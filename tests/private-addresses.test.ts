// Loopback, private, link-local and unique-local addresses: reached when asked for (the
// user's own server), refused with --no-private (address literals, DNS answers and redirects
// alike, before any connection), and never reached by a redirect from a public address.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { privateKind } from '../src/address.js';
import { pressclip } from './cli.js';
import { readFixture } from './helpers.js';
import { html, startServer, type TestServer } from './server.js';

const PAGE = readFixture('tencent/real', 'raw_rain_20201130A0G1JJ00.html');
let server: TestServer;
let port: string;

beforeAll(async () => {
  // Also an HTTP proxy that tunnels every CONNECT back to itself: a name fetched through it
  // (news.example.com) is resolved by the proxy, so to pressclip it is a public host.
  server = await startServer(
    {
      '/ok': html(PAGE),
      '/to-loopback': (req, res) => html('', { location: `http://127.0.0.1:${port}/ok` }, 302)(req, res),
      '/to-mapped': (req, res) => html('', { location: `http://[::ffff:127.0.0.1]:${port}/ok` }, 302)(req, res),
      '/to-same': html('', { location: '/ok' }, 302),
    },
    '127.0.0.1',
    true,
  );
  port = new URL(server.url('/')).port;
});
afterAll(() => server.close());

const tmp = () => mkdtempSync(path.join(tmpdir(), 'pressclip-private-'));
const hits = (route: string) => server.hits.get(route) ?? 0;

describe('which addresses are private', () => {
  it('knows the ranges, IPv4-mapped IPv6 included', () => {
    const table: [string, string | undefined][] = [
      ['127.0.0.1', 'loopback'],
      ['127.255.0.9', 'loopback'],
      ['[::1]', 'loopback'],
      ['[::ffff:7f00:1]', 'loopback'],
      ['0.0.0.0', 'unspecified'],
      ['10.1.2.3', 'private'],
      ['172.16.0.1', 'private'],
      ['172.31.255.255', 'private'],
      ['172.32.0.1', undefined],
      ['172.15.0.1', undefined],
      ['192.168.1.1', 'private'],
      ['[::ffff:192.168.1.1]', 'private'],
      ['100.64.0.1', 'shared (carrier NAT)'],
      ['169.254.169.254', 'link-local'],
      ['[fe80::1]', 'link-local'],
      ['[fd12:3456::1]', 'unique-local'],
      ['8.8.8.8', undefined],
      ['[2001:4860:4860::8888]', undefined],
      ['news.example.com', undefined],
    ];
    for (const [host, kind] of table) expect([host, privateKind(host)]).toEqual([host, kind]);
  });
});

describe('by default', () => {
  it('reaches an address of this machine when asked for, redirects on it included', async () => {
    const run = await pressclip(['import', server.url('/to-same'), '--stdout']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });

  it('refuses a redirect from a public host to a private address', async () => {
    const before = hits('/ok');
    const inputs = ['http://news.example.com/ok', 'http://news.example.com/to-loopback', 'http://news.example.com/to-mapped'];
    const run = await pressclip(['import', ...inputs, '--stdout'], { env: { HTTP_PROXY: server.url('') } });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('[qq](https://new.qq.com/rain/a/20201130A0G1JJ00)'); // the public host, through the proxy
    expect(run.stderr.split('\n')).toEqual([
      `error ${inputs[1]}: refused a redirect from a public address to a private one: 127.0.0.1 is a loopback address`,
      `error ${inputs[2]}: refused a redirect from a public address to a private one: [::ffff:7f00:1] is a loopback address`,
      '',
    ]);
    expect(hits('/ok')).toBe(before + 1);
  });
});

describe('--no-private', () => {
  it('refuses address literals and names that resolve to them, before connecting', async () => {
    const before = hits('/ok');
    // A name is checked by the addresses DNS gives for it, the ones the socket would use.
    const inputs = [server.url('/ok'), `http://[::ffff:127.0.0.1]:${port}/ok`, `http://localhost:${port}/ok`];
    const run = await pressclip(['import', ...inputs, '--stdout', '--no-private']);
    expect(run.code).toBe(1);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe(`error ${inputs[0]}: refused: 127.0.0.1 is a loopback address (--no-private)`);
    expect(lines[1]).toBe(`error ${inputs[1]}: refused: [::ffff:7f00:1] is a loopback address (--no-private)`);
    expect(lines[2]).toMatch(new RegExp(`^error ${inputs[2]}: refused: localhost is (127\\.0\\.0\\.1|::1), a loopback address \\(--no-private\\)$`));
    const inspect = await pressclip(['inspect', `http://localhost:${port}/ok`, '--no-private']);
    expect(inspect.code).toBe(1);
    expect(inspect.stderr).toMatch(/refused: localhost is .*, a loopback address/);
    expect(hits('/ok')).toBe(before);
  });

  it('refuses them in a batch too', async () => {
    const root = tmp();
    const list = path.join(root, 'list.txt');
    writeFileSync(list, `${server.url('/ok')}\nhttp://localhost:${port}/ok\n`);
    const before = hits('/ok');
    const run = await pressclip(['batch', list, '--root', root, '--no-private', '--min-gap', '0']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/0 imported, 0 skipped, 2 failed/);
    expect(hits('/ok')).toBe(before);
  });
});
