import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { count } from 'drizzle-orm';
import { pgSchema, serial } from 'drizzle-orm/pg-core';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import type { DbHandle, Schema } from './client';
import { fillNearDuplicateColumns } from './queries/clips';
import { fillFacetColumns } from './queries/facets';
import { fillSearchColumns } from './queries/search';

/** Resolved from this file, so start-up works from any working directory. */
export const migrationsFolder = fileURLToPath(new URL('../migrations', import.meta.url));

/** drizzle's own record of applied migrations; not in src/schema, so drizzle-kit leaves it alone. */
const appliedMigrations = pgSchema('drizzle').table('__drizzle_migrations', { id: serial('id') });

export interface MigrationLevel {
  /** How many migrations the database has applied. */
  applied: number;
  /** The tag of the newest migration in migrations/ (`0000_init`). */
  tag: string;
}

/**
 * Applies the committed migrations, then fills the search columns of clips written before they
 * existed (tokens are made in TypeScript, so SQL migrations cannot); safe to run at every start.
 */
export async function migrate(handle: DbHandle): Promise<MigrationLevel> {
  const config = { migrationsFolder };
  // The two migrators differ only in the session type they accept; the db is built by createDb.
  if (handle.driver === 'pglite') {
    await migratePglite(handle.db as PgliteDatabase<Schema>, config);
  } else {
    await migratePostgres(handle.db as PostgresJsDatabase<Schema>, config);
  }
  await fillSearchColumns(handle.db);
  await fillFacetColumns(handle.db);
  await fillNearDuplicateColumns(handle.db);
  const [row] = await handle.db.select({ applied: count() }).from(appliedMigrations);
  return { applied: row?.applied ?? 0, tag: lastTag() };
}

function lastTag(): string {
  const journal = JSON.parse(readFileSync(`${migrationsFolder}/meta/_journal.json`, 'utf8')) as {
    entries: { tag: string }[];
  };
  return journal.entries.at(-1)?.tag ?? '';
}
