import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from './schema';

export type Schema = typeof schema;

/** One type for both drivers: queries are written once against drizzle's Postgres base. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;

export type Driver = 'pglite' | 'postgres';

export interface DbHandle {
  db: Database;
  driver: Driver;
  close(): Promise<void>;
}

export interface CreateDbOptions {
  /** A PostgreSQL URL: the real server through postgres.js. */
  url?: string;
  /** Where embedded PGlite keeps its files; in memory when neither this nor `url` is given. */
  dataDir?: string;
}

/** Opens the database. Nothing connects until this is called. */
export function createDb(options: CreateDbOptions = {}): DbHandle {
  if (options.url) {
    // Notices ("relation already exists, skipping") are noise for a server's log.
    const client = postgres(options.url, { onnotice: () => {} });
    return {
      db: drizzlePostgres({ client, schema }),
      driver: 'postgres',
      close: () => client.end(),
    };
  }
  const client = options.dataDir ? new PGlite(options.dataDir) : new PGlite();
  return {
    db: drizzlePglite({ client, schema }),
    driver: 'pglite',
    close: () => client.close(),
  };
}
