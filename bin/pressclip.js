#!/usr/bin/env node
// The command runs the compiled TypeScript of dist/. A packed package holds it (npm pack builds
// it first); a clone builds it with `npm run build` (npm test and npm run demo build first).
// Without it, one line that says what to do rather than a module-not-found stack.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = new URL('../dist/src/cli.js', import.meta.url);
if (existsSync(cli)) {
  import(cli.href)
    .then(({ main }) => main(process.argv))
    .then((code) => {
      process.exitCode = code;
    });
} else {
  const home = fileURLToPath(new URL('..', import.meta.url));
  process.stderr.write(
    existsSync(new URL('../src/cli.ts', import.meta.url))
      ? `pressclip: not built: run \`npm run build\` in ${home}\n`
      : // npm builds a git dependency only through a `prepare` script, which pressclip has not.
        `pressclip: installed without its compiled code (from a git URL?) in ${home}: install a packed tarball instead (npm pack in a clone)\n`,
  );
  process.exitCode = 1;
}
