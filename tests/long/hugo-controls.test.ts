// A control character in a front-matter value fails the whole Hugo build (issue 10, item
// 13): shown with Hugo itself, caught by validate's control-character rule, and repaired
// by --fix into a post Hugo builds, with the title the renderer would have written.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { escapeValue } from '../../src/post/schema.js';
import { pressclip } from '../cli.js';
import { readFixture } from '../helpers.js';

const HAVE_HUGO = spawnSync('hugo', ['version']).status === 0;
if (!HAVE_HUGO && process.env.CI) throw new Error('Hugo is not installed: .ci/run installs it with apt-get install -y hugo');

const SEED = readFixture('archive-sample', '20250209A06L0J.zh-CN.md');
const TITLE = SEED.match(/^title: "(.*)"$/m)![1];
const POST = 'content/zh-CN/news/qq/20250209A06L0J.zh-CN.md';

/** A one-language site whose home page is the JSON list of its pages' titles. */
function site(post: string): string {
  const root = mkdtempSync(path.join(tmpdir(), 'pressclip-hugo-controls-'));
  writeFileSync(path.join(root, 'config.toml'), 'baseURL = "https://archive.example/"\ntimeZone = "Asia/Shanghai"\ncontentDir = "content/zh-CN"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]\n');
  mkdirSync(path.join(root, 'layouts/_default'), { recursive: true });
  writeFileSync(path.join(root, 'layouts/index.html'), '{{ range .Site.RegularPages }}{{ .Title | jsonify }}\n{{ end }}');
  writeFileSync(path.join(root, 'layouts/_default/single.html'), '{{ .Title }}\n');
  writeFileSync(path.join(root, 'layouts/_default/list.html'), '\n');
  mkdirSync(path.dirname(path.join(root, POST)), { recursive: true });
  writeFileSync(path.join(root, POST), post);
  return root;
}

const hugo = (root: string) => spawnSync('hugo', ['--source', root, '--destination', path.join(root, 'public')], { encoding: 'utf8' });

describe.skipIf(!HAVE_HUGO)('control characters in the front matter, against Hugo', () => {
  // C0, ESC, DEL, a C1 control and a noncharacter: each one alone fails the build.
  const hostile = `\u0001${TITLE}\u001b[31m\u007f\u0080\ufffe`;
  const root = site(SEED.replace(`title: "${TITLE}"`, `title: "${hostile}"`));

  it('Hugo refuses the post, and with it the whole site', () => {
    const built = hugo(root);
    expect(built.status).not.toBe(0);
    expect(built.stdout + built.stderr).toContain('control characters are not allowed');
  });

  it('validate says so, at the title', async () => {
    const run = await pressclip(['validate'], { cwd: root });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(`\n${POST}\n  2:9  error  title holds the control character U+0001: Hugo refuses the whole build ("control characters are not allowed"); --fix removes it  control-character\n\n✖ 1 problem (1 error, 0 warnings) in 1 of 1 file\n`);
  });

  it('--fix removes them as the renderer does, and Hugo builds the post with that title', async () => {
    const fixed = await pressclip(['validate', '--fix'], { cwd: root });
    expect(fixed.stdout).toBe('1 file checked: no problems, 1 file fixed\n');
    expect(readFileSync(path.join(root, POST), 'utf8')).toBe(SEED.replace(`title: "${TITLE}"`, `title: "${escapeValue(hostile)}"`));
    const built = hugo(root);
    expect(built.status, built.stdout + built.stderr).toBe(0);
    expect(readFileSync(path.join(root, 'public/index.html'), 'utf8').trim()).toBe(JSON.stringify(`${TITLE}[31m`));
  });
});
