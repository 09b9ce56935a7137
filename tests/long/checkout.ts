// A copy of the repository as a user gets it - the files git has, without node_modules/ or
// dist/ - for the tests that install pressclip from its own sources (a GitHub Action's
// checkout, npm pack, a git URL). Files not committed yet are included, ignored ones are not.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT } from '../helpers.js';

export function checkoutCopy(): string {
  const copy = mkdtempSync(path.join(tmpdir(), 'pressclip-checkout-'));
  const listed = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: ROOT, encoding: 'utf8' });
  for (const file of listed.split('\0').filter(Boolean)) {
    if (existsSync(path.join(ROOT, file))) cpSync(path.join(ROOT, file), path.join(copy, file));
  }
  return copy;
}

/**
 * The environment for npm in another project: none of the variables that `npm test` sets for
 * this one (its prefix, its package), and packages from the local cache where it has them
 * (CI has just run npm ci).
 */
export function npmEnv(): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(npm_|INIT_CWD$)/i.test(key)));
  return { ...env, npm_config_prefer_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };
}
