// The command line as bin/pressclip.js runs it, plus one thing the harness needs: the
// process's peak memory, written to the file named by the first argument as it exits.
import { writeFileSync } from 'node:fs';
import { main } from '../src/cli.js';

const [rssFile, ...args] = process.argv.slice(2);
process.on('exit', () => writeFileSync(rssFile, String(process.resourceUsage().maxRSS)));
main([process.argv[0], 'pressclip', ...args]).then((code) => {
  process.exitCode = code;
});
