import { defineConfig } from 'vitest/config';

// End to end: the built extension in Debian's Chromium against the real API (e2e/harness.ts).
// One file at a time; the machine is small, so the timeouts are generous.
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.test.ts'],
    environment: 'node',
    testTimeout: 180_000,
    hookTimeout: 300_000,
    fileParallelism: false,
  },
});
