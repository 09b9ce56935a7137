// `pressclip validate` as CI runs it: exit codes, which files it reads (globs, negations,
// ignores), --fix. The formats are checked whole in tests/validate-formats.test.ts.
import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pressclip } from './cli.js';
import { readFixture } from './helpers.js';
import { renderGithub } from '../src/validate/formats/github.js';

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

describe('github escaping', () => {
  it('escapes data and properties as workflow commands require', () => {
    const report = { results: [{ file: 'a,b:c%.md', path: '/a,b:c%.md', diagnostics: [{ rule: 'date-format', severity: 'error' as const, message: '50%\r\nx', line: 1, col: 2 }] }], filesChecked: 1, filesFixed: 0, rules: ['date-format'] };
    const out = renderGithub(report, { color: false, maxWarnings: -1 });
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

describe('which files validate reads: globs, negations and the config ignores', () => {
  /** Posts in three folders, a draft, and a file whose name reads as a glob. */
  function threeFolders(): string {
    const root = smallTree();
    for (const folder of ['sina', 'ifeng']) {
      mkdirSync(path.join(root, 'content/zh-CN/news', folder));
      writeFileSync(path.join(root, 'content/zh-CN/news', folder, 'a.zh-CN.md'), SEED);
    }
    writeFileSync(path.join(root, 'content/zh-CN/news/ifeng/b.draft.md'), SEED);
    writeFileSync(path.join(root, 'content/zh-CN/news/ifeng/file(1).md'), SEED);
    return root;
  }
  /** The files checked, from the json format (ESLint's: every file checked, absolute). */
  const checked = async (root: string, args: string[], cwd = root) => {
    const run = await pressclip(['validate', '--format', 'json', ...args], { cwd });
    expect(run.stderr).toBe('');
    return (JSON.parse(run.stdout) as { filePath: string }[]).map((r) => path.relative(root, r.filePath).replace(/^content\/zh-CN\/news\//, ''));
  };
  const QQ_POSTS = ['qq/20250209A06L0J.zh-CN.md', 'qq/20250209A06L0J00.zh-CN.md', 'qq/20250211A05FI7.zh-CN.md'];

  it('globs with braces', async () => {
    const root = threeFolders();
    expect(await checked(root, ['content/**/{qq,sina}/*.md'])).toEqual([...QQ_POSTS, 'sina/a.zh-CN.md']);
    expect(await checked(root, ['./content/*/news/{sina,ifeng}/a.*.md'])).toEqual(['ifeng/a.zh-CN.md', 'sina/a.zh-CN.md']);
  });

  it('a path that is there is read as named, even when it reads as a glob', async () => {
    expect(await checked(threeFolders(), ['content/zh-CN/news/ifeng/file(1).md'])).toEqual(['ifeng/file(1).md']);
  });

  it('! leaves out files and whole folders, alone (from content/) or after paths', async () => {
    const root = threeFolders();
    expect(await checked(root, ['content', '!content/zh-CN/news/qq', '!**/*.draft.md'])).toEqual(['ifeng/a.zh-CN.md', 'ifeng/file(1).md', 'sina/a.zh-CN.md']);
    expect(await checked(root, ['!content/zh-CN/news/{qq,ifeng}/'])).toEqual(['sina/a.zh-CN.md']);
    expect(await checked(root, ['content/**/*.md', '!**/qq/*00.zh-CN.md'])).toEqual([
      'ifeng/a.zh-CN.md',
      'ifeng/b.draft.md',
      'ifeng/file(1).md',
      'qq/20250209A06L0J.zh-CN.md',
      'qq/20250211A05FI7.zh-CN.md',
      'sina/a.zh-CN.md',
    ]);
  });

  it('ignores in pressclip.config.json, relative to its folder, from wherever validate runs', async () => {
    const root = threeFolders();
    writeFileSync(path.join(root, 'pressclip.config.json'), JSON.stringify({ ignores: ['content/zh-CN/news/qq', '**/*.draft.md', 'content/**/file?1?.md'] }));
    expect(await checked(root, [])).toEqual(['ifeng/a.zh-CN.md', 'sina/a.zh-CN.md']);
    expect(await checked(root, ['.'], path.join(root, 'content'))).toEqual(['ifeng/a.zh-CN.md', 'sina/a.zh-CN.md']);
    // Named files are left out too: a hook that passes every changed file keeps the site's ignores.
    expect(await checked(root, ['content/zh-CN/news/qq/20250209A06L0J.zh-CN.md', 'content/zh-CN/news/sina/a.zh-CN.md'])).toEqual(['sina/a.zh-CN.md']);
  });

  it('a misspelt ignores is a usage error naming the key meant', async () => {
    const root = threeFolders();
    writeFileSync(path.join(root, 'pressclip.config.json'), JSON.stringify({ ignore: ['x'] }));
    const run = await pressclip(['validate'], { cwd: root });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`usage error: ${path.join(root, 'pressclip.config.json')}: unknown key "ignore" (did you mean "ignores"?)\n`);
  });

  it('a glob that matches nothing is a usage error', async () => {
    const run = await pressclip(['validate', 'content/**/{nope,none}/*.md'], { cwd: threeFolders() });
    expect(run).toMatchObject({ code: 2, stderr: 'usage error: content/**/{nope,none}/*.md: no file matches\n' });
  });
});
