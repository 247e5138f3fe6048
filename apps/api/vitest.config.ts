import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  // Suites start PGlite or a throwaway PostgreSQL cluster: seconds, not milliseconds.
  // The pages' Chromium tests run on their own (vitest.e2e.config.ts).
  test: {
    testTimeout: 90_000,
    hookTimeout: 180_000,
    exclude: [...configDefaults.exclude, 'e2e/**'],
  },
});
