import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Starting a PostgreSQL cluster and loading PGlite take seconds.
  test: { hookTimeout: 60_000, testTimeout: 30_000 },
});
