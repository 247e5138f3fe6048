import type { Clip } from '@jianbao/core';
import { and, eq, gt, isNull, lte, sql } from 'drizzle-orm';
import type { Database } from '../client';
import { changes, clips, collections } from '../schema';
import { searchColumns } from '../search/tokens';

type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];
type ClipRow = typeof clips.$inferSelect;

/** A clip as stored: the clip JSON and its bookkeeping. */
export interface StoredClip {
  id: string;
  collectionId: string;
  createdBy: string;
  /** The collection version that last touched the clip: send it back to update. */
  version: number;
  draftHash: string;
  data: Clip;
  createdAt: Date;
  updatedAt: Date;
  /** Set on a tombstone. */
  deletedAt: Date | null;
}

export type UpsertClipResult =
  | { kind: 'created'; clip: StoredClip }
  /** The same draft under the same id again: a retry, answered with the stored clip. */
  | { kind: 'unchanged'; clip: StoredClip }
  /** The id is taken by a different draft; `clip` is null when it is in another collection. */
  | { kind: 'conflict'; clip: StoredClip | null }
  | { kind: 'collection-not-found' };

export type UpdateClipResult =
  | { kind: 'updated'; clip: StoredClip }
  /** The clip moved on since `expectedVersion`: nothing was written. */
  | { kind: 'stale'; clip: StoredClip }
  | { kind: 'not-found' };

export type DeleteClipResult =
  | { kind: 'deleted'; clip: StoredClip }
  | { kind: 'stale'; clip: StoredClip }
  | { kind: 'not-found' };

/**
 * Stores a new clip under the client's id. In one transaction: bump the collection version,
 * write the clip stamped with it, append a change. Retrying the same draft changes nothing.
 */
export async function upsertClip(
  db: Database,
  params: {
    collectionId: string;
    clipId: string;
    createdBy: string;
    draftHash: string;
    data: Clip;
  },
): Promise<UpsertClipResult> {
  return db.transaction(async (tx): Promise<UpsertClipResult> => {
    if (!(await lockCollection(tx, params.collectionId))) return { kind: 'collection-not-found' };
    const [existing] = await tx.select().from(clips).where(eq(clips.id, params.clipId));
    if (existing) {
      if (existing.collectionId !== params.collectionId) return { kind: 'conflict', clip: null };
      const clip = toStoredClip(existing);
      return existing.draftHash === params.draftHash
        ? { kind: 'unchanged', clip }
        : { kind: 'conflict', clip };
    }
    const version = await bumpVersion(tx, params.collectionId);
    const [row] = await tx
      .insert(clips)
      .values({
        id: params.clipId,
        collectionId: params.collectionId,
        createdBy: params.createdBy,
        version,
        draftHash: params.draftHash,
        data: params.data,
        ...filterColumns(params.data),
      })
      .returning();
    await logChange(tx, params.collectionId, version, params.clipId, 'upsert');
    return { kind: 'created', clip: toStoredClip(row!) };
  });
}

/** Replaces a clip's JSON if it is still at `expectedVersion` (HTTP If-Match). */
export async function updateClip(
  db: Database,
  params: { clipId: string; expectedVersion: number; draftHash: string; data: Clip },
): Promise<UpdateClipResult> {
  return db.transaction(async (tx): Promise<UpdateClipResult> => {
    const current = await lockLiveClip(tx, params.clipId);
    if (!current) return { kind: 'not-found' };
    if (current.version !== params.expectedVersion) {
      return { kind: 'stale', clip: toStoredClip(current) };
    }
    const version = await bumpVersion(tx, current.collectionId);
    const [row] = await tx
      .update(clips)
      .set({
        version,
        draftHash: params.draftHash,
        data: params.data,
        ...filterColumns(params.data),
        updatedAt: sql`now()`,
      })
      .where(eq(clips.id, params.clipId))
      .returning();
    await logChange(tx, current.collectionId, version, params.clipId, 'upsert');
    return { kind: 'updated', clip: toStoredClip(row!) };
  });
}

/**
 * Deletes a clip as a tombstone, so clients syncing later learn of it. Deleting a tombstone
 * again returns it unchanged; `expectedVersion`, when given, guards as in `updateClip`.
 */
