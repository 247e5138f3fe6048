import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Each test spawns the real command (node + tsx start-up, about half a second).
  test: { testTimeout: 60_000 },
});
