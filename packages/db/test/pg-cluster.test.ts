import { existsSync } from 'node:fs';
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { findPostgresBin, startCluster } from './pg-cluster';

describe('throwaway PostgreSQL cluster', () => {
  it('finds no server in folders without one, and says so when asked to start', async () => {
    expect(findPostgresBin(['/nonexistent'])).toBeNull();
    await expect(startCluster(null)).rejects.toThrow(/PostgreSQL is not installed/);
  });

  it.skipIf(!findPostgresBin())(
    'starts UTF-8 with a UTF-8 ctype and leaves nothing behind',
    async () => {
      const cluster = await startCluster();
      const sql = postgres(cluster.url, { max: 1 });
      try {
        const [row] = await sql`select current_setting('server_encoding') as encoding,
        current_setting('lc_ctype') as ctype, current_setting('server_version_num') as version`;
        // pg_trgm sees no Chinese trigrams under a C ctype.
        expect(row).toMatchObject({ encoding: 'UTF8', ctype: 'C.UTF-8' });
        expect(Number(row!.version)).toBeGreaterThanOrEqual(150000);
      } finally {
        await sql.end();
        await cluster.stop();
      }
      expect(existsSync(cluster.dir)).toBe(false);
    },
  );
});
