import { defineConfig } from 'vitest/config';

// `npm test`: the fast suite, a few minutes on a busy 2-core machine. The long categories
// (hostile input, crash safety, the Hugo round trip) live in tests/long/: `npm run test:long`.
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/long/**', '**/node_modules/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
