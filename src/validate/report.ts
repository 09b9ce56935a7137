// What validate found, the counts every format prints, and the exit code as a pure
// function. The renderers, one per format, are in formats/.
import type { Diagnostic } from './rules.js';

export interface FileResult {
  /** As shown: relative to the current folder. */
  file: string;
  /** Absolute. */
  path: string;
  diagnostics: Diagnostic[];
}

export interface Report {
  results: FileResult[];
  filesChecked: number;
  filesFixed: number;
  /** The ids of the rules that ran (without the body rules under --no-body). */
  rules: readonly string[];
}

/** What a renderer needs besides the report. */
export interface RenderOptions {
  /** Colour the human formats (src/cli/style.ts decides, for stdout). */
  color: boolean;
  /** --max-warnings: whether warnings fail the run (a negative limit allows any). */
  maxWarnings: number;
}

export function count(report: Report, severity: Diagnostic['severity']): number {
  let n = 0;
  for (const result of report.results) for (const d of result.diagnostics) if (d.severity === severity) n++;
  return n;
}
export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
/** A file's problems in reading order. */
export const sorted = (ds: readonly Diagnostic[]) => [...ds].sort((a, b) => a.line - b.line || a.col - b.col || a.rule.localeCompare(b.rule));
/** Every problem, file by file, in reading order. */
export const allProblems = (report: Report) => report.results.flatMap((r) => sorted(r.diagnostics).map((d) => ({ ...d, file: r.file })));

/** `3 problems (2 errors, 1 warning) in 2 of 3 files`, or `3 files checked: no problems`; and the files fixed. */
export function summaryLine(report: Report): string {
  const errors = count(report, 'error');
  const warnings = count(report, 'warning');
  const withProblems = report.results.filter((r) => r.diagnostics.length).length;
  const fixed = report.filesFixed ? `, ${plural(report.filesFixed, 'file')} fixed` : '';
  if (!errors && !warnings) return `${plural(report.filesChecked, 'file')} checked: no problems${fixed}`;
  return `${plural(errors + warnings, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')}) in ${withProblems} of ${plural(report.filesChecked, 'file')}${fixed}`;
}

/** Whether the warnings alone fail the run. */
export const warningsFail = (report: Report, maxWarnings: number) => maxWarnings >= 0 && count(report, 'warning') > maxWarnings;

/** 0 clean; 1 errors, or more warnings than allowed (a negative limit allows any). */
export function validateExitCode(report: Report, maxWarnings: number): 0 | 1 {
  return count(report, 'error') > 0 || warningsFail(report, maxWarnings) ? 1 : 0;
}
