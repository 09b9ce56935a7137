// One archive, one truth: everything import and batch write passes `pressclip validate
// --max-warnings 0` on the same site with no edits - every saved page of fixtures/, every
// crawler feed, and generated pages (fast-check, a fixed seed; tests/long runs ten times as
// many). A new validate rule or a new adapter cannot break it silently.
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importGenerated, importPages, savedPages, validateSite } from '../reliability/invariant.js';
import type { Outcome } from '../src/commands/import.js';
import { pressclip } from './cli.js';
import { fixture, listFixtures } from './helpers.js';

const tmp = () => mkdtempSync(path.join(tmpdir(), 'pressclip-invariant-'));
const count = (outcomes: Outcome[], status: Outcome['status']) => outcomes.filter((o) => o.status === status).length;

/** Every input ended in a post, a skip, or one line saying why not. */
function expectClearEndings(outcomes: Outcome[]): void {
  for (const o of outcomes) if (o.status === 'failed') expect(o.error, o.input).toMatch(/^[^\n]+$/);
}

describe('the invariant: what import and batch write, validate accepts', () => {
  const pages = savedPages();

  it.each([
    ['filed as the registry says (unknown sites, other languages and undated pages refused)', {}, 15],
    ['with --register and --date-fallback fetch-time', { register: true, dateFallback: 'fetch-time' } as const, 70],
  ])('every saved page, %s', async (_, choices, least) => {
    expect(pages.length).toBeGreaterThan(80);
    const root = tmp();
    const outcomes = await importPages(root, pages, choices);
    expectClearEndings(outcomes);
    expect(count(outcomes, 'written')).toBeGreaterThan(least);
    const check = await validateSite(root);
    expect(check.report).toMatch(/no problems/);
    expect(check.ok).toBe(true);
  });

  // With --register, tests/batch-feeds.test.ts validates the whole site it writes.
  it('every crawler feed, by batch (the feeds of folders the site lacks refused)', async () => {
    const feeds = listFixtures('feeds', '.json').map((f) => fixture('feeds', f));
    const root = tmp();
    const run = await pressclip(['batch', ...feeds], { cwd: root });
    expect(run.stdout.split('\n').length).toBeGreaterThan(300);
    expect(run.stderr).toMatch(/folder "afp" is not a source of the site: `pressclip sources add afp --lang zh-HK` registers it \(or run with --register\)/);
    const check = await validateSite(root);
    expect(check.report).toMatch(/no problems/);
    expect(check.ok).toBe(true);
  });

  it('generated pages, with the choices a user may make', async () => {
    const root = tmp();
    const outcomes = await importGenerated(root, 60, 4242);
    expectClearEndings(outcomes);
    expect(count(outcomes, 'written')).toBeGreaterThan(10);
    expect(readdirSync(root).some((n) => n === 'content')).toBe(true);
    const check = await validateSite(root);
    expect(check.report).toMatch(/no problems/);
    expect(check.ok).toBe(true);
  });
});
