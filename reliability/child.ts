// The command line as bin/pressclip.cjs runs it, plus what the harness needs: the
// process's peak memory and its CPU time (all threads), written to the file named by the
// first argument as it exits.
import { writeFileSync } from 'node:fs';
import { main } from '../src/cli.js';

const [rssFile, ...args] = process.argv.slice(2);
process.on('exit', () => {
  const used = process.resourceUsage();
  writeFileSync(rssFile, `${used.maxRSS} ${used.userCPUTime + used.systemCPUTime}`);
});
main([process.argv[0], 'pressclip', ...args]).then((code) => {
  process.exitCode = code;
});
