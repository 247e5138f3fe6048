import { bandKeys, type NearDupFingerprint } from '@jianbao/core';
import { and, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Database } from '../client';
import { clipBands, clips, users } from '../schema';
import { type StoredClip, summaryColumns, toStoredClip } from './clips';

/** A stored clip as a near-duplicate candidate: the clip, who clipped it, its fingerprint. */
export interface DuplicateCandidate {
  clip: StoredClip;
  clippedBy: { id: string; name: string };
  /** How many LSH bands it shares with the query (0 for URL or exact-text matches). */
  sharedBands: number;
  fingerprint: NearDupFingerprint | null;
}

type Row = typeof clips.$inferSelect;

function fingerprintOf(stored: number[], shingleCount: number, length: number): NearDupFingerprint {
  const minhash = stored.map((v) => v >>> 0);
  return { minhash, bands: bandKeys(minhash), shingleCount, length };
}

function toCandidate(row: Row, name: string, sharedBands: number): DuplicateCandidate {
  return {
    clip: toStoredClip(row),
    clippedBy: { id: row.createdBy, name },
    sharedBands,
    fingerprint:
      row.minhash && row.shingleCount !== null && row.fingerprintLength
        ? fingerprintOf(row.minhash, row.shingleCount, row.fingerprintLength)
        : null,
  };
}

/**
 * Live clips in the given collections that share at least one band with `bands`, most shared
 * first: the candidates a near-duplicate check verifies. Reads the band index only.
 */
export async function nearDuplicateCandidates(
  db: Database,
  params: { collectionIds: string[]; bands: string[]; excludeClipId?: string; limit?: number },
): Promise<DuplicateCandidate[]> {
  if (params.collectionIds.length === 0 || params.bands.length === 0) return [];
  const matches = db
    .select({ clipId: clipBands.clipId, shared: sql<number>`count(*)::int`.as('shared') })
    .from(clipBands)
    .where(
      and(
        inArray(clipBands.band, params.bands),
        inArray(clipBands.collectionId, params.collectionIds),
        params.excludeClipId ? ne(clipBands.clipId, params.excludeClipId) : undefined,
      ),
    )
    .groupBy(clipBands.clipId)
    .orderBy(sql`count(*) desc`)
    .limit(params.limit ?? 50)
    .as('matches');
  const rows = await db
    .select({ row: clips, name: users.name, shared: matches.shared })
    .from(matches)
    .innerJoin(clips, eq(clips.id, matches.clipId))
    .innerJoin(users, eq(users.id, clips.createdBy))
    .where(isNull(clips.deletedAt))
    .orderBy(sql`${matches.shared} desc`, clips.createdAt);
  return rows.map((r) => toCandidate(r.row, r.name, r.shared));
}

/** Live clips with this normalised URL or this text hash: the exact matches. */
export async function exactMatches(
  db: Database,
  params: {
    collectionIds: string[];
    normalizedUrl: string | null;
    textHash: string | null;
    excludeClipId?: string;
  },
): Promise<{ sameUrl: DuplicateCandidate[]; sameText: DuplicateCandidate[] }> {
  const find = async (condition: ReturnType<typeof eq>) => {
    if (params.collectionIds.length === 0) return [];
    const rows = await db
      .select({ row: clips, name: users.name })
      .from(clips)
      .innerJoin(users, eq(users.id, clips.createdBy))
      .where(
        and(
          condition,
          inArray(clips.collectionId, params.collectionIds),
          isNull(clips.deletedAt),
          params.excludeClipId ? ne(clips.id, params.excludeClipId) : undefined,
        ),
      )
      .orderBy(clips.createdAt)
      .limit(50);
    return rows.map((r) => toCandidate(r.row, r.name, 0));
  };
  // Two index lookups at once: on PostgreSQL their round trips overlap.
  const [sameUrl, sameText] = await Promise.all([
    params.normalizedUrl ? find(eq(clips.normalizedUrl, params.normalizedUrl)) : [],
    params.textHash ? find(eq(clips.textHash, params.textHash)) : [],
  ]);
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

/**
 * The newest live clips sharing at least one of the facet keys (topic, institution, region,
 * tag): the candidates "more like this" ranks by content. Their normalised title and body come
 * with them; the clip JSON does too, for the answer.
 */
export async function facetNeighbours(
  db: Database,
  params: { collectionIds: string[]; keys: string[]; excludeClipId?: string; limit?: number },
): Promise<(DuplicateCandidate & { text: string })[]> {
  if (params.collectionIds.length === 0 || params.keys.length === 0) return [];
  const rows = await db
    .select({ row: clips, name: users.name })
    .from(clips)
    .innerJoin(users, eq(users.id, clips.createdBy))
    .where(
      and(
        inArray(clips.collectionId, params.collectionIds),
        isNull(clips.deletedAt),
        sql`${clips.facets} && ${sql`array[${sql.join(
          params.keys.map((k) => sql`${k}`),
          sql`, `,
        )}]::text[]`}`,
        params.excludeClipId ? ne(clips.id, params.excludeClipId) : undefined,
      ),
    )
    .orderBy(sql`${clips.createdAt} desc`)
    .limit(params.limit ?? 200);
  return rows.map((r) => ({
    ...toCandidate(r.row, r.name, 0),
    text: `${r.row.searchTitle ?? ''}\n${r.row.searchText ?? ''}`,
  }));
}
