// `npm run test:reliability`: every category of hostile input and fault, then the table.
// Exit 1 when anything crashed, hung, damaged a file or wrote outside the site, or a
// category saw another problem (a page whose cost grows faster than linearly, or that
// needs too much memory).
import { runPrivateAddresses } from './addresses.js';
import { runFixKills, runImportKills } from './crash.js';
import { runOutputEscapes } from './escapes.js';
import { FILESYSTEM_CATEGORIES } from './filesystem.js';
import { runFrontMatterShapes } from './frontmatter.js';
import { renderTable, type Row } from './harness.js';
import { runHtmlFuzz } from './html.js';
import { runListFaults } from './lists.js';
import { runNetworkFaults } from './network.js';
import { collisionProperty, frontMatterProperty, pathProperty } from './properties.js';
import { runShapes } from './shapes.js';

export const CATEGORIES: Array<() => Promise<Row | Row[]>> = [
  async () => frontMatterProperty(),
  async () => pathProperty(),
  collisionProperty,
  runHtmlFuzz,
  runNetworkFaults,
  runPrivateAddresses,
  runListFaults,
  runImportKills,
  runFixKills,
  ...FILESYSTEM_CATEGORIES,
  runFrontMatterShapes,
  runOutputEscapes,
  runShapes,
];

async function main(): Promise<number> {
  const rows: Row[] = [];
  for (const category of CATEGORIES) {
    const started = Date.now();
    const got = [await category()].flat();
    rows.push(...got);
    for (const row of got) process.stderr.write(`${row.category}: ${row.tried} tried in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  }
  process.stdout.write(renderTable(rows) + '\n');
  const problems = rows.flatMap((r) => r.problems);
  if (problems.length) process.stdout.write('\n' + problems.join('\n') + '\n');
  return rows.some((r) => r.crashes || r.hangs || r.damaged || r.outsideRoot || r.problems.length) ? 1 : 0;
}

main().then((code) => {
  process.exitCode = code;
});
