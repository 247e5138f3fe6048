import { it } from 'vitest';
import { createCollection, createDb, createUser, type Database, type DbHandle } from '../src';
import { uuidv7 } from './fixtures';
import { findPostgresBin, type PgCluster, startCluster } from './pg-cluster';

// Shared by the suites that run on both drivers.

export { draftHash, seedClips, uuidv7 } from './fixtures';

/** A user owning two collections, `主` and `别的`: the setup of the lookups' suites. */
export async function ownerOfTwo(db: Database, name: string) {
  const user = await createUser(db, {
    email: `${uuidv7()}@example.cn`,
    name,
    passwordHash: 'scrypt$placeholder',
  });
  const main = await createCollection(db, { name: '主', ownerUserId: user.id });
  const other = await createCollection(db, { name: '别的', ownerUserId: user.id });
  return { user, main, other };
}

export interface Backend {
  open(): Promise<DbHandle>;
  dispose(): Promise<void>;
}

function pgliteBackend(): Backend {
  return { open: async () => createDb(), dispose: async () => {} };
}

function postgresBackend(): Backend {
  let cluster: PgCluster | undefined;
  return {
    async open() {
      cluster = await startCluster();
      return createDb({ url: cluster.url });
    },
    dispose: async () => cluster?.stop(),
  };
}

const postgresBin = findPostgresBin();
export const backends: [string, () => Backend][] = [['pglite', pgliteBackend]];
if (postgresBin) {
  backends.push(['postgres', postgresBackend]);
} else {
  const why = 'PostgreSQL 15 not found (no initdb on PATH or in /usr/lib/postgresql/15/bin)';
  console.warn(`contract suite: ${why}: the postgres half is not run`);
  // In CI a missing server is a broken machine, not a reason to pass.
  if (process.env.CI === 'true') {
    it('postgres: contract suite', () => {
      throw new Error(`${why}; install postgresql-15 for CI`);
    });
  } else {
    it.skip(`postgres: contract suite skipped: ${why}`, () => {});
  }
}
