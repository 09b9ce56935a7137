// Hostile input and faults (issue 6): each category must end with zero crashes, hangs
// and damaged files. `npm run test:reliability` runs the same categories and prints the table.
import { describe, expect, it } from 'vitest';
import { runPrivateAddresses } from '../../reliability/addresses.js';
import { runFixKills, runImportKills } from '../../reliability/crash.js';
import { runOutputEscapes } from '../../reliability/escapes.js';
import { runLinkWrites, runNotRegular, runWriteFaults } from '../../reliability/filesystem.js';
import { CAN_FAULT, SKIP_REASON } from '../../reliability/fs-faults.js';
import { runFrontMatterShapes } from '../../reliability/frontmatter.js';
import { renderTable, type Row } from '../../reliability/harness.js';
import { runHtmlFuzz } from '../../reliability/html.js';
import { runListFaults } from '../../reliability/lists.js';
import { runNetworkFaults } from '../../reliability/network.js';
import { collisionProperty, frontMatterProperty, pathProperty } from '../../reliability/properties.js';
import { runShapes } from '../../reliability/shapes.js';

function expectSound(rows: Row[]): void {
  console.log(renderTable(rows));
  for (const row of rows) {
    expect(row.problems).toEqual([]);
    expect({ crashes: row.crashes, hangs: row.hangs, damaged: row.damaged, outsideRoot: row.outsideRoot }).toEqual({ crashes: 0, hangs: 0, damaged: 0, outsideRoot: 0 });
    expect(row.tried).toBeGreaterThan(0);
    expect(row.ok + row.handled).toBe(row.tried);
  }
}

describe('reliability', () => {
  it('renders front matter that YAML 1.1 reads back as meant, and validate accepts', () => expectSound([frontMatterProperty()]));
  it('keeps every post path under content/, or refuses the name', () => expectSound([pathProperty()]));
  it('writes different articles to different files, whatever their ids', async () => expectSound([await collisionProperty()]));
  it('imports hostile HTML into a valid post or one clear error', async () => expectSound([await runHtmlFuzz()]));
  it('gives each network fault its error, and a batch around them finishes', async () => expectSound(await runNetworkFaults()));
  it('refuses private addresses with --no-private, and a redirect from a public one to them', async () => expectSound([await runPrivateAddresses()]));
  it('reads batch lists once in flat memory, and keeps its journal and outputs sound', async () => expectSound([await runListFaults()]));
  it('leaves every post old or whole when import is killed with SIGKILL', async () => expectSound([await runImportKills()]));
  it('leaves every post old or whole when validate --fix is killed with SIGKILL', async () => expectSound([await runFixKills()]));
  it('writes nothing through a symbolic link inside content/', async () => expectSound([await runLinkWrites()]));
  it('reports what is named like a post but is no regular file, and never hangs on it', async () => expectSound([await runNotRegular()]));
  it.skipIf(!CAN_FAULT)(`ends a full disk, a file-size limit and a read-only file system cleanly${CAN_FAULT ? '' : ` (skipped: ${SKIP_REASON})`}`, async () => expectSound([await runWriteFaults()]));
  it('reads front matter of any size and shape in linear time, one error when too big', async () => expectSound([await runFrontMatterShapes()]));
  it('prints hostile strings back escaped, never as terminal controls or workflow commands', async () => expectSound([await runOutputEscapes()]));
  it('imports each hostile shape in time and memory linear in its size, under 500 MB', async () => expectSound(await runShapes()));
});
