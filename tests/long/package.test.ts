// pressclip as its users get it, from a committed copy of this repository: the README's quick
// start in a fresh clone (`npm ci && npm run demo`: npm ci builds it), the tarball of `npm pack`
// (built on prepack, only the compiled code, no install script) installed into another project
// and run with npx, and an install from a git URL (npm builds it through `prepare`).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixture, readFixture, ROOT } from '../helpers.js';
import { checkoutCopy, npmEnv } from './checkout.js';

const VERSION = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version as string;
const PAGE = fixture('tencent/real', 'raw_rain_20201130A0G1JJ00.html');
const POST = readFixture('tencent/expected', 'raw_rain_20201130A0G1JJ00.md');
/** The scripts npm would run in a user's install: a package must have none of them. */
const INSTALL_SCRIPTS = ['preinstall', 'install', 'postinstall', 'prepare'];

function run(command: string, args: string[], cwd: string): { code: number | null; stdout: string; stderr: string } {
  const ran = spawnSync(command, args, { cwd, env: { ...npmEnv(), NO_COLOR: '1' }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { code: ran.status, stdout: ran.stdout, stderr: ran.stderr };
}

/** An empty project that installs `spec` as a user would. */
function install(spec: string, scripts = false): string {
  const project = mkdtempSync(path.join(tmpdir(), 'pressclip-user-'));
  writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'pressclip-user', private: true }));
  const ran = run('npm', ['install', spec], project);
  expect(ran.stderr).not.toMatch(/npm (error|ERR)/);
  // npm 11 names every package with an install script; only a git install has one (it builds there).
  if (!scripts) expect(ran.stderr).not.toMatch(/install-scripts/);
  expect(ran.code).toBe(0);
  return project;
}

/** `npx pressclip` in an installed project: --version and the import of a saved page. */
function expectWorks(project: string): void {
  const version = run('npx', ['--no-install', 'pressclip', '--version'], project);
  expect(version).toMatchObject({ code: 0, stdout: `${VERSION}\n` });
  const imported = run('npx', ['--no-install', 'pressclip', 'import', PAGE, '--stdout'], project);
  expect(imported).toEqual({ code: 0, stdout: POST, stderr: '' });
}

describe('the package', () => {
  let clone: string;
  beforeAll(() => {
    clone = checkoutCopy();
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=pressclip tests', '-c', 'user.email=tests@pressclip.invalid', ...args], { cwd: clone, stdio: 'pipe' });
    git('init', '--quiet', '--initial-branch', 'main');
    git('add', '--all');
    git('commit', '--quiet', '--message', 'the working tree under test');
  });

  it("follows the README's quick start in a fresh clone: npm ci builds it, npm run demo imports", () => {
    const installed = run('npm', ['ci'], clone);
    expect(installed.code).toBe(0);
    expect(existsSync(path.join(clone, 'dist/bundle/cli.js'))).toBe(true);
    const demo = run('npm', ['run', 'demo'], clone);
    expect(demo.code).toBe(0);
    expect(demo.stdout).toContain('content/zh-CN/news/qq/20201130A0G1JJ.zh-CN.md\n');
    expect(demo.stdout).toContain(POST.split('\n').slice(0, 20).join('\n'));
    expect(run('npx', ['--no-install', 'pressclip', '--version'], clone)).toMatchObject({ code: 0, stdout: `${VERSION}\n` });
  });

  let tarball: string;
  it('packs the compiled code only, built on prepack, with no install script', () => {
    const out = mkdtempSync(path.join(tmpdir(), 'pressclip-pack-'));
    const packed = run('npm', ['pack', '--json', '--pack-destination', out], clone);
    expect(packed.code).toBe(0);
    expect(packed.stderr).toMatch(/> pressclip@[\d.]+ prepack\n/);
    const [info] = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('['))) as { filename: string; files: { path: string }[] }[];
    tarball = path.join(out, info.filename);
    const files = info.files.map((f) => f.path);
    expect(files).toContain('bin/pressclip.cjs');
    expect(files).toContain('dist/bundle/cli.js');
    expect(files).toContain('dist/bundle/cli.js.map');
    expect(files).toEqual(expect.arrayContaining(['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md']));
    expect(files.filter((f) => !/^(package\.json|README\.md|LICENSE|CHANGELOG\.md|bin\/pressclip\.cjs|dist\/bundle\/[\w-]+\.c?js(?:\.map)?|schema\/[\w.-]+\.json)$/.test(f))).toEqual([]);
    const manifest = JSON.parse(execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' }));
    expect(Object.keys(manifest.scripts ?? {}).filter((s) => INSTALL_SCRIPTS.includes(s))).toEqual([]);
    // The clone's own package.json is back as it was (postpack), prepare included.
    expect(readFileSync(path.join(clone, 'package.json'), 'utf8')).toBe(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  });

  it('installs from the tarball and runs with npx, nothing built on install', () => {
    const project = install(tarball);
    expect(existsSync(path.join(project, 'node_modules/pressclip/dist/bundle/cli.js'))).toBe(true);
    expect(existsSync(path.join(project, 'node_modules/typescript'))).toBe(false);
    expectWorks(project);
  });

  it('installs from a git URL: npm installs its dev dependencies and builds it through prepare', () => {
    const project = install(`git+${pathToFileURL(clone).href}`, true);
    expect(existsSync(path.join(project, 'node_modules/pressclip/dist/bundle/cli.js'))).toBe(true);
    expectWorks(project);
  });
});
