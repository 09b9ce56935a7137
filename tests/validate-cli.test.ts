// `pressclip validate` as CI runs it: each output format checked whole on a small tree.
import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pressclip } from './cli.js';
import { readFixture } from './helpers.js';
import { renderGithub } from '../src/validate/report.js';

const SEED = readFixture('archive-sample', '20250209A06L0J.zh-CN.md');
const OTHER = readFixture('archive-sample', '20250211A05FI7.zh-CN.md');

/** A site with a clean post, a post with an error and a warning, and a copy of the first under another name. */
function smallTree(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'pressclip-validate-'));
  const qq = path.join(root, 'content/zh-CN/news/qq');
  mkdirSync(qq, { recursive: true });
  writeFileSync(path.join(qq, '20250209A06L0J.zh-CN.md'), SEED);
  writeFileSync(path.join(qq, '20250211A05FI7.zh-CN.md'), OTHER.replace('date: "2025-02-11', 'date: "2025-02-31').replace('sidebar: "right"', 'sidebar: right'));
  writeFileSync(path.join(qq, '20250209A06L0J00.zh-CN.md'), SEED);
  return root;
}

const A = 'content/zh-CN/news/qq/20250209A06L0J.zh-CN.md';
const B = 'content/zh-CN/news/qq/20250209A06L0J00.zh-CN.md';
const C = 'content/zh-CN/news/qq/20250211A05FI7.zh-CN.md';
const lastLine = SEED.split('\n').length - 1;

describe('validate output formats, whole', () => {
  it('stylish (the default)', async () => {
    const run = await pressclip(['validate'], { cwd: smallTree() });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(
      `${B}:${lastLine}:1 error the same article as ${A} (https://new.qq.com/rain/a/20250209A06L0J00) duplicate-link\n\n` +
        `${C}:3:7 error date "2025-02-31 ${OTHER.match(/date: "2025-02-11 (.*)"/)![1]}" is not a real date and time date-invalid\n` +
        `${C}:21:10 warning sidebar is not double-quoted string-quoting\n\n` +
        `3 problems (2 errors, 1 warning) in 2 of 3 files\n`,
    );
  });

  it('json', async () => {
    const run = await pressclip(['validate', '--format', 'json'], { cwd: smallTree() });
    expect(run.code).toBe(1);
    const time = OTHER.match(/date: "2025-02-11 (.*)"/)![1];
    expect(JSON.parse(run.stdout)).toEqual({
      files: [
        { file: B, errorCount: 1, warningCount: 0, messages: [{ ruleId: 'duplicate-link', severity: 'error', message: `the same article as ${A} (https://new.qq.com/rain/a/20250209A06L0J00)`, line: lastLine, column: 1 }] },
        {
          file: C,
          errorCount: 1,
          warningCount: 1,
          messages: [
            { ruleId: 'date-invalid', severity: 'error', message: `date "2025-02-31 ${time}" is not a real date and time`, line: 3, column: 7 },
            { ruleId: 'string-quoting', severity: 'warning', message: 'sidebar is not double-quoted', line: 21, column: 10 },
          ],
        },
      ],
      filesChecked: 3,
      filesFixed: 0,
      errorCount: 2,
      warningCount: 1,
    });
  });

  it('github: escaped annotations, then the full report where no command is read', async () => {
    const root = smallTree();
    const odd = path.join(root, 'content/zh-CN/news/qq/a,b:c.zh-CN.md');
    writeFileSync(odd, OTHER.replace(/date: ".*"/, 'date: "50%\\noff"'));
    const run = await pressclip(['validate', '--format', 'github', odd], { cwd: root });
    expect(run.code).toBe(1);
    const F = 'content/zh-CN/news/qq/a,b:c.zh-CN.md';
    const token = /^::stop-commands::([0-9a-f]{32})$/m.exec(run.stdout)![1];
    expect(run.stdout).toBe(
      '::error file=content/zh-CN/news/qq/a%2Cb%3Ac.zh-CN.md,line=1,col=1,title=path-shape::the id "a,b:c" holds a character the archive removes\n' +
        '::error file=content/zh-CN/news/qq/a%2Cb%3Ac.zh-CN.md,line=3,col=7,title=date-format::date "50%25\\noff" is not "YYYY-MM-DD HH:MM:SS"\n' +
        '::group::2 problems (2 errors, 0 warnings) in 1 of 1 file\n' +
        `::stop-commands::${token}\n` +
        `${F}:1:1 error the id "a,b:c" holds a character the archive removes path-shape\n` +
        `${F}:3:7 error date "50%\\noff" is not "YYYY-MM-DD HH:MM:SS" date-format\n\n` +
        '2 problems (2 errors, 0 warnings) in 1 of 1 file\n' +
        `::${token}::\n` +
        '::endgroup::\n',
    );
  });

  it('sarif', async () => {
    const run = await pressclip(['validate', '--format', 'sarif'], { cwd: smallTree() });
    const sarif = JSON.parse(run.stdout);
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].tool.driver.name).toBe('pressclip');
    expect(sarif.runs[0].tool.driver.rules.map((r: { id: string }) => r.id)).toContain('date-invalid');
    expect(sarif.runs[0].results).toEqual([
      {
        ruleId: 'duplicate-link',
        ruleIndex: sarif.runs[0].tool.driver.rules.findIndex((r: { id: string }) => r.id === 'duplicate-link'),
        level: 'error',
        message: { text: `the same article as ${A} (https://new.qq.com/rain/a/20250209A06L0J00)` },
        locations: [{ physicalLocation: { artifactLocation: { uri: B }, region: { startLine: lastLine, startColumn: 1 } } }],
      },
      expect.objectContaining({ ruleId: 'date-invalid', level: 'error' }),
      expect.objectContaining({ ruleId: 'string-quoting', level: 'warning', locations: [{ physicalLocation: { artifactLocation: { uri: C }, region: { startLine: 21, startColumn: 10 } } }] }),
    ]);
  });
});

