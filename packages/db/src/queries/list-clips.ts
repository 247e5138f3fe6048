import { and, desc, getTableColumns, inArray, isNotNull, isNull, type SQL, sql } from 'drizzle-orm';
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

/**
 * `clipped`: newest clipped first, on (created_at, id). `published`: newest published first on
 * (published_at, id), published_at compared as text (as written: `2024-11-20` after that day's
 * timed dates), clips without a date last, newest id first.
 */
export type ListSort = 'clipped' | 'published';

export interface ListClipsParams extends ClipFilters {
  /** The collections the caller may read (already narrowed to one when the caller asked). */
  collectionIds: string[];
  /** `clipped` when absent. A cursor is only good for the order that made it. */
  sort?: ListSort;
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

/**
 * Live clips, newest clipped first (or newest published first, undated last), keyset-paginated
 * on (created_at, id) or (published_at, id). A cursor of the other order, or none this list made,
 * throws ListCursorError.
 */
export async function listClips(db: Database, params: ListClipsParams): Promise<ListClipsResult> {
  if (params.collectionIds.length === 0) return { clips: [], nextCursor: null };
  const limit = Math.min(
    Math.max(Math.trunc(params.limit ?? DEFAULT_LIST_LIMIT), 1),
    MAX_LIST_LIMIT,
  );
  const sort = params.sort ?? 'clipped';
  const cursor = params.cursor ? decodeCursor(params.cursor, sort) : null;
  if (sort === 'published') {
    return listByPublished(db, params, limit, cursor as PublishedCursor | null);
  }
  const where: SQL[] = [
    inArray(clips.collectionId, params.collectionIds),
    isNull(clips.deletedAt),
    ...filterConditions(params),
  ];
  if (cursor) {
    const { createdAt, id } = cursor as ClippedCursor;
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
    nextCursor: rows.length > limit && last ? encodeCursor([last.at, last.id]) : null,
  };
}

/**
 * Newest published first, undated last: the dated clips after the cursor and the undated ones
 * after it, each read in the order of clips_collection_published_id_idx (collection_id,
 * published_at, id) and cut at the page, then the two merged. An OR of the two conditions
 * would read every row before the cursor instead.
 */
async function listByPublished(
  db: Database,
  params: ListClipsParams,
  limit: number,
  cursor: PublishedCursor | null,
): Promise<ListClipsResult> {
  const shared: SQL[] = [
    inArray(clips.collectionId, params.collectionIds),
    isNull(clips.deletedAt),
    ...filterConditions(params),
  ];
  const columns = params.withoutBody ? summaryColumns() : getTableColumns(clips);
  const dated =
    cursor && cursor.publishedAt === null
      ? []
      : await db
          .select(columns)
          .from(clips)
          .where(
            and(
              ...shared,
              isNotNull(clips.publishedAt),
              cursor
                ? sql`(${clips.publishedAt}, ${clips.id}) < (${cursor.publishedAt}, ${cursor.id}::uuid)`
                : undefined,
            ),
          )
          .orderBy(desc(clips.publishedAt), desc(clips.id))
          .limit(limit + 1);
  const undated =
    dated.length > limit
      ? []
      : await db
          .select(columns)
          .from(clips)
          .where(
            and(
              ...shared,
              isNull(clips.publishedAt),
              cursor?.publishedAt === null ? sql`${clips.id} < ${cursor.id}::uuid` : undefined,
            ),
          )
          .orderBy(desc(clips.id))
          .limit(limit + 1 - dated.length);
  const rows = [...dated, ...undated];
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    clips: page.map(toStoredClip),
    nextCursor:
      rows.length > limit && last ? encodeCursor(['published', last.publishedAt, last.id]) : null,
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

type ClippedCursor = { createdAt: string; id: string };
/** `publishedAt` as stored (text); null past the dated clips. */
type PublishedCursor = { publishedAt: string | null; id: string };

function encodeCursor(value: unknown[]): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** `[createdAt, id]` for the clipped order, `['published', publishedAt | null, id]` for the other. */
function decodeCursor(text: string, sort: ListSort): ClippedCursor | PublishedCursor {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (Array.isArray(value)) {
      if (sort === 'clipped' && value.length === 2) {
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
      if (sort === 'published' && value.length === 3 && value[0] === 'published') {
        const [, publishedAt, id] = value as unknown[];
        if (
          (publishedAt === null || (typeof publishedAt === 'string' && publishedAt.length <= 64)) &&
          typeof id === 'string' &&
          uuid.test(id)
        ) {
          return { publishedAt, id };
        }
      }
    }
  } catch {
    // Falls through to the error below.
  }
  throw new ListCursorError();
}
