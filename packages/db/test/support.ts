import { it } from 'vitest';
import { createDb, type DbHandle } from '../src';
import { findPostgresBin, type PgCluster, startCluster } from './pg-cluster';

// Shared by the suites that run on both drivers.

export { draftHash, seedClips, uuidv7 } from './fixtures';

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
