// `npm run bench`: every benchmark row, each beside the tool a user would otherwise use.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCorpusBench } from './corpus.js';
import { runValidateBench } from './validate.js';
import { runBatchBench } from './batch.js';
import { runZyteBench } from './zyte.js';
import { runExtractionBench } from './extraction.js';
import { runStartupBench } from './startup.js';

// dist/bench/run.js -> the project root
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
console.log(`pressclip benchmarks - node ${process.version}, ${new Date().toISOString()}`);
runStartupBench(root);
runCorpusBench(root);
runZyteBench(root);
await runExtractionBench(root);
await runBatchBench(root);
runValidateBench(root);
