import { defineConfig } from 'drizzle-kit';

// Only `drizzle-kit generate` uses this: migrations are generated and committed, never pushed.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/schema/index.ts',
  out: './migrations',
});
