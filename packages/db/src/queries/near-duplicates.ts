import { bandKeys, type Clip, type NearDupFingerprint } from '@jianbao/core';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Database } from '../client';
import { clipBands, clips, users } from '../schema';
import { type StoredClip, summaryColumns, toStoredClip } from './clips';

/**
 * A stored clip as a duplicate check names it: read from the clip's columns (written from its
 * JSON with every write), not from the JSON itself, which a check would read whole only to name
 * the clip. A StoredClip is one too.
 */
export interface NamedClip {
  id: string;
  collectionId: string;
  createdBy: string;
  createdAt: Date;
  data: Pick<Clip, 'title' | 'url' | 'publishedAt' | 'script'>;
}

/** A stored clip as a near-duplicate candidate: the clip, who clipped it, its fingerprint. */
export interface DuplicateCandidate<C extends NamedClip = StoredClip> {
  clip: C;
  clippedBy: { id: string; name: string };
  /** How many LSH bands it shares with the query (0 for URL or exact-text matches). */
  sharedBands: number;
  fingerprint: NearDupFingerprint | null;
}

type Row = typeof clips.$inferSelect;

/** The fingerprint from its columns; `minhash` unsigned, as core makes it. */
function fingerprintOf(
  minhash: number[] | null,
  shingleCount: number | null,
  length: number | null,
): NearDupFingerprint | null {
  if (!minhash || shingleCount === null || !length) return null;
  let bands: string[] | undefined;
  return {
    minhash,
    // Made when read: comparing two fingerprints does not use a stored clip's band keys.
    get bands() {
      if (!bands) bands = bandKeys(minhash);
      return bands;
    },
    shingleCount,
    length,
  };
}

function toCandidate(row: Row, name: string, sharedBands: number): DuplicateCandidate {
  return {
    clip: toStoredClip(row),
    clippedBy: { id: row.createdBy, name },
    sharedBands,
    // Postgres integers are signed; MinHash slots are unsigned 32-bit.
    fingerprint: fingerprintOf(
      row.minhash?.map((v) => v >>> 0) ?? null,
      row.shingleCount,
      row.fingerprintLength,
    ),
  };
}

/**
 * An int array in PostgreSQL's binary format (array_send), as unsigned 32-bit numbers: the
 * dimension count, a nulls flag and the element type, then each dimension's length and lower
 * bound, then each element's byte length (-1 for a null, which a MinHash has none of) and value.
 */
function unsignedInts(bytes: Uint8Array): number[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dimensions = view.getInt32(0);
  const count = dimensions === 0 ? 0 : view.getInt32(12);
  const values = new Array<number>(count);
  let at = 12 + 8 * dimensions;
  for (let i = 0; i < count; i++) {
    const size = view.getInt32(at);
    values[i] = size === 4 ? view.getUint32(at + 4) : 0;
    at += 4 + Math.max(0, size);
  }
  return values;
}

// A duplicate check runs on every clip a user makes, so its statements are prepared once per
// database handle: no query is built per check, and on PostgreSQL each statement is parsed once
// per connection and then costs one round trip (drizzle's unprepared queries cost two, a
// describe and then the execution, and a parse and plan each time). Lists go in as arrays, so
// one statement serves any number of bands or collections. Only the SQL is kept, never values.
const preparedByDb = new WeakMap<Database, Map<string, unknown>>();

function prepared<T>(db: Database, name: string, make: () => T): T {
  let byName = preparedByDb.get(db);
  if (!byName) {
    byName = new Map();
    preparedByDb.set(db, byName);
  }
  let statement = byName.get(name) as T | undefined;
  if (statement === undefined) {
    statement = make();
    byName.set(name, statement);
  }
  return statement;
}

const placeholder = (name: string) => sql.placeholder(name);

/**
 * What a candidate is read as: the columns that name the clip, who clipped it, its fingerprint.
 * The MinHash comes in the binary array format: as text, its 128 numbers cost the server an
 * output function and the client a parse per number, for every candidate.
 */
export const candidateColumns = {
  id: clips.id,
  collectionId: clips.collectionId,
  createdBy: clips.createdBy,
  createdAt: clips.createdAt,
  title: clips.title,
  url: clips.url,
  publishedAt: clips.publishedAt,
  script: clips.script,
  minhash: sql<Uint8Array | null>`array_send(${clips.minhash})`.as('minhash'),
  shingleCount: clips.shingleCount,
  fingerprintLength: clips.fingerprintLength,
  name: users.name,
};

/** A row of the band or exact statement. */
export type CandidateRow = Omit<
  Awaited<ReturnType<ReturnType<typeof bandStatement>['execute']>>[number],
  'shared'
>;

export function candidateOf(row: CandidateRow, sharedBands: number): DuplicateCandidate<NamedClip> {
  return {
    clip: {
      id: row.id,
      collectionId: row.collectionId,
      createdBy: row.createdBy,
      createdAt: row.createdAt,
      data: {
        title: row.title,
        url: row.url,
        publishedAt: row.publishedAt,
        script: row.script as Clip['script'],
      },
    },
    clippedBy: { id: row.createdBy, name: row.name },
    sharedBands,
    fingerprint: fingerprintOf(
      row.minhash ? unsignedInts(row.minhash) : null,
      row.shingleCount,
      row.fingerprintLength,
    ),
  };
}

/**
 * Live clips sharing a band with $bands in $collectionIds, most shared first. The band index
 * alone finds them; then only their rows are read, and only the candidate columns.
 */
