import { bandKeys, type Clip, fingerprintText, normalizeUrl } from '@jianbao/core';
import { and, eq, getTableColumns, gt, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { Database } from '../client';
import { changes, clipBands, clips, collections, tags as tagVocabulary } from '../schema';
import { searchColumns } from '../search/tokens';
import { facetKeys } from './facets';

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
  /** Tag names, in the order they were given. */
  tags: string[];
  /** When a user picked it as its duplicate group's canonical; null when never. */
  canonicalPickedAt: Date | null;
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
    tags?: string[];
  },
): Promise<UpsertClipResult> {
  return db.transaction(async (tx): Promise<UpsertClipResult> => {
    if ((await lockCollection(tx, params.collectionId)) === null) {
      return { kind: 'collection-not-found' };
    }
    const [existing] = await tx.select().from(clips).where(eq(clips.id, params.clipId));
    if (existing) {
      if (existing.collectionId !== params.collectionId) return { kind: 'conflict', clip: null };
      const clip = toStoredClip(existing);
      return existing.draftHash === params.draftHash
        ? { kind: 'unchanged', clip }
        : { kind: 'conflict', clip };
    }
    const tags = uniqueTags(params.tags ?? []);
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
        ...filterColumns(params.data, tags),
      })
      .returning();
    await writeBands(tx, [row!]);
    await addToVocabulary(tx, params.collectionId, tags);
    await logChange(tx, params.collectionId, version, params.clipId, 'upsert');
    return { kind: 'created', clip: toStoredClip(row!) };
  });
}

export interface NewClip {
  clipId: string;
  draftHash: string;
  data: Clip;
  tags?: string[];
}

export type BatchItemResult = Exclude<UpsertClipResult, { kind: 'collection-not-found' }>;

/**
 * Stores several new clips in one transaction (an offline queue's flush, an import): the
 * collection is locked and its version bumped once, the new rows and their changes written with
 * one multi-row insert each. Results are in the order given; an id repeated within the batch is
 * answered as a retry of its first occurrence.
 */
export async function upsertClips(
  db: Database,
  params: { collectionId: string; createdBy: string; clips: NewClip[] },
): Promise<
  { kind: 'done'; version: number; results: BatchItemResult[] } | { kind: 'collection-not-found' }
> {
  return db.transaction(async (tx) => {
    const locked = await lockCollection(tx, params.collectionId);
    if (locked === null) return { kind: 'collection-not-found' as const };
    let version = locked;
    const ids = [...new Set(params.clips.map((c) => c.clipId))];
    const existing = new Map<string, ClipRow>();
    if (ids.length > 0) {
      for (const row of await tx.select().from(clips).where(inArray(clips.id, ids))) {
        existing.set(row.id, row);
      }
    }
    const fresh = new Map<string, NewClip>();
    for (const item of params.clips) {
      if (!existing.has(item.clipId) && !fresh.has(item.clipId)) fresh.set(item.clipId, item);
    }
    const created = new Map<string, ClipRow>();
    if (fresh.size > 0) {
      version = await bumpVersion(tx, params.collectionId);
      const vocabulary = new Set<string>();
      const rows = await tx
        .insert(clips)
        .values(
          [...fresh.values()].map((item) => {
            const tags = uniqueTags(item.tags ?? []);
            for (const tag of tags) vocabulary.add(tag);
            return {
              id: item.clipId,
              collectionId: params.collectionId,
              createdBy: params.createdBy,
              version,
              draftHash: item.draftHash,
              data: item.data,
              ...filterColumns(item.data, tags),
            };
          }),
        )
        .returning();
      for (const row of rows) created.set(row.id, row);
      await writeBands(tx, rows);
      await addToVocabulary(tx, params.collectionId, [...vocabulary]);
      await tx.insert(changes).values(
        rows.map((row) => ({
          collectionId: params.collectionId,
          version,
          clipId: row.id,
          kind: 'upsert' as const,
        })),
      );
    }
    const answered = new Set<string>();
    const results = params.clips.map((item): BatchItemResult => {
      const row = created.get(item.clipId);
      if (row && !answered.has(item.clipId)) {
        answered.add(item.clipId);
        return { kind: 'created', clip: toStoredClip(row) };
      }
      const stored = row ?? existing.get(item.clipId)!;
      if (stored.collectionId !== params.collectionId) return { kind: 'conflict', clip: null };
      return stored.draftHash === item.draftHash
        ? { kind: 'unchanged', clip: toStoredClip(stored) }
        : { kind: 'conflict', clip: toStoredClip(stored) };
    });
    return { kind: 'done' as const, version, results };
  });
}

