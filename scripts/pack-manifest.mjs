// The package.json that `npm pack` puts in the tarball: without the `prepare` script, which
// builds pressclip in a clone and for an install from a git URL (npm runs only `prepare`
// there), but would be an install script for every user of the tarball, who gets the
// compiled code already. `strip` runs last in prepack, `restore` in postpack.
import { copyFileSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

const FILE = 'package.json';
const KEPT = '.package.json.packing';

if (process.argv[2] === 'strip') {
  copyFileSync(FILE, KEPT);
  const manifest = JSON.parse(readFileSync(FILE, 'utf8'));
  delete manifest.scripts.prepare;
  writeFileSync(FILE, JSON.stringify(manifest, null, 2) + '\n');
} else if (process.argv[2] === 'restore') {
  if (existsSync(KEPT)) renameSync(KEPT, FILE);
} else {
  process.stderr.write('usage: node scripts/pack-manifest.mjs strip|restore\n');
  process.exitCode = 2;
}
