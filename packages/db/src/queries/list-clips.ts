import { and, desc, getTableColumns, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import type { Database } from '../client';
import { clips } from '../schema';
import { type StoredClip, summaryColumns, toStoredClip } from './clips';
import { type FacetKind, facetKey } from './facets';

export const DEFAULT_LIST_LIMIT = 50;
export const MAX_LIST_LIMIT = 100;

/** Filters a list or a search narrows by, all combined with AND. */
export interface ClipFilters {
  /** Every facet given must hold. */
  facets?: Partial<Record<FacetKind, string | undefined>>;
  /** Published on or after / on or before (ISO dates; a day includes all of its times). */
  publishedFrom?: string;
  publishedTo?: string;
}

export interface ListClipsParams extends ClipFilters {
  /** The collections the caller may read (already narrowed to one when the caller asked). */
  collectionIds: string[];
  /** Read each clip's JSON without text, normalised text and HTML (what a list shows). */
  withoutBody?: boolean;
  limit?: number;
  cursor?: string | null;
}

export interface ListClipsResult {
  clips: StoredClip[];
  nextCursor: string | null;
}

/** A cursor this list did not make. */
export class ListCursorError extends Error {
  readonly field = 'cursor';
  constructor() {
    super('the list cursor is not one this list returned');
    this.name = 'ListCursorError';
  }
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Live clips, newest clipped first, keyset-paginated on (created_at, id). */
export async function listClips(db: Database, params: ListClipsParams): Promise<ListClipsResult> {
  if (params.collectionIds.length === 0) return { clips: [], nextCursor: null };
  const limit = Math.min(
    Math.max(Math.trunc(params.limit ?? DEFAULT_LIST_LIMIT), 1),
    MAX_LIST_LIMIT,
  );
  const where: SQL[] = [
    inArray(clips.collectionId, params.collectionIds),
    isNull(clips.deletedAt),
    ...filterConditions(params),
  ];
  if (params.cursor) {
    const { createdAt, id } = decodeCursor(params.cursor);
    where.push(sql`(${clips.createdAt}, ${clips.id}) < (${createdAt}::timestamptz, ${id}::uuid)`);
  }
  const rows = await db
    // The cursor keeps Postgres' microseconds: a JS Date would round them off and skip rows.
    .select({
      ...(params.withoutBody ? summaryColumns() : getTableColumns(clips)),
      at: sql<string>`${clips.createdAt}::text`,
    })
    .from(clips)
    .where(and(...where))
    .orderBy(desc(clips.createdAt), desc(clips.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    clips: page.map(toStoredClip),
    nextCursor:
      rows.length > limit && last
        ? Buffer.from(JSON.stringify([last.at, last.id])).toString('base64url')
        : null,
  };
}

/** The SQL conditions of a filter (none for an empty one). */
export function filterConditions(filters: ClipFilters): SQL[] {
  const where: SQL[] = [];
  const keys = Object.entries(filters.facets ?? {})
    .filter(([, value]) => value)
    .map(([kind, value]) => facetKey(kind as FacetKind, value!));
  if (keys.length > 0) where.push(sql`${clips.facets} @> ${toTextArray(keys)}`);
  // Dates are ISO text at varying precision, so they compare as strings: `2023-08` sorts
  // before `2023-08-09`, and the upper bound extends to the end of the day or month given.
  if (filters.publishedFrom) where.push(sql`${clips.publishedAt} >= ${filters.publishedFrom}`);
  if (filters.publishedTo) {
    where.push(sql`${clips.publishedAt} <= ${`${filters.publishedTo}\uffff`}`);
  }
  return where;
}

function toTextArray(values: string[]): SQL {
  return sql`array[${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )}]::text[]`;
}

function decodeCursor(text: string): { createdAt: string; id: string } {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2) {
      const [createdAt, id] = value as unknown[];
      if (
        typeof createdAt === 'string' &&
        !Number.isNaN(Date.parse(createdAt)) &&
        typeof id === 'string' &&
        uuid.test(id)
      ) {
        return { createdAt, id };
      }
    }
  } catch {
    // Falls through to the error below.
  }
  throw new ListCursorError();
}