/**
 * Replaces a clip's JSON (and its tags, when given) if it is still at `expectedVersion`
 * (HTTP If-Match). `data` may be a function of the current clip, for edits merged into it.
 */
export async function updateClip(
  db: Database,
  params: {
    clipId: string;
    expectedVersion: number;
    data: Clip | ((current: StoredClip) => Clip);
    tags?: string[];
    /** true: pick as its duplicate group's canonical; false: withdraw the pick. */
    canonicalPick?: boolean;
  },
): Promise<UpdateClipResult> {
  return db.transaction(async (tx): Promise<UpdateClipResult> => {
    const current = await lockLiveClip(tx, params.clipId);
    if (!current) return { kind: 'not-found' };
    if (current.version !== params.expectedVersion) {
      return { kind: 'stale', clip: toStoredClip(current) };
    }
    const stored = toStoredClip(current);
    const data = typeof params.data === 'function' ? params.data(stored) : params.data;
    const tags = params.tags ? uniqueTags(params.tags) : stored.tags;
    const version = await bumpVersion(tx, current.collectionId);
    const [row] = await tx
      .update(clips)
      .set({
        version,
        data,
        ...filterColumns(data, tags),
        ...(params.canonicalPick === undefined
          ? {}
          : { canonicalPickedAt: params.canonicalPick ? sql`now()` : null }),
        updatedAt: sql`now()`,
      })
      .where(eq(clips.id, params.clipId))
      .returning();
    if (row!.textHash !== current.textHash) {
      await tx.delete(clipBands).where(eq(clipBands.clipId, params.clipId));
      await writeBands(tx, [row!]);
    }
    await addToVocabulary(tx, current.collectionId, tags);
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
    // A tombstone is no near-duplicate of anything.
    await tx.delete(clipBands).where(eq(clipBands.clipId, params.clipId));
    await logChange(tx, current.collectionId, version, params.clipId, 'delete');
    return { kind: 'deleted', clip: toStoredClip(row!) };
  });
}

export async function getClip(db: Database, clipId: string): Promise<StoredClip | null> {
  const [row] = await db.select().from(clips).where(eq(clips.id, clipId));
  return row ? toStoredClip(row) : null;
}

/**
 * The clip's columns with its JSON read without the body (text, normalised text, HTML): a list
 * page then reads and parses kilobytes, not the megabyte its bodies weigh.
 */
export function summaryColumns() {
  return {
    ...getTableColumns(clips),
    data: sql<Clip>`${clips.data} - 'text' - 'normalizedText' - 'html'`.as('data'),
  };
}

