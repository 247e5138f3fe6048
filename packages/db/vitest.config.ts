import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Starting a PostgreSQL cluster and loading PGlite take seconds.
  test: { hookTimeout: 180_000, testTimeout: 90_000 },
});
