// Private addresses: what a server importing untrusted URLs must be able to refuse. A real
// server on 127.0.0.1, which is also a proxy tunnelling every host to itself (a name fetched
// through it counts as public: pressclip never resolves it). Every refusal must come before
// a request reaches the server.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { emptyRow, isClearError, noteEnding, ROOT, runCli, tunnelToSelf, type Row } from './harness.js';

interface Case {
  label: string;
  args: string[];
  /** The error expected; undefined when the page must be imported. */
  error?: RegExp;
  proxied?: boolean;
}

export async function runPrivateAddresses(): Promise<Row> {
  const row = emptyRow('private addresses');
  const page = readFileSync(path.join(ROOT, 'fixtures/tencent/real/raw_rain_20201130A0G1JJ00.html'));
  let reached = 0;
  let port = 0;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const route = (req.url ?? '').split('?')[0];
    if (route === '/ok') {
      reached++;
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
    } else if (route === '/to-loopback') res.writeHead(302, { location: `http://127.0.0.1:${port}/ok` }).end();
    else if (route === '/to-link-local') res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
    else if (route === '/to-mapped') res.writeHead(302, { location: `http://[::ffff:127.0.0.1]:${port}/ok` }).end();
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  tunnelToSelf(server, '127.0.0.1', port);
  const local = `http://127.0.0.1:${port}`;
  const work = mkdtempSync(path.join(tmpdir(), 'pressclip-private-'));
  const noPrivate = /\(--no-private\)$/m;
  const cases: Case[] = [
    { label: 'default: 127.0.0.1, as asked', args: ['import', `${local}/ok`] },
    { label: 'default: a public host, through a proxy', args: ['import', 'http://news.example.com/ok'], proxied: true },
    { label: 'default: public -> 127.0.0.1', args: ['import', 'http://news.example.com/to-loopback'], error: /refused a redirect from a public address to a private one: 127\.0\.0\.1 is a loopback/, proxied: true },
    { label: 'default: public -> ::ffff:127.0.0.1', args: ['import', 'http://news.example.com/to-mapped'], error: /refused a redirect from a public address/, proxied: true },
    { label: 'default: public -> 169.254.169.254', args: ['import', 'http://news.example.com/to-link-local'], error: /169\.254\.169\.254 is a link-local address/, proxied: true },
    { label: '--no-private 127.0.0.1', args: ['import', `${local}/ok`, '--no-private'], error: noPrivate },
    { label: '--no-private localhost (DNS)', args: ['import', `http://localhost:${port}/ok`, '--no-private'], error: /localhost is \S+, a loopback address/ },
    { label: '--no-private 127.1 (short form)', args: ['import', `http://127.1:${port}/ok`, '--no-private'], error: noPrivate },
    { label: '--no-private 2130706433 (decimal)', args: ['import', `http://2130706433:${port}/ok`, '--no-private'], error: noPrivate },
    { label: '--no-private [::1]', args: ['import', `http://[::1]:${port}/ok`, '--no-private'], error: noPrivate },
    { label: '--no-private 10.0.0.1', args: ['import', 'http://10.0.0.1/x', '--no-private'], error: /10\.0\.0\.1 is a private address/ },
    { label: '--no-private [fd00::1]', args: ['import', 'http://[fd00::1]/x', '--no-private'], error: /unique-local/ },
    { label: '--no-private inspect', args: ['inspect', `http://localhost:${port}/ok`, '--no-private'], error: noPrivate },
    { label: '--no-private public -> 127.0.0.1', args: ['import', 'http://news.example.com/to-loopback', '--no-private'], error: noPrivate, proxied: true },
  ];
  try {
    for (const c of cases) {
      const before = reached;
      const input = c.args[1];
      const site = path.join(work, `site${row.tried}`);
      const ran = await runCli([...c.args, ...(c.args[0] === 'import' ? ['--root', site] : []), '--timeout', '10'], { limitMs: 60_000, env: c.proxied ? { HTTP_PROXY: local } : {} });
      row.tried++;
      if (!noteEnding(row, ran, c.label)) continue;
      if (!c.error && ran.code === 0 && reached === before + 1) row.ok++;
      else if (c.error && isClearError(ran, input) && c.error.test(ran.stderr) && reached === before) row.handled++;
      else {
        row.crashes++;
        row.problems.push(`${c.label}: expected ${c.error ?? 'a post'}, got exit ${ran.code}${reached > before ? ' (the server was reached)' : ''}: ${ran.stderr.trim().slice(0, 200)}`);
      }
    }
    // A batch with --no-private: every input refused, none reaches the server.
    const list = path.join(work, 'list.txt');
    writeFileSync(list, [`${local}/ok`, `http://localhost:${port}/ok`, `http://[::1]:${port}/ok`].join('\n') + '\n');
    const before = reached;
    const ran = await runCli(['batch', list, '--root', path.join(work, 'batch'), '--no-private', '--min-gap', '0'], { limitMs: 60_000 });
    row.tried++;
    if (noteEnding(row, ran, 'batch --no-private')) {
      if (ran.code === 1 && /0 imported, 0 skipped, 3 failed/.test(ran.stderr) && reached === before) row.handled++;
      else {
        row.crashes++;
        row.problems.push(`batch --no-private: exit ${ran.code}, reached ${reached - before}: ${ran.stderr.slice(-300)}`);
      }
    }
    return row;
  } finally {
    server.closeAllConnections();
    server.close();
    rmSync(work, { recursive: true, force: true });
  }
}
