// GitHub Actions: annotations (GitHub shows 10 of each kind per step), then the full
// stylish report for the log. Every line printed is a workflow command of ours: values are
// escaped by GitHub's rules, and the report, whose lines begin with file names, sits between
// `::stop-commands::<token>` and `::<token>::` - GitHub's own way to print text in which
// nothing may be taken for a command - inside a group titled with the summary.
import { randomBytes } from 'node:crypto';
import { githubData, githubProperty } from '../../cli/escape.js';
import { allProblems, summaryLine, type RenderOptions, type Report } from '../report.js';
import { renderStylish } from './stylish.js';

export function renderGithub(report: Report, options: RenderOptions): string {
  const annotations = allProblems(report).map(
    (d) => `::${d.severity} file=${githubProperty(d.file)},line=${d.line},col=${d.col},title=${githubProperty(d.rule)}::${githubData(d.message)}\n`,
  );
  const stylish = renderStylish(report, options);
  let token = randomBytes(16).toString('hex');
  while (stylish.includes(token)) token = randomBytes(16).toString('hex');
  return `${annotations.join('')}::group::${githubData(summaryLine(report))}\n::stop-commands::${token}\n${stylish}::${token}::\n::endgroup::\n`;
}
