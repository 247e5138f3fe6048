import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Suites start PGlite or a throwaway PostgreSQL cluster: seconds, not milliseconds.
  test: { testTimeout: 90_000, hookTimeout: 180_000 },
});
