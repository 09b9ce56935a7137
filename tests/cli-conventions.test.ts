// Conventions of the command line (issue 12, item 5) that are not about a terminal or
// validate's output: `import -` and `batch --shard auto`. See also tests/terminal.test.ts,
// tests/validate-formats.test.ts and tests/validate-cli.test.ts.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pressclip } from './cli.js';
import { fixture } from './helpers.js';

const temp = () => mkdtempSync(path.join(tmpdir(), 'pressclip-conv-'));

describe('import - : one page on standard input', () => {
  const TENCENT = fixture('tencent/real/gne_qq_20190907A081B0.html');
  /** A saved page that names no URL of its own (no canonical link, no og:url) and has no site adapter. */
  const GUANCHA = fixture('pages/other/gne_guancha_2.html');

  it('is read as a saved page: the page names its article, and the post is the one the file gives', async () => {
    const viaFile = temp();
    const viaStdin = temp();
    const fromFile = await pressclip(['import', TENCENT, '--root', viaFile]);
    const fromStdin = await pressclip(['import', '-', '--root', viaStdin], { stdin: readFileSync(TENCENT) });
    const post = 'content/zh-CN/news/qq/20190907A081B0.zh-CN.md';
    expect(fromStdin).toEqual({ code: 0, stdout: `${path.relative(process.cwd(), viaStdin)}/${post}\n`, stderr: '' });
    expect(fromFile.code).toBe(0);
    expect(readFileSync(path.join(viaStdin, post), 'utf8')).toBe(readFileSync(path.join(viaFile, post), 'utf8'));
    const again = await pressclip(['import', '-', '--root', viaStdin], { stdin: readFileSync(TENCENT) });
    expect(again.stderr).toBe(`skipped <stdin>: already in the archive as ${path.relative(process.cwd(), viaStdin)}/${post} (--force to overwrite)\n`);
  });

  it('--url names its original URL; without it, a page that names none is refused, saying so', async () => {
    const root = temp();
    const url = 'https://www.guancha.cn/politics/2020_04_17_547034.shtml';
    const html = readFileSync(GUANCHA);
    const named = await pressclip(['import', '-', '--url', url, '--register', '--stdout', '--root', root], { stdin: html });
    expect(named.code, named.stderr).toBe(0);
    expect(named.stdout.trimEnd().split('\n').at(-1)).toBe(`[guancha](${url})`);
    const unnamed = await pressclip(['import', '-', '--register', '--stdout', '--root', root], { stdin: html });
    expect(unnamed).toEqual({ code: 1, stdout: '', stderr: 'error <stdin>: a saved page of a site without an adapter needs --url <original-url> (the page names no canonical URL)\n' });
  });

  it('refuses a page over 10 MB, as over HTTP, and writes nothing', async () => {
    const root = temp();
    const run = await pressclip(['import', '-', '--root', root], { stdin: `<html><body><p>${'x'.repeat(10 * 1048576)}</p></body></html>` });
    expect(run).toEqual({ code: 1, stdout: '', stderr: 'error <stdin>: page larger than 10 MB (standard input holds more)\n' });
  });

  it('- twice, or --url with a URL input, is a usage error', async () => {
    expect(await pressclip(['import', '-', '-'])).toEqual({ code: 2, stdout: '', stderr: 'usage error: - (standard input) holds one page: give it once\n' });
    expect((await pressclip(['import', 'https://example.com/a', '--url', 'https://example.com/b'])).stderr).toBe('usage error: --url goes with exactly one saved HTML file, or -\n');
  });
});

