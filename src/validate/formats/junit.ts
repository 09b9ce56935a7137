// JUnit XML, one <testsuite> per rule. CI test views group by the test's classname: Jenkins
// splits it at its last dot into package and class, and GitLab shows it as the suite. Rule
// ids split well ("pressclip.date-invalid": package pressclip, class date-invalid), where
// file paths would not ("...20250211A05FI7.zh-CN" + "md"); each problem is a testcase named
// by its place (`file:line:col`, with GitLab's `file` attribute linking the file), so a
// failure reads "date-invalid: content/.../x.md:3:7". A rule that found nothing is one
// passing testcase, so the report lists every check that ran. A failure is what fails the
// run: errors, and warnings once --max-warnings is exceeded; other warnings are passing
// testcases whose <system-out> holds them.
import { allProblems, plural, warningsFail, type RenderOptions, type Report } from '../report.js';

/** Text and attribute values: XML's five entities, and characters XML 1.0 cannot hold (controls, lone surrogates, U+FFFE/U+FFFF) as \u escapes. */
const xml = (text: string) =>
  text
    .replace(/[&<>"']/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' }[c]};`)
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

export function renderJunit(report: Report, options: RenderOptions): string {
  const failWarnings = warningsFail(report, options.maxWarnings);
  const problems = allProblems(report);
  let tests = 0;
  let failures = 0;
  const suites = report.rules.map((rule) => {
    const mine = problems.filter((p) => p.rule === rule);
    const cases = mine.map((p) => {
      const where = `${p.file}:${p.line}:${p.col}`;
      const text = xml(`${where} ${p.severity} ${p.message} (${rule})`);
      const head = `    <testcase name="${xml(where)}" classname="pressclip.${rule}" file="${xml(p.file)}">`;
      if (p.severity === 'error' || failWarnings) return `${head}\n      <failure type="${p.severity}" message="${xml(p.message)}">${text}</failure>\n    </testcase>`;
      return `${head}\n      <system-out>${text}</system-out>\n    </testcase>`;
    });
    if (!cases.length) cases.push(`    <testcase name="${plural(report.filesChecked, 'file')}" classname="pressclip.${rule}"/>`);
    const failed = mine.filter((p) => p.severity === 'error' || failWarnings).length;
    tests += cases.length;
    failures += failed;
    return `  <testsuite name="pressclip.${rule}" tests="${cases.length}" failures="${failed}" errors="0" skipped="0">\n${cases.join('\n')}\n  </testsuite>\n`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="pressclip validate" tests="${tests}" failures="${failures}" errors="0">\n${suites.join('')}</testsuites>\n`;
}
