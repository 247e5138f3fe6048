import { and, asc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import type { Database } from '../client';
import { clips, collections, users } from '../schema';
import { type StoredClip, toStoredClip } from './clips';
import { type ClipFilters, filterConditions } from './list-clips';
import { matchCondition } from './search';

/** A clip as exported: the stored clip, the name of its collection and of who clipped it. */
export interface ExportedClip {
  clip: StoredClip;
  collectionName: string;
  clippedByName: string;
}

export interface ExportClipsParams extends ClipFilters {
  /** The collections the caller may read (already narrowed to one when the caller asked). */
  collectionIds: string[];
  /** Only clips whose title or body contains this (as `GET /clips?q=` finds them). */
  query?: string;
  /** Clips left out (the non-canonical members of near-duplicate groups). */
  skip?: ReadonlySet<string>;
  /** Rows read a statement; memory holds one batch at a time. */
  batchSize?: number;
}

const DEFAULT_BATCH = 200;

/**
 * Every live clip of the collections that passes the filters, collection by collection, oldest
 * clipped first, read in keyset-paged batches on (collection_id, created_at, id) so that each
 * statement walks the index from where the last stopped: memory stays at one batch, and a
 * consumer that stops pulling stops the reading. No snapshot spans the batches (on PGlite an open
 * transaction would hold the only connection for the whole download): a clip written meanwhile
 * behind the cursor is not exported, one ahead of it is.
 */
export async function* exportClips(
  db: Database,
  params: ExportClipsParams,
): AsyncGenerator<ExportedClip> {
  if (params.collectionIds.length === 0) return;
  const batchSize = Math.max(1, params.batchSize ?? DEFAULT_BATCH);
  const conditions: SQL[] = [isNull(clips.deletedAt), ...filterConditions(params)];
  if (params.query) conditions.push(matchCondition(params.query));
  const owners = await db
    .select({ id: collections.id, name: collections.name })
    .from(collections)
    .where(inArray(collections.id, params.collectionIds))
    .orderBy(asc(collections.name), asc(collections.id));
  for (const owner of owners) {
    let after: { at: string; id: string } | null = null;
    for (;;) {
      const where = [eq(clips.collectionId, owner.id), ...conditions];
      if (after) {
        where.push(
          sql`(${clips.createdAt}, ${clips.id}) > (${after.at}::timestamptz, ${after.id}::uuid)`,
        );
      }
      const rows = await db
        .select({
          row: clips,
          // Postgres' microseconds: a JS Date would round them off and repeat or skip rows.
          at: sql<string>`${clips.createdAt}::text`,
          clippedByName: users.name,
        })
        .from(clips)
        .innerJoin(users, eq(users.id, clips.createdBy))
        .where(and(...where))
        .orderBy(asc(clips.createdAt), asc(clips.id))
        .limit(batchSize);
      for (const { row, clippedByName } of rows) {
        if (params.skip?.has(row.id)) continue;
        yield { clip: toStoredClip(row), collectionName: owner.name, clippedByName };
      }
      if (rows.length < batchSize) break;
      const last = rows.at(-1)!;
      after = { at: last.at, id: last.row.id };
    }
  }
}
