// validate's threads (src/validate/pool.ts): whatever threads check the files, and whichever
// thread writes a repair, the report and the repaired tree are those of one thread. Long: a
// tree of thousands of posts is needed for a worker to start at all.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildTree } from '../../bench/tree.js';
import { pressclip } from '../cli.js';
import { fixture } from '../helpers.js';

describe('validate on more than one thread', () => {
  // 256 files make a chunk; a worker starts when the first chunk shows enough work left, which
  // on 4,000 posts of the sample (a third with body defects) it does on this machine.
  it('--jobs 2 reports, and fixes, exactly what one thread does', async () => {
    const base = mkdtempSync(path.join(tmpdir(), 'pressclip-validate-threads-'));
    const one = buildTree(path.join(base, 'one'), fixture('archive-sample'), 4000);
    const two = buildTree(path.join(base, 'two'), fixture('archive-sample'), 4000);
    const [a, b] = await Promise.all([pressclip(['validate', '--jobs', '1'], { cwd: one }), pressclip(['validate', '--jobs', '2'], { cwd: two })]);
    expect(a.code).toBe(1);
    expect(a.stdout).toMatch(/body-star-run/);
    expect(b).toEqual(a);
    const [fixedOne, fixedTwo] = await Promise.all([pressclip(['validate', '--fix', '--jobs', '1'], { cwd: one }), pressclip(['validate', '--fix', '--jobs', '2'], { cwd: two })]);
    expect(fixedTwo.stdout).toBe(fixedOne.stdout);
    expect(treeText(two)).toEqual(treeText(one));
  });
});

/** Every file of a tree, by its path in the tree. */
function treeText(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, e.name);
      if (e.isDirectory()) walk(file);
      else out[path.relative(root, file)] = readFileSync(file, 'utf8');
    }
  };
  walk(root);
  return out;
}
