// One renderer per output format, and the exit code as a pure function.
import { randomBytes } from 'node:crypto';
import { forTerminal, githubData, githubProperty } from '../cli/escape.js';
import { red, yellow } from '../cli/style.js';
import { VERSION } from '../version.js';
import { RULES, type Diagnostic } from './rules.js';

export interface FileResult {
  /** As shown: relative to the current folder. */
  file: string;
  diagnostics: Diagnostic[];
  fixed?: boolean;
}

export interface Report {
  results: FileResult[];
  filesChecked: number;
  filesFixed: number;
}

const count = (report: Report, severity: Diagnostic['severity']) => report.results.reduce((n, r) => n + r.diagnostics.filter((d) => d.severity === severity).length, 0);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const sorted = (ds: Diagnostic[]) => [...ds].sort((a, b) => a.line - b.line || a.col - b.col || a.rule.localeCompare(b.rule));

function summaryLine(report: Report): string {
  const errors = count(report, 'error');
  const warnings = count(report, 'warning');
  const withProblems = report.results.filter((r) => r.diagnostics.length).length;
  const fixed = report.filesFixed ? `, ${plural(report.filesFixed, 'file')} fixed` : '';
  if (!errors && !warnings) return `${plural(report.filesChecked, 'file')} checked: no problems${fixed}`;
  return `${plural(errors + warnings, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')}) in ${withProblems} of ${plural(report.filesChecked, 'file')}${fixed}`;
}

/**
 * `path:line:col severity message rule-id`, grouped by file, then a summary. File names
 * and messages (which quote the posts' values) are escaped: no control reaches the terminal.
 */
export function renderStylish(report: Report): string {
  const blocks = report.results
    .filter((r) => r.diagnostics.length)
    .map((r) =>
      sorted(r.diagnostics)
        .map((d) => `${forTerminal(r.file)}:${d.line}:${d.col} ${d.severity === 'error' ? red('error') : yellow('warning')} ${forTerminal(d.message)} ${d.rule}`)
        .join('\n'),
    );
  return [...blocks, summaryLine(report)].join('\n\n') + '\n';
}

/** One object per file with problems, ESLint-like, plus the totals. */
export function renderJson(report: Report): string {
  return (
    JSON.stringify({
      files: report.results
        .filter((r) => r.diagnostics.length)
        .map((r) => ({
          file: r.file,
          errorCount: r.diagnostics.filter((d) => d.severity === 'error').length,
          warningCount: r.diagnostics.filter((d) => d.severity === 'warning').length,
          messages: sorted(r.diagnostics).map((d) => ({ ruleId: d.rule, severity: d.severity, message: d.message, line: d.line, column: d.col })),
        })),
      filesChecked: report.filesChecked,
      filesFixed: report.filesFixed,
      errorCount: count(report, 'error'),
      warningCount: count(report, 'warning'),
    }) + '\n'
  );
}

/**
 * Annotations (GitHub shows 10 of each kind per step), then the full stylish report for
 * the log. Every line we print is a workflow command of ours: values are escaped by
 * GitHub's rules, and the report, whose lines begin with file names, sits between
 * `::stop-commands::<token>` and `::<token>::` - GitHub's own way to print text in which
 * nothing may be taken for a command - inside a group titled with the summary.
 */
export function renderGithub(report: Report): string {
  const annotations = report.results.flatMap((r) =>
    sorted(r.diagnostics).map(
      (d) => `::${d.severity} file=${githubProperty(r.file)},line=${d.line},col=${d.col},title=${githubProperty(d.rule)}::${githubData(d.message)}\n`,
    ),
  );
  const stylish = renderStylish(report);
  let token = randomBytes(16).toString('hex');
  while (stylish.includes(token)) token = randomBytes(16).toString('hex');
  return `${annotations.join('')}::group::${githubData(summaryLine(report))}\n::stop-commands::${token}\n${stylish}::${token}::\n::endgroup::\n`;
}

/** SARIF 2.1.0, for GitHub code scanning and other SARIF readers. */
export function renderSarif(report: Report): string {
  const ruleIds = Object.keys(RULES) as (keyof typeof RULES)[];
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'pressclip',
            version: VERSION,
            informationUri: 'https://www.npmjs.com/package/pressclip',
            rules: ruleIds.map((id) => ({ id, shortDescription: { text: RULES[id][1] }, defaultConfiguration: { level: RULES[id][0] } })),
          },
        },
        results: report.results.flatMap((r) =>
          sorted(r.diagnostics).map((d) => ({
            ruleId: d.rule,
            ruleIndex: ruleIds.indexOf(d.rule as keyof typeof RULES),
            level: d.severity,
            message: { text: d.message },
            locations: [{ physicalLocation: { artifactLocation: { uri: r.file.split('\\').join('/') }, region: { startLine: d.line, startColumn: d.col } } }],
          })),
        ),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}

export const FORMATS = { stylish: renderStylish, json: renderJson, github: renderGithub, sarif: renderSarif } as const;
export type Format = keyof typeof FORMATS;

/** 0 clean; 1 errors, or more warnings than allowed (a negative limit allows any). */
export function validateExitCode(report: Report, maxWarnings: number): 0 | 1 {
  if (count(report, 'error') > 0) return 1;
  return maxWarnings >= 0 && count(report, 'warning') > maxWarnings ? 1 : 0;
}