const bandStatement = (db: Database) =>
  prepared(db, 'bands', () => {
    const matches = db
      .select({ clipId: clipBands.clipId, shared: sql<number>`count(*)::int`.as('shared') })
      .from(clipBands)
      .where(
        and(
          sql`${clipBands.band} = any(${placeholder('bands')}::text[])`,
          sql`${clipBands.collectionId} = any(${placeholder('collectionIds')}::uuid[])`,
          sql`${clipBands.clipId} is distinct from ${placeholder('excludeClipId')}::uuid`,
        ),
      )
      .groupBy(clipBands.clipId)
      .orderBy(sql`count(*) desc`)
      .limit(placeholder('limit'))
      .as('matches');
    return (
      db
        .select({ ...candidateColumns, shared: matches.shared })
        .from(matches)
        .innerJoin(clips, eq(clips.id, matches.clipId))
        .innerJoin(users, eq(users.id, clips.createdBy))
        .where(isNull(clips.deletedAt))
        // Clips written in one batch share their time: the (time-ordered) id settles the order.
        .orderBy(sql`${matches.shared} desc`, clips.createdAt, clips.id)
        .prepare('near_duplicate_candidates')
    );
  });

/**
 * Live clips in the given collections that share at least one band with `bands`, most shared
 * first: the candidates a near-duplicate check verifies. Reads the band index, then the
 * candidates' names and fingerprints, one statement.
 */
export async function nearDuplicateCandidates(
  db: Database,
  params: { collectionIds: string[]; bands: string[]; excludeClipId?: string; limit?: number },
): Promise<DuplicateCandidate<NamedClip>[]> {
  if (params.collectionIds.length === 0 || params.bands.length === 0) return [];
  const rows = await bandStatement(db).execute({
    bands: params.bands,
    collectionIds: params.collectionIds,
    excludeClipId: params.excludeClipId ?? null,
    limit: params.limit ?? 50,
  });
  return rows.map((row) => candidateOf(row, row.shared));
}

/** Live clips with $normalizedUrl, then those with $textHash, each oldest first: one statement. */
const exactStatement = (db: Database) =>
  prepared(db, 'exact', () => {
    const by = (match: 'url' | 'text') =>
      db
        .select({
          ...candidateColumns,
          match: sql<'url' | 'text'>`${sql.raw(`'${match}'`)}`.as('match'),
        })
        .from(clips)
        .innerJoin(users, eq(users.id, clips.createdBy))
        .where(
          and(
            match === 'url'
              ? sql`${clips.normalizedUrl} = ${placeholder('normalizedUrl')}`
              : sql`${clips.textHash} = ${placeholder('textHash')}`,
            sql`${clips.collectionId} = any(${placeholder('collectionIds')}::uuid[])`,
            isNull(clips.deletedAt),
            sql`${clips.id} is distinct from ${placeholder('excludeClipId')}::uuid`,
          ),
        )
        .orderBy(clips.createdAt, clips.id)
        .limit(50);
    return by('url')
      .unionAll(by('text'))
      .orderBy(clips.createdAt, clips.id)
      .prepare('exact_matches');
  });

/**
 * Live clips with this normalised URL or this text hash: the exact matches, up to 50 of each,
 * oldest first, with their names and fingerprints. Both index lookups go in one statement.
 */
export async function exactMatches(
  db: Database,
  params: {
    collectionIds: string[];
    normalizedUrl: string | null;
    textHash: string | null;
    excludeClipId?: string;
  },
): Promise<{
  sameUrl: DuplicateCandidate<NamedClip>[];
  sameText: DuplicateCandidate<NamedClip>[];
}> {
  const sameUrl: DuplicateCandidate<NamedClip>[] = [];
  const sameText: DuplicateCandidate<NamedClip>[] = [];
  if (params.collectionIds.length === 0 || (!params.normalizedUrl && !params.textHash)) {
    return { sameUrl, sameText };
  }
  const rows = await exactStatement(db).execute({
    // An empty URL or hash is "none", as it was when each lookup ran only when given.
    normalizedUrl: params.normalizedUrl || null,
    textHash: params.textHash || null,
    collectionIds: params.collectionIds,
    excludeClipId: params.excludeClipId ?? null,
  });
  for (const row of rows) (row.match === 'url' ? sameUrl : sameText).push(candidateOf(row, 0));
  return { sameUrl, sameText };
}

/**
 * Every pair of live clips in a collection that share a band, with the clips: what the
 * collection's duplicate groups are verified from. Pairs come from the band index alone.
 */
export async function bandPairsIn(
  db: Database,
  collectionId: string,
): Promise<{
  pairs: { a: string; b: string; shared: number }[];
  clips: Map<string, DuplicateCandidate>;
}> {
  const a = alias(clipBands, 'a');
  const b = alias(clipBands, 'b');
  const pairs = await db
    .select({ a: a.clipId, b: b.clipId, shared: sql<number>`count(*)::int` })
    .from(a)
    .innerJoin(
      b,
      and(eq(a.band, b.band), eq(a.collectionId, b.collectionId), sql`${a.clipId} < ${b.clipId}`),
    )
    .where(eq(a.collectionId, collectionId))
    .groupBy(a.clipId, b.clipId);
  const ids = [...new Set(pairs.flatMap((p) => [p.a, p.b]))];
  const clipsById = new Map<string, DuplicateCandidate>();
  // Without their bodies: a group needs the metadata and the fingerprint, and a collection may
  // hold thousands of reposts (an export with one clip per group reads them all first).
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .select({ row: summaryColumns(), name: users.name })
      .from(clips)
      .innerJoin(users, eq(users.id, clips.createdBy))
      .where(and(inArray(clips.id, ids.slice(i, i + 500)), isNull(clips.deletedAt)));
    for (const r of rows) clipsById.set(r.row.id, toCandidate(r.row, r.name, 0));
  }
  return { pairs, clips: clipsById };
}
