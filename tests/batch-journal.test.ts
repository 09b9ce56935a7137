// The batch journal and the other outputs of a run: a record torn by a kill is skipped with a
// warning and the next one starts on a line of its own; an output that cannot be written
// stops the run before any request.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pressclip } from './cli.js';
import { fixture, readFixture } from './helpers.js';
import { html, startServer, type TestServer } from './server.js';
import { linkKey } from '../src/post/link.js';

const PAGE = readFixture('tencent/real', 'raw_rain_20201130A0G1JJ00.html');
const pageFor = (id: string) => PAGE.replaceAll('20201130A0G1JJ', id);
let server: TestServer;
beforeAll(async () => {
  server = await startServer({ '/a/1': html(pageFor('20201130A00001')), '/a/2': html(pageFor('20201130A00002')) });
});
afterAll(() => server.close());

const tmp = () => mkdtempSync(path.join(tmpdir(), 'pressclip-journal-'));
const FAST = ['--min-gap', '0', '--retries', '0', '--timeout', '5'];
const hits = () => (server.hits.get('/a/1') ?? 0) + (server.hits.get('/a/2') ?? 0);

describe('a torn journal', () => {
  it('skips the torn record with a warning, and appends on a new line', async () => {
    const root = tmp();
    const list = path.join(root, 'list.txt');
    writeFileSync(list, `${server.url('/a/1')}\n${server.url('/a/2')}\n`);
    const journal = path.join(root, '.pressclip/journal.jsonl');
    mkdirSync(path.dirname(journal));
    // The first input done; the record of the second cut by a kill in the middle of its line.
    const done = { key: linkKey(server.url('/a/1')), input: server.url('/a/1'), status: 'written', path: 'x', at: '2026-01-01T00:00:00.000Z' };
    writeFileSync(journal, `${JSON.stringify(done)}\n{"key":"${linkKey(server.url('/a/2'))}","input":"htt`);
    const before = hits();
    const run = await pressclip(['batch', list, '--root', root, ...FAST]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`warning ${journal}:2: the last record was cut short (a run killed while writing it): skipped, its input runs again\n`);
    expect(run.stderr).toMatch(/1 imported, 1 skipped \(1 done in an earlier run\), 0 failed/);
    expect(hits()).toBe(before + 1);
    const lines = readFileSync(journal, 'utf8').split('\n');
    expect(lines).toHaveLength(4); // done, torn, the new record, and the final newline
    expect(JSON.parse(lines[2])).toMatchObject({ input: server.url('/a/2'), status: 'written' });

    // The new record is read: a second run does nothing, and says once that line 2 is unreadable.
    const again = await pressclip(['batch', list, '--root', root, ...FAST]);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain(`warning ${journal}:2: an unreadable line skipped\n`);
    expect(again.stderr).toMatch(/0 imported, 2 skipped \(2 done in an earlier run\), 0 failed/);
    expect(hits()).toBe(before + 1);
  });
});

describe('outputs that cannot be written', () => {
  it('stop the run before any request, with one line and exit 2', async () => {
    const root = tmp();
    const list = path.join(root, 'list.txt');
    writeFileSync(list, `${server.url('/a/1')}\n`);
    const folder = path.join(root, 'a-folder');
    mkdirSync(folder);
    const cases: [string[], string][] = [
      [['--journal', folder], `cannot write the journal ${folder}: it is a directory`],
      [['--report', folder], `cannot write the report ${folder}: it is a directory`],
      [['--failed-list', path.join(list, 'x', 'failed.txt')], `cannot write the failed list ${path.join(list, 'x', 'failed.txt')}: a part of its path is a file, not a folder`],
    ];
    const before = hits();
    for (const [args, message] of cases) {
      const run = await pressclip(['batch', list, '--root', root, ...FAST, ...args]);
      expect(run.stderr).toBe(`usage error: ${message}\n`);
      expect(run.code).toBe(2);
    }
    expect(hits()).toBe(before);
  });

  it('a journal or report that fails during the run (a full disk: /dev/full) stops it with exit 1', async () => {
    const root = tmp();
    // Feed items run one at a time with --concurrency 1 (no request frees the slot early).
    const run = await pressclip(['batch', fixture('feeds/lieyun__list_live.json'), '--root', root, '--concurrency', '1', '--journal', '/dev/full', '--report', '/dev/full']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('error cannot write the journal /dev/full: no space left on device (ENOSPC); no new inputs\n');
    expect(run.stderr).toContain('error cannot write the report /dev/full: no space left on device (ENOSPC)\n');
    expect(run.stderr).toMatch(/batch interrupted in [\d.]+ s: 1 imported, 0 skipped, 0 failed/);
    expect(readdirSync(path.join(root, 'content'), { recursive: true }).filter((f) => String(f).endsWith('.md'))).toHaveLength(1);
  });
});
