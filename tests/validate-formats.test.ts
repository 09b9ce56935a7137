// validate's output formats, each checked whole against an expected file
// (fixtures/expected/validate/; PRESSCLIP_UPDATE=1 rewrites them after a reviewed change),
// SARIF also against the SARIF 2.1.0 JSON schema, and the colour decision through the CLI.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { VERSION } from '../src/version.js';
import { pressclip } from './cli.js';
import { fixture, readFixture } from './helpers.js';

const SEED = readFixture('archive-sample', '20250209A06L0J.zh-CN.md');
const OTHER = readFixture('archive-sample', '20250211A05FI7.zh-CN.md');
const QQ = 'content/zh-CN/news/qq';
/** A file name holding what URIs, workflow commands and XML must escape: %, space, #, a comma, a colon, Chinese. */
const ODD = '50% off #1, a:b 新闻.zh-CN.md';

/**
 * A clean post, its copy under another name (duplicate-link), a post with an error and a
 * warning, and the odd name holding a Chinese date (a message wider than its length).
 */
function tree(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'pressclip-formats-'));
  mkdirSync(path.join(root, QQ), { recursive: true });
  writeFileSync(path.join(root, QQ, '20250209A06L0J.zh-CN.md'), SEED);
  writeFileSync(path.join(root, QQ, '20250209A06L0J00.zh-CN.md'), SEED);
  writeFileSync(path.join(root, QQ, '20250211A05FI7.zh-CN.md'), OTHER.replace('date: "2025-02-11', 'date: "2025-02-31').replace('sidebar: "right"', 'sidebar: right'));
  writeFileSync(path.join(root, QQ, ODD), OTHER.replace(/date: ".*"/, 'date: "2025年2月11日 10:00"'));
  return root;
}

/** The output with what differs between runs (the site's folder, the version, github's token) named. */
const stable = (text: string, root: string) =>
  text
    .split(root)
    .join('<ROOT>')
    .replace(/"version": "[^"]*"/, `"version": "<VERSION>"`)
    .replace(/([0-9a-f]{32})(?=\n|::)/g, (token) => (text.includes(`::stop-commands::${token}`) ? '<TOKEN>' : token));

function expectWhole(name: string, actual: string): void {
  const file = fixture('expected', 'validate', name);
  if (process.env.PRESSCLIP_UPDATE) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, actual);
  }
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

describe('validate formats, each whole', async () => {
  const root = tree();
  const run = (...args: string[]) => pressclip(['validate', ...args], { cwd: root });

  it.each([
    ['stylish', 'stylish.txt'],
    ['json', 'json.json'],
    ['github', 'github.txt'],
    ['sarif', 'sarif.json'],
    ['junit', 'junit.xml'],
    ['gitlab', 'gitlab.json'],
  ])('%s', async (format, file) => {
    const ran = await run('--format', format);
    expect(ran.code).toBe(1);
    expect(ran.stderr).toBe('');
    expectWhole(file, stable(ran.stdout, root));
  });

  it('stylish in colour: --color, or FORCE_COLOR as Node reads it', async () => {
    const colour = await run('--color');
    expectWhole('stylish-color.txt', stable(colour.stdout, root));
    for (const level of ['1', '2', '3', 'true', '']) expect((await pressclip(['validate'], { cwd: root, env: { FORCE_COLOR: level } })).stdout, `FORCE_COLOR=${level}`).toBe(colour.stdout);
  });

  it('junit: warnings fail only once --max-warnings is exceeded', async () => {
    const ran = await run('--format', 'junit', '--max-warnings', '0');
    expect(ran.stdout).toContain('<testsuites name="pressclip validate" tests="45" failures="6" errors="0">');
    expect(ran.stdout).toContain('<failure type="warning" message="sidebar is not double-quoted">');
  });
});

describe('SARIF against the SARIF 2.1.0 schema', async () => {
  const schema = JSON.parse(readFixture('sarif', 'sarif-schema-2.1.0.json'));
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  const valid = ajv.compile(schema);
  const sarif = JSON.parse((await pressclip(['validate', '--format', 'sarif'], { cwd: tree() })).stdout);

  it('is valid, with file URIs percent-encoded', () => {
    expect(valid(sarif), ajv.errorsText(valid.errors)).toBe(true);
    const uris = sarif.runs[0].results.map((r: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => r.locations[0].physicalLocation.artifactLocation.uri);
    expect(uris).toContain(`${QQ}/50%25%20off%20%231%2C%20a%3Ab%20%E6%96%B0%E9%97%BB.zh-CN.md`);
    expect(uris.map(decodeURIComponent)).toContain(`${QQ}/${ODD}`);
  });

  it('would not be with the path as it is (the check has teeth)', () => {
    const raw = structuredClone(sarif);
    raw.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri = `${QQ}/${ODD}`;
    expect(valid(raw)).toBe(false);
    expect(ajv.errorsText(valid.errors)).toMatch(/uri-reference/);
  });

  it('names the version of pressclip that wrote it', () => {
    expect(sarif.runs[0].tool.driver.version).toBe(VERSION);
  });
});
