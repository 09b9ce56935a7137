// `pressclip validate [paths or globs]...`: every post's front matter against the schema,
// links across files, and --fix for the mechanical repairs. Large trees are shared with
// worker threads where that pays (validate/pool.ts).
import path from 'node:path';
import { findConfig } from '../config.js';
import { Registry } from '../sources.js';
import { checkFiles } from '../validate/pool.js';
import { findPosts } from '../validate/files.js';
import type { FileResult, Report } from '../validate/report.js';
import { BODY_RULES } from '../validate/body-rules.js';
import { diagnostic, RULES, siteNow } from '../validate/rules.js';

export interface ValidateOptions {
  fix: boolean;
  config?: string;
  /** The body rules too (default), or the front matter alone. */
  body?: boolean;
  /** Threads at most, the main one included (default: one per core but one). */
  jobs?: number;
}

export async function validatePosts(args: readonly string[], options: ValidateOptions): Promise<Report> {
  // The site's config: from the first folder checked upwards (its site root), else from here.
  const first = args.find((a) => !/[*?[{!]/.test(a)) ?? 'content';
  const configFile = options.config ?? findConfig(path.resolve(first)) ?? findConfig(process.cwd());
  const allowed = Registry.load(configFile);
  // The config's ignores are relative to its folder, as ESLint's are.
  const ignores = allowed.config.ignores && configFile ? { patterns: allowed.config.ignores, base: path.dirname(path.resolve(configFile)) } : undefined;
  const files = findPosts(args, ignores);
  const now = siteNow();
  const body = options.body ?? true;
  const outcomes = await checkFiles(files, allowed, { configFile, now, fix: options.fix, body }, options.jobs);
  const links = new Map<string, string>();
  const results: FileResult[] = [];
  let filesFixed = 0;
  files.forEach(({ file }, i) => {
    const outcome = outcomes[i];
    const shown = path.relative(process.cwd(), file) || file;
    if (outcome.fixed) filesFixed++;
    if (outcome.link) {
      const first = links.get(outcome.link.key);
      if (first) outcome.diagnostics.push(diagnostic('duplicate-link', `the same article as ${first} (${outcome.link.url})`, outcome.link.line, 1));
      else links.set(outcome.link.key, shown);
    }
    results.push({ file: shown, path: file, diagnostics: outcome.diagnostics });
  });
  const rules = Object.keys(RULES).filter((rule) => body || !(rule in BODY_RULES));
  return { results, filesChecked: files.length, filesFixed, rules };
}