describe('github escaping', () => {
  it('escapes data and properties as workflow commands require', () => {
    const out = renderGithub({ results: [{ file: 'a,b:c%.md', diagnostics: [{ rule: 'date-format', severity: 'error', message: '50%\r\nx', line: 1, col: 2 }] }], filesChecked: 1, filesFixed: 0 });
    expect(out.split('\n')[0]).toBe('::error file=a%2Cb%3Ac%25.md,line=1,col=2,title=date-format::50%25%0D%0Ax');
  });
});

describe('validate exit codes and files', () => {
  it('0 on a clean tree, with a summary', async () => {
    const root = smallTree();
    const run = await pressclip(['validate', 'content/zh-CN/news/qq/20250209A06L0J.zh-CN.md'], { cwd: root });
    expect(run).toEqual({ code: 0, stdout: '1 file checked: no problems\n', stderr: '' });
  });

  it('--max-warnings turns warnings into a failure', async () => {
    const root = smallTree();
    const file = 'content/zh-CN/news/qq/20250211A05FI7.zh-CN.md';
    writeFileSync(path.join(root, file), OTHER.replace('sidebar: "right"', 'sidebar: right'));
    expect((await pressclip(['validate', file], { cwd: root })).code).toBe(0);
    expect((await pressclip(['validate', file, '--max-warnings', '0'], { cwd: root })).code).toBe(1);
  });

  it('2 for a path that does not exist, and for a bad option', async () => {
    const missing = await pressclip(['validate', 'nowhere/'], { cwd: smallTree() });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nowhere\/: no such file or folder/);
    expect((await pressclip(['validate', '--format', 'xml'], { cwd: smallTree() })).code).toBe(2);
  });

  it('globs name posts', async () => {
    const run = await pressclip(['validate', 'content/**/20250209*.md'], { cwd: smallTree() });
    expect(run.stdout).toMatch(/in 1 of 2 files\n$/);
  });

  it('never touches a file without --fix; --fix repairs what is mechanical, once', async () => {
    const root = smallTree();
    const file = path.join(root, 'content/zh-CN/news/qq/20250211A05FI7.zh-CN.md');
    writeFileSync(file, OTHER.replace('sidebar: "right"', 'sidebar: right').replace(/\n$/, ''));
    const before = statSync(file).mtimeMs;
    await pressclip(['validate'], { cwd: root });
    expect(statSync(file).mtimeMs).toBe(before);
    const fixed = await pressclip(['validate', '--fix', file], { cwd: root });
    expect(fixed).toEqual({ code: 0, stdout: '1 file checked: no problems, 1 file fixed\n', stderr: '' });
    expect(readFileSync(file, 'utf8')).toBe(OTHER);
    const again = await pressclip(['validate', '--fix', file], { cwd: root });
    expect(again.stdout).toBe('1 file checked: no problems\n');
  });

  it('reads extra sources from pressclip.config.json found upwards', async () => {
    const root = smallTree();
    const mine = path.join(root, 'content/en/news/mysite');
    mkdirSync(mine, { recursive: true });
    const post = SEED.replace(/"qq"/g, '"mysite"').replace(/"zh-CN"/g, '"en"').replace('[qq](', '[mysite](').replace(/summary: ".*"/, 'summary: ""');
    writeFileSync(path.join(mine, 'x.en.md'), post);
    expect((await pressclip(['validate', 'content/en'], { cwd: root })).stdout).toMatch(/source-folder/);
    writeFileSync(path.join(root, 'pressclip.config.json'), JSON.stringify({ sources: [{ folder: 'mysite', langs: ['en'] }] }));
    const run = await pressclip(['validate', 'content/en'], { cwd: path.join(root, 'content') === '' ? root : root });
    expect(run).toEqual({ code: 0, stdout: '1 file checked: no problems\n', stderr: '' });
  });
});