export async function deleteClip(
  db: Database,
  params: { clipId: string; expectedVersion?: number },
): Promise<DeleteClipResult> {
  return db.transaction(async (tx): Promise<DeleteClipResult> => {
    const current = await lockClip(tx, params.clipId);
    if (!current) return { kind: 'not-found' };
    if (current.deletedAt) return { kind: 'deleted', clip: toStoredClip(current) };
    if (params.expectedVersion !== undefined && current.version !== params.expectedVersion) {
      return { kind: 'stale', clip: toStoredClip(current) };
    }
    const version = await bumpVersion(tx, current.collectionId);
    const [row] = await tx
      .update(clips)
      .set({ version, deletedAt: sql`now()`, updatedAt: sql`now()` })
      .where(eq(clips.id, params.clipId))
      .returning();
    await logChange(tx, current.collectionId, version, params.clipId, 'delete');
    return { kind: 'deleted', clip: toStoredClip(row!) };
  });
}

export async function getClip(db: Database, clipId: string): Promise<StoredClip | null> {
  const [row] = await db.select().from(clips).where(eq(clips.id, clipId));
  return row ? toStoredClip(row) : null;
}

export interface Changes {
  /** The collection's version now: the client's next `since`. */
  version: number;
  clips: StoredClip[];
  tombstones: { id: string; version: number }[];
}

/** What changed in a collection after version `since`; null when there is no such collection. */
export async function changesSince(
  db: Database,
  collectionId: string,
  since: number,
): Promise<Changes | null> {
  const [collection] = await db
    .select({ version: collections.version })
    .from(collections)
    .where(and(eq(collections.id, collectionId), isNull(collections.deletedAt)));
  if (!collection) return null;
  // Capped at the version read first: a write committing in between shows up next time,
  // never half now.
  const rows = await db
    .select()
    .from(clips)
    .where(
      and(
        eq(clips.collectionId, collectionId),
        gt(clips.version, since),
        lte(clips.version, collection.version),
      ),
    )
    .orderBy(clips.version);
  return {
    version: collection.version,
    clips: rows.filter((row) => !row.deletedAt).map(toStoredClip),
    tombstones: rows
      .filter((row) => row.deletedAt)
      .map((row) => ({ id: row.id, version: row.version })),
  };
}

/**
 * Every write locks its collection's row first, so writes to one collection run one at a time
 * and each gets the next version.
 */
async function lockCollection(tx: Transaction, collectionId: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: collections.id })
    .from(collections)
    .where(and(eq(collections.id, collectionId), isNull(collections.deletedAt)))
    .for('update');
  return row !== undefined;
}

/** Locks the clip's collection, then reads the clip as the last writer left it. */
async function lockClip(tx: Transaction, clipId: string): Promise<ClipRow | null> {
  const [found] = await tx
    .select({ collectionId: clips.collectionId })
    .from(clips)
    .where(eq(clips.id, clipId));
  if (!found || !(await lockCollection(tx, found.collectionId))) return null;
  const [row] = await tx.select().from(clips).where(eq(clips.id, clipId));
  return row ?? null;
}

async function lockLiveClip(tx: Transaction, clipId: string): Promise<ClipRow | null> {
  const row = await lockClip(tx, clipId);
  return row && !row.deletedAt ? row : null;
}

async function bumpVersion(tx: Transaction, collectionId: string): Promise<number> {
  const [row] = await tx
    .update(collections)
    .set({ version: sql`${collections.version} + 1` })
    .where(eq(collections.id, collectionId))
    .returning({ version: collections.version });
  return row!.version;
}

async function logChange(
  tx: Transaction,
  collectionId: string,
  version: number,
  clipId: string,
  kind: 'upsert' | 'delete',
): Promise<void> {
  await tx.insert(changes).values({ collectionId, version, clipId, kind });
}

/** The clip fields lists filter on and search reads, copied out of the JSON into columns. */
function filterColumns(data: Clip) {
  const search = searchColumns(data);
  return {
    searchTitle: search.searchTitle,
    searchText: search.searchText,
    searchTokens: sql`${search.searchTokens}::tsvector`,
    url: data.url,
    canonicalUrl: data.canonicalUrl,
    title: data.title,
    publishedAt: data.publishedAt,
    sourceKind: data.sourceKind,
    script: data.script,
    textHash: data.fingerprints.textHash,
  };
}

function toStoredClip(row: ClipRow): StoredClip {
  return {
    id: row.id,
    collectionId: row.collectionId,
    createdBy: row.createdBy,
    version: row.version,
    draftHash: row.draftHash,
    data: row.data,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    deletedAt: row.deletedAt,
  };
}
