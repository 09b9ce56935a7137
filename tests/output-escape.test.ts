// Output that cannot be turned against the reader (issue 10, item 15): values from posts,
// pages, lists and file names reach the terminal with their controls shown as escapes,
// and in GitHub's format no line of theirs can pass for a workflow command.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pressclip } from './cli.js';
import { readFixture } from './helpers.js';

const SEED = readFixture('archive-sample', '20250209A06L0J.zh-CN.md');
const QQ = 'content/zh-CN/news/qq';
const ESC = '\u001b';
/** A raw control anywhere but in the line breaks: a terminal would obey it. */
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

/** A post whose category (YAML escapes: \e is ESC) forges a line of its own, in a file whose name holds ESC. */
function hostileSite(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'pressclip-escape-'));
  mkdirSync(path.join(root, QQ), { recursive: true });
  const forged = 'qq\\e[2J\\e]0;owned\\a\\n::error file=forged.md,line=1::forged';
  writeFileSync(path.join(root, QQ, `20250209A06L0J${ESC}[31m.zh-CN.md`), SEED.replace('categories:\n  - "qq"', `categories:\n  - "${forged}"`));
  return root;
}

describe('validate', () => {
  it('stylish: controls in file names and values are shown, never sent', async () => {
    const run = await pressclip(['validate'], { cwd: hostileSite() });
    expect(run.code).toBe(1);
    expect(run.stdout).not.toMatch(RAW_CONTROL);
    expect(run.stdout).toContain(`\n${QQ}/20250209A06L0J\\x1b[31m.zh-CN.md\n`);
    expect(run.stdout).toContain('"qq\\x1b[2J\\x1b]0;owned\\x07\\n::error file=forged.md,line=1::forged"');
    expect(run.stdout.split('\n').filter((l) => l.startsWith('::'))).toEqual([]);
  });

  it('github: every line is a command of ours, or inside stop-commands', async () => {
    const run = await pressclip(['validate', '--format', 'github'], { cwd: hostileSite() });
    expect(run.code).toBe(1);
    expect(run.stdout).not.toMatch(RAW_CONTROL);
    const lines = run.stdout.replace(/\n$/, '').split('\n');
    const token = /^::stop-commands::(\w+)$/.exec(lines.find((l) => l.startsWith('::stop-commands::'))!)![1];
    let stopped = false;
    for (const line of lines) {
      if (stopped) stopped = line !== `::${token}::`;
      else {
        expect(line).toMatch(/^::(error|warning|group|endgroup|stop-commands)\b/);
        expect(line).not.toMatch(/^::error file=forged/);
        stopped = line.startsWith('::stop-commands::');
      }
    }
    expect(stopped).toBe(false);
  });
});

describe('inspect, import and batch', () => {
  it('inspect shows a page title and body holding ESC, BEL and a newline as escapes', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pressclip-escape-'));
    const page = path.join(dir, 'page.html');
    const hostile = `Title ${ESC}]0;owned\u0007 ${ESC}[2J\u009b31m end`;
    const body = Array.from({ length: 6 }, (_, i) => `<p>Paragraph ${i} of a long enough article, ${ESC}[31mred${ESC}[0m and more words to count here.</p>`).join('');
    writeFileSync(page, `<!doctype html><html lang="en"><head><title>${hostile}</title><meta property="og:title" content="${hostile}"></head><body><article><h1>${hostile}</h1>${body}</article></body></html>`);
    const run = await pressclip(['inspect', page, '--url', 'https://news.example.com/a/1']);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toMatch(RAW_CONTROL);
    expect(run.stdout).toContain('\\x1b[31mred\\x1b[0m');
  });

  it('import names a hostile input with its controls shown', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pressclip-escape-'));
    const page = path.join(dir, `page${ESC}[31m\nerror forged.html`);
    writeFileSync(page, '<html><body></body></html>');
    const run = await pressclip(['import', page, '--url', 'https://news.example.com/a/1', '--root', dir]);
    expect(run.code).toBe(1);
    expect(run.stderr).not.toMatch(RAW_CONTROL);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('page\\x1b[31m\\nerror forged.html: ');
    const missing = await pressclip(['import', `nothing${ESC}[2J`]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('usage error: nothing\\x1b[2J: no such file, and not an http(s) URL\n');
  });

  it('batch echoes a hostile list line with its controls shown', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'pressclip-escape-'));
    const list = path.join(root, 'list.txt');
    writeFileSync(list, `${ESC}]0;owned\u0007not a url ${ESC}[2J\u009b31m\n`);
    const run = await pressclip(['batch', list, '--root', root]);
    expect(run.code).toBe(1);
    expect(run.stderr).not.toMatch(RAW_CONTROL);
    expect(run.stderr).toContain(`failed ${list}:1: not an http(s) URL or a file: \\x1b]0;owned\\x07not a url \\x1b[2J\\x9b31m\n`);
  });
});
