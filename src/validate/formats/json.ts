// ESLint's JSON shape, so that what reads ESLint's reports reads ours (SonarQube's
// external-issue import, annotation actions, reviewdog, jq recipes written for ESLint): an
// array with one result per file checked, clean ones included, each with its absolute
// `filePath`, its `messages` (severity 2 for an error, 1 for a warning, 1-based line and
// column) and its counts. pressclip does not say which problems --fix would repair, so
// ESLint's fixable and fatal counts are left out rather than filled with guesses.
import { sorted, type Report } from '../report.js';

export function renderJson(report: Report): string {
  const results = report.results.map((r) => ({
    filePath: r.path,
    messages: sorted(r.diagnostics).map((d) => ({ ruleId: d.rule, severity: d.severity === 'error' ? 2 : 1, message: d.message, line: d.line, column: d.col })),
    errorCount: r.diagnostics.filter((d) => d.severity === 'error').length,
    warningCount: r.diagnostics.filter((d) => d.severity === 'warning').length,
  }));
  return JSON.stringify(results) + '\n';
}
