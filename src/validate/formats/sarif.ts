// SARIF 2.1.0, for GitHub code scanning and other SARIF readers; tests check it against
// the SARIF 2.1.0 JSON schema.
import { VERSION } from '../../version.js';
import { RULES, type RuleId } from '../rules.js';
import { allProblems, type Report } from '../report.js';

/**
 * A file's path as a relative URI reference: each segment percent-encoded (`%`, spaces,
 * `#`, `?`, `:` and non-ASCII become escapes), so that `a%20b.md` is read as that file,
 * `x#1.md` is not a fragment and `c:d.md` is not a scheme.
 */
export function fileUri(file: string): string {
  const segments = file.split('\\').join('/').split('/');
  const uri = segments.map((s) => (s === '.' || s === '..' ? s : encodeURIComponent(s))).join('/');
  return uri.startsWith('/') ? `file://${uri}` : uri;
}

export function renderSarif(report: Report): string {
  const rules = report.rules as RuleId[];
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
            rules: rules.map((id) => ({ id, shortDescription: { text: RULES[id][1] }, defaultConfiguration: { level: RULES[id][0] } })),
          },
        },
        results: allProblems(report).map((d) => ({
          ruleId: d.rule,
          ruleIndex: rules.indexOf(d.rule as RuleId),
          level: d.severity,
          message: { text: d.message },
          locations: [{ physicalLocation: { artifactLocation: { uri: fileUri(d.file) }, region: { startLine: d.line, startColumn: d.col } } }],
        })),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}