describe('batch --shard auto', () => {
  const CI_VARS = { CI_NODE_INDEX: undefined, CI_NODE_TOTAL: undefined, JOB_COMPLETION_INDEX: undefined, PRESSCLIP_SHARDS: undefined };
  function list(): string {
    const dir = temp();
    mkdirSync(path.join(dir, 'site'));
    writeFileSync(path.join(dir, 'urls.txt'), Array.from({ length: 30 }, (_, i) => `https://news.example/story/${i}\n`).join(''));
    return dir;
  }
  const planned = async (dir: string, shard: string, env: NodeJS.ProcessEnv = {}) => {
    const run = await pressclip(['batch', 'urls.txt', '--root', 'site', '--dry-run', '--shard', shard], { cwd: dir, env: { ...CI_VARS, ...env } });
    expect(run.code, run.stderr).toBe(0);
    return { urls: run.stdout.split('\n').filter(Boolean), stderr: run.stderr };
  };

  it('takes the share GitLab parallel jobs (1-based) and Kubernetes indexed Jobs (0-based) name: the shares of i/n, together the whole list once', async () => {
    const dir = list();
    const all: string[] = [];
    for (const i of [1, 2, 3]) {
      const explicit = await planned(dir, `${i}/3`);
      const gitlab = await planned(dir, 'auto', { CI_NODE_INDEX: String(i), CI_NODE_TOTAL: '3' });
      const kubernetes = await planned(dir, 'auto', { JOB_COMPLETION_INDEX: String(i - 1), PRESSCLIP_SHARDS: '3' });
      expect(gitlab.urls).toEqual(explicit.urls);
      expect(kubernetes.urls).toEqual(explicit.urls);
      expect(gitlab.stderr).toMatch(new RegExp(`^shard ${i}/3, from GitLab \\(CI_NODE_INDEX="${i}", CI_NODE_TOTAL="3"\\)\\n`));
      expect(kubernetes.stderr).toMatch(new RegExp(`^shard ${i}/3, from a Kubernetes indexed Job \\(JOB_COMPLETION_INDEX="${i - 1}", PRESSCLIP_SHARDS="3"\\)\\n`));
      all.push(...explicit.urls);
    }
    expect(all.sort()).toEqual(Array.from({ length: 30 }, (_, i) => `would fetch https://news.example/story/${i}`).sort());
    // A GitLab job without parallel: has CI_NODE_TOTAL=1 and no index: the whole list.
    expect((await planned(dir, 'auto', { CI_NODE_TOTAL: '1' })).urls).toHaveLength(30);
  });

  it.each([
    ['no CI', {}, 'no CI names a share here: GitLab sets CI_NODE_INDEX and CI_NODE_TOTAL (parallel:), a Kubernetes indexed Job JOB_COMPLETION_INDEX (with PRESSCLIP_SHARDS set to its completions); on GitHub Actions give --shard ${{ matrix.shard }}/${{ strategy.job-total }}'],
    ['an index past the count', { CI_NODE_INDEX: '4', CI_NODE_TOTAL: '3' }, 'GitLab\'s CI_NODE_INDEX (1 to CI_NODE_TOTAL) and CI_NODE_TOTAL make no share (CI_NODE_INDEX="4", CI_NODE_TOTAL="3")'],
    ['a Kubernetes index without the count', { JOB_COMPLETION_INDEX: '0' }, "JOB_COMPLETION_INDEX is set (a Kubernetes indexed Job), but not PRESSCLIP_SHARDS: set it to the Job's completions in its pod template"],
    ['a count that is no number', { JOB_COMPLETION_INDEX: '0', PRESSCLIP_SHARDS: 'three' }, 'Kubernetes\' JOB_COMPLETION_INDEX (0 to PRESSCLIP_SHARDS - 1) and PRESSCLIP_SHARDS make no share (JOB_COMPLETION_INDEX="0", PRESSCLIP_SHARDS="three")'],
  ])('%s is a usage error that says what to set', async (_, env, message) => {
    const run = await pressclip(['batch', 'urls.txt', '--root', 'site', '--dry-run', '--shard', 'auto'], { cwd: list(), env: { ...CI_VARS, ...env } });
    expect(run).toEqual({ code: 2, stdout: '', stderr: `usage error: --shard auto: ${message}\n` });
  });
});