/** Several clips by id, in the order of `ids` (missing ones left out). */
export async function getClips(
  db: Database,
  ids: string[],
  options: { withoutBody?: boolean } = {},
): Promise<StoredClip[]> {
  if (ids.length === 0) return [];
  const columns = options.withoutBody ? summaryColumns() : getTableColumns(clips);
  const rows = await db.select(columns).from(clips).where(inArray(clips.id, ids));
  const byId = new Map(rows.map((row) => [row.id, toStoredClip(row)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
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
async function lockCollection(tx: Transaction, collectionId: string): Promise<number | null> {
  const [row] = await tx
    .select({ version: collections.version })
    .from(collections)
    .where(and(eq(collections.id, collectionId), isNull(collections.deletedAt)))
    .for('update');
  return row?.version ?? null;
}

/** Locks the clip's collection, then reads the clip as the last writer left it. */
async function lockClip(tx: Transaction, clipId: string): Promise<ClipRow | null> {
  const [found] = await tx
    .select({ collectionId: clips.collectionId })
    .from(clips)
    .where(eq(clips.id, clipId));
  if (!found || (await lockCollection(tx, found.collectionId)) === null) return null;
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
function filterColumns(data: Clip, tags: string[]) {
  const search = searchColumns(data);
  return {
    ...nearDuplicateColumns(data),
    tags,
    facets: facetKeys(data, tags),
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

/**
 * The near-duplicate fingerprint of a clip's normalised text and its normalised URL (core's
 * fingerprintText and normalizeUrl), stored with every write like the search columns.
 */
export function nearDuplicateColumns(data: Clip) {
  const fingerprint = fingerprintText(data.normalizedText, { normalized: true });
  const empty = fingerprint.minhash.length === 0;
  return {
    normalizedUrl: normalizeUrl(data.canonicalUrl ?? data.url),
    // Postgres integers are signed; MinHash slots are unsigned 32-bit.
    minhash: empty ? null : fingerprint.minhash.map((v) => v | 0),
    shingleCount: empty ? null : fingerprint.shingleCount,
    // 0, not null, for a text with nothing to fingerprint: null means "not yet computed".
    fingerprintLength: fingerprint.length,
  };
}

/** Rows written before fingerprints existed, filled in batches; returns how many. */
export async function fillNearDuplicateColumns(db: Database, batchSize = 500): Promise<number> {
  let filled = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(clips)
      .where(isNull(clips.fingerprintLength))
      .limit(batchSize);
    for (const row of rows) {
      await db.transaction(async (tx) => {
        const [updated] = await tx
          .update(clips)
          .set(nearDuplicateColumns(row.data))
          .where(eq(clips.id, row.id))
          .returning();
        await writeBands(tx, [updated!]);
      });
    }
    filled += rows.length;
    if (rows.length < batchSize) return filled;
  }
}

/** Band keys of the given rows (recomputed from the stored MinHash). */
async function writeBands(tx: Transaction, rows: ClipRow[]): Promise<void> {
  const values = rows.flatMap((row) =>
    row.minhash && !row.deletedAt
      ? bandKeys(row.minhash.map((v) => v >>> 0)).map((band) => ({
          band,
          collectionId: row.collectionId,
          clipId: row.id,
        }))
      : [],
  );
  if (values.length > 0) await tx.insert(clipBands).values(values).onConflictDoNothing();
}

/** Tags as given, without repeats (`党建` twice is one tag). */
function uniqueTags(tags: string[]): string[] {
  return [...new Set(tags.map((t) => t.trim()).filter(Boolean))];
}

/** Records new tag names in the vocabulary of the collection's team (or owner). */
async function addToVocabulary(tx: Transaction, collectionId: string, names: string[]) {
  if (names.length === 0) return;
  const [owner] = await tx
    .select({ teamId: collections.teamId, ownerUserId: collections.ownerUserId })
    .from(collections)
    .where(eq(collections.id, collectionId));
  if (!owner) return;
  await tx
    .insert(tagVocabulary)
    .values(names.map((name) => ({ name, teamId: owner.teamId, ownerUserId: owner.ownerUserId })))
    .onConflictDoNothing();
}

export function toStoredClip(row: ClipRow): StoredClip {
  return {
    id: row.id,
    collectionId: row.collectionId,
    createdBy: row.createdBy,
    version: row.version,
    draftHash: row.draftHash,
    data: row.data,
    tags: row.tags,
    canonicalPickedAt: row.canonicalPickedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    deletedAt: row.deletedAt,
  };
}
