// The command line as bin/pressclip.cjs runs it (the bundle, whose extraction worker is
// built only there), plus what the harness needs: the process's peak memory and its CPU
// time (all threads), written to the file named by the first argument as it exits.
import { writeFileSync } from 'node:fs';

// dist/reliability/child.js -> dist/bundle/cli.js
const { main } = (await import(new URL('../bundle/cli.js', import.meta.url).href)) as typeof import('../src/cli.js');

const [rssFile, ...args] = process.argv.slice(2);
process.on('exit', () => {
  const used = process.resourceUsage();
  writeFileSync(rssFile, `${used.maxRSS} ${used.userCPUTime + used.systemCPUTime}`);
});
main([process.argv[0], 'pressclip', ...args]).then((code) => {
  process.exitCode = code;
});
