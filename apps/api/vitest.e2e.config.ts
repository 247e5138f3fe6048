import { defineConfig } from 'vitest/config';

// End to end: the web pages in Debian's Chromium against the API on a loopback port.
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
