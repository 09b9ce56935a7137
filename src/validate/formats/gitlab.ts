// GitLab Code Quality (the Code Climate subset GitLab documents): a JSON array of
// { description, check_name, fingerprint, severity, location: { path, lines: { begin } } }.
// GitLab tells new problems from old ones across commits by the fingerprint, so it is made
// of what a problem is - file, rule, message and which of its kind it is - and not of its
// line, which an edit above it would shift.
import { createHash } from 'node:crypto';
import { allProblems, type Report } from '../report.js';

const SEVERITY = { error: 'major', warning: 'minor' } as const;

export function renderGitlab(report: Report): string {
  const seen = new Map<string, number>();
  const issues = allProblems(report).map((p) => {
    const what = JSON.stringify([p.file, p.rule, p.message]);
    const nth = seen.get(what) ?? 0;
    seen.set(what, nth + 1);
    return {
      description: p.message,
      check_name: p.rule,
      fingerprint: createHash('md5').update(`${what}#${nth}`).digest('hex'),
      severity: SEVERITY[p.severity],
      location: { path: p.file, lines: { begin: p.line } },
    };
  });
  return JSON.stringify(issues, null, 2) + '\n';
}
