import { defineConfig } from 'vitest/config';

// `npm run test:long`: the categories that take minutes (run by CI through `npm run test:all`).
export default defineConfig({
  test: {
    include: ['tests/long/**/*.test.ts'],
    testTimeout: 600_000,
    hookTimeout: 600_000,
  },
});
