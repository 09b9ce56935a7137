import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// `npm test`: the fast suite, under 3 minutes on a busy 2-core machine. The long categories
// (hostile input, crash safety, the Hugo round trip, the package and the GitHub Action) live
// in tests/long/: `npm run test:long`.
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/long/**', '**/node_modules/**'],
    // Most tests wait on a child pressclip, so two files at a time even on 2 cores (vitest's
    // default there is one): the waits overlap, and the run keeps its share of a busy machine.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // Only to catch a hang: no test asserts how long it took, and a busy machine is 5x slower.
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
