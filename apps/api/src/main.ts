// Starts the API: parses the environment, opens and migrates the database, serves the app.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { serve } from '@hono/node-server';
import { createDb, migrate } from '@jianbao/db';
import { createApp } from './app';
import { parseEnv } from './env';

async function main() {
  const env = parseEnv(process.env);
  const dataDir = resolve(env.DATA_DIR);
  if (!env.DATABASE_URL) mkdirSync(dataDir, { recursive: true });
  const db = createDb(env.DATABASE_URL ? { url: env.DATABASE_URL } : { dataDir });
  const migrations = await migrate(db);
  const app = createApp({
    db,
    migrations,
    rateLimit: { limit: env.RATE_LIMIT_PER_MINUTE, windowMs: 60_000 },
    maxBodyBytes: env.MAX_BODY_BYTES,
    extensionIds: env.EXTENSION_IDS,
    log: (line) => console.error(line),
  });
  const server = serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, (info) => {
    const base = `http://${info.address.includes(':') ? `[${info.address}]` : info.address}:${info.port}`;
    const where = env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${dataDir}`;
    console.log(`Jianbao API listening on ${base}`);
    console.log(`  database: ${where}, migrations at ${migrations.tag}`);
    console.log(`  reference: ${base}/reference   OpenAPI: ${base}/openapi.json`);
    console.log('  get a token (the answer\'s "token"; send it as Authorization: Bearer <token>):');
    console.log(
      `    curl -s ${base}/auth/signup -H 'content-type: application/json' \\\n` +
        `      -d '{"email":"you@example.org","name":"你的名字","password":"at least 10 characters"}'`,
    );
  });
  const stop = async () => {
    server.close();
    await db.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
