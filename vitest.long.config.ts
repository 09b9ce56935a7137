import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// `npm run test:long`: the categories that take minutes (run by CI after `npm test`).
export default defineConfig({
  test: {
    include: ['tests/long/**/*.test.ts'],
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // Only to catch a hang, and generous: a category runs hundreds of child processes, each
    // with its own hang limit, and a busy machine is 5x slower.
    testTimeout: 1_800_000,
    hookTimeout: 1_800_000,
  },
});
