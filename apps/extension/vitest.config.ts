import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// Unit tests: `browser` is WXT's in-memory fake, IndexedDB is fake-indexeddb, the DOM is jsdom (test/dom.ts),
// and the API is the real one (createApp on in-memory PGlite). e2e/ runs in real Chromium.
export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['test/setup.ts'],
    testTimeout: 90_000,
    hookTimeout: 180_000,
  },
});
