import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Thousands of records through deflate and Parquet on a shared two-core machine.
  test: { testTimeout: 60_000, hookTimeout: 60_000 },
});
