#!/usr/bin/env node
// The TypeScript is compiled to dist/ by `npm install` (the `prepare` script).
import { main } from '../dist/src/cli.js';

main(process.argv).then((code) => {
  process.exitCode = code;
});
