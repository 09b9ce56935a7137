// The invariant at length: ten times the generated pages of the fast suite, and the real
// saved pages of ../shared/data/extraction (readability's and htmldate's sets: 900 pages in
// a dozen languages, when the shared data is beside the clone), imported with --register
// and --date-fallback fetch-time into sites that `pressclip validate --max-warnings 0` accepts.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { importGenerated, importPages, validateSite } from '../../reliability/invariant.js';
import type { Outcome } from '../../src/commands/import.js';
import { ROOT } from '../helpers.js';

const tmp = () => mkdtempSync(path.join(tmpdir(), 'pressclip-invariant-'));
const EXTRACTION = path.resolve(ROOT, '../shared/data/extraction');

function expectValidRun(outcomes: Outcome[]): void {
  for (const o of outcomes) if (o.status === 'failed') expect(o.error, o.input).toMatch(/^[^\n]+$/);
  expect(outcomes.some((o) => o.status === 'written')).toBe(true);
}

describe('the invariant, at length', () => {
  it('600 generated pages', async () => {
    const root = tmp();
    expectValidRun(await importGenerated(root, 600, 777));
    const check = await validateSite(root);
    expect(check.report).toMatch(/no problems/);
    expect(check.ok).toBe(true);
  });

  it.skipIf(!existsSync(EXTRACTION))('the saved pages of the extraction sets, in their languages', async () => {
    for (const set of ['readability', 'htmldate-default']) {
      const root = tmp();
      const pages = readFileSync(path.join(EXTRACTION, set, 'gold.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((line, i) => {
          const gold = JSON.parse(line) as { page: string; url: string | null };
          const file = path.join(root, `page-${i}.html`);
          writeFileSync(file, gunzipSync(readFileSync(path.join(EXTRACTION, set, gold.page))));
          const url = gold.url && /^https?:\/\/[^\s]+$/.test(gold.url) ? gold.url : `https://www.example.org/${set}/${i}`;
          return { file, url };
        });
      // The site holds the languages of these pages, so that they are filed, not refused.
      writeFileSync(path.join(root, 'pressclip.config.json'), JSON.stringify({ languages: ['de', 'fr', 'es', 'it', 'pt', 'ja', 'ko', 'ru', 'pl', 'cs', 'fi', 'no', 'sv', 'nl', 'vi', 'id', 'bn'] }));
      const outcomes = await importPages(root, pages, { register: true, dateFallback: 'fetch-time' });
      expectValidRun(outcomes);
      const check = await validateSite(root);
      expect(check.report, set).toMatch(/no problems/);
      expect(check.ok).toBe(true);
    }
  });
});
