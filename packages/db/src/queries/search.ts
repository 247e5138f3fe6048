import { isNull, type SQL, sql } from 'drizzle-orm';
import type { Database } from '../client';
import { clips } from '../schema';
import { parseSearchQuery, type SearchQuery, searchColumns } from '../search/tokens';
import { type ClipFilters, filterConditions } from './list-clips';
import { rowsOf } from './rows';

export const DEFAULT_SEARCH_LIMIT = 20;
export const MAX_SEARCH_LIMIT = 100;
/** Characters of body shown either side of the first hit. */
const SNIPPET_RADIUS = 30;

export interface SearchParams {
  /** The collections the caller may read; none gives no hits. */
  collectionIds: string[];
  /** Any substring of a title or body, simplified or traditional. */
  query: string;
  /** 1 to MAX_SEARCH_LIMIT; DEFAULT_SEARCH_LIMIT when absent. */
  limit?: number;
  /** `nextCursor` of the previous page. */
  cursor?: string | null;
  /** Narrows the hits as a list's filters do (facets, published dates). */
  filters?: ClipFilters;
}

export interface SearchHit {
  id: string;
  collectionId: string;
  /** The clip's title as written (simplified or traditional). */
  title: string;
  /** Whether the title contains the query: such hits come first. */
  titleHit: boolean;
  /**
   * ts_rank of the query's tokens over title and body, normalised by length (option 1): more
   * occurrences rank higher. Measured against counting the query in the text, this was faster
   * (the text must be read and searched for every matching row as well).
   */
  rank: number;
  /**
   * Up to SNIPPET_RADIUS characters either side of the first hit in the body, from the normalised
   * (simplified) text; the body's start when only the title matched.
   */
  snippet: string;
  /** Where the query sits in `snippet` (UTF-16 offsets, for highlighting); null when it is not there. */
  highlight: { start: number; end: number } | null;
}

export interface SearchResult {
  hits: SearchHit[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

/** A cursor that this module did not make. */
export class SearchCursorError extends Error {
  readonly field = 'cursor';
  constructor() {
    super('the search cursor is not one this search returned');
    this.name = 'SearchCursorError';
  }
}

interface Cursor {
  titleHit: boolean;
  rank: number;
  id: string;
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.titleHit, cursor.rank, cursor.id])).toString(
    'base64url',
  );
}

function decodeCursor(text: string): Cursor {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 3) {
      const [titleHit, rank, id] = value as unknown[];
      if (
        typeof titleHit === 'boolean' &&
        typeof rank === 'number' &&
        Number.isFinite(rank) &&
        typeof id === 'string' &&
        uuid.test(id)
      ) {
        return { titleHit, rank, id };
      }
    }
  } catch {
    // Falls through to the error below.
  }
  throw new SearchCursorError();
}

/**
 * Finds clips whose title or body contains the query as a substring, in the given collections,
 * tombstones excluded. The GIN index on the bigrams narrows the rows; a query longer than two
 * Han characters is then confirmed as a substring, so 医院党委 does not match 医院 … 党委.
 * Order: title hits first, then rank (ts_rank: how often title and body have the query), then id (a stable
 * order for the cursor). A query with nothing searchable in it (empty, punctuation only) or over
 * MAX_QUERY_LENGTH throws SearchQueryError (field `query`: a 400 for the API) rather than
 * returning every clip or none; a cursor this search did not make throws SearchCursorError.
 */
export async function searchClips(db: Database, params: SearchParams): Promise<SearchResult> {
  const search = searchStatement(params);
  if (!search) return { hits: [], nextCursor: null };
  const result = await db.execute(search.statement);
  return shapeResult(rowsOf<Row>(result), search.limit, search.query.needle, search.query.cased);
}

/** The statement searchClips runs (exported for EXPLAIN in tests); null when no collection is given. */
export function searchStatement(
  params: SearchParams,
): { statement: SQL; limit: number; query: SearchQuery } | null {
  const query = parseSearchQuery(params.query);
  const requested = Number.isFinite(params.limit)
    ? Math.trunc(params.limit!)
    : DEFAULT_SEARCH_LIMIT;
  const limit = Math.min(Math.max(requested, 1), MAX_SEARCH_LIMIT);
  const cursor = params.cursor ? decodeCursor(params.cursor) : null;
  if (params.collectionIds.length === 0) return null;

  const tsquery = sql`${query.tsquery}::tsquery`;
  // Case matters only for letters; Han text is compared as it is, without lower()'s cost.
  const contains = (column: SQL) =>
    query.cased
      ? sql`strpos(lower(${column}), ${query.needle.toLowerCase()})`
      : sql`strpos(${column}, ${query.needle})`;
  const inTitle = contains(sql`${clips.searchTitle}`);
  const inBody = contains(sql`${clips.searchText}`);
  const ids = sql.join(
    // uuid's text form is lower-case.
    params.collectionIds.map((id) => sql`${id.toLowerCase()}`),
    sql`, `,
  );
  // Keyset order as one row comparison, so the descending keys are flipped.
  const after = cursor
    ? sql`where (not title_hit, -rank, id) > (${!cursor.titleHit}, ${String(-cursor.rank)}::float8, ${cursor.id}::uuid)`
    : sql``;
  const snippetLength = [...query.needle].length + 2 * SNIPPET_RADIUS;

  // The collection test compares text so that no btree index on collection_id can serve it: the
  // planner does not price the detoasting of each row's tsvector that filtering a collection's
  // rows by @@ costs (25 ms for 3,000 rows, against 3 ms through the GIN index), and would
  // otherwise prefer the collection index. The page is chosen first; only its rows' bodies are
  // read again for snippets.
  const statement = sql`
    select page.id, page.collection_id, page.title, page.title_hit, page.rank,
      substr(body.search_text, greatest(${contains(sql`body.search_text`)} - ${SNIPPET_RADIUS}, 1),
        ${snippetLength}) as snippet
    from (
      select id, collection_id, title, title_hit, rank from (
        select ${clips.id} as id, ${clips.collectionId} as collection_id, ${clips.title} as title,
          coalesce(${inTitle} > 0, false) as title_hit,
          ts_rank(${clips.searchTokens}, ${tsquery}, 1)::float8 as rank
        from ${clips}
        where ${clips.collectionId}::text in (${ids})
          and ${clips.deletedAt} is null
          and ${clips.searchTokens} @@ ${tsquery}
          ${sql.join(
            filterConditions(params.filters ?? {}).map((condition) => sql`and ${condition}`),
            sql` `,
          )}
          ${query.indexDecides ? sql`` : sql`and (${inTitle} > 0 or ${inBody} > 0)`}
      ) matches
      ${after}
      order by not title_hit, -rank, id
      limit ${limit + 1}
    ) page
    join ${clips} body on body.id = page.id
    order by not page.title_hit, -page.rank, page.id`;
  return { statement, limit, query };
}

type Row = {
  id: string;
  collection_id: string;
  title: string;
  title_hit: boolean;
  rank: number | string;
  snippet: string | null;
};

function shapeResult(rows: Row[], limit: number, needle: string, cased: boolean): SearchResult {
  const page = rows.slice(0, limit);
  const hits = page.map((row): SearchHit => {
    const snippet = row.snippet ?? '';
    const start = cased
      ? snippet.toLowerCase().indexOf(needle.toLowerCase())
      : snippet.indexOf(needle);
    return {
      id: row.id,
      collectionId: row.collection_id,
      title: row.title,
      titleHit: row.title_hit,
      rank: Number(row.rank),
      snippet,
      highlight: start < 0 ? null : { start, end: start + needle.length },
    };
  });
  const last = hits.at(-1);
  return {
    hits,
    nextCursor:
      rows.length > limit && last
        ? encodeCursor({ titleHit: last.titleHit, rank: last.rank, id: last.id })
        : null,
  };
}

/** Rows written before search existed, filled in batches; returns how many were filled. */
export async function fillSearchColumns(db: Database, batchSize = 500): Promise<number> {
  let filled = 0;
  for (;;) {
    const rows = await db
      .select({ id: clips.id, data: clips.data })
      .from(clips)
      .where(isNull(clips.searchText))
      .limit(batchSize);
    for (const row of rows) {
      const search = searchColumns(row.data);
      await db
        .update(clips)
        .set({
          searchTitle: search.searchTitle,
          searchText: search.searchText,
          searchTokens: sql`${search.searchTokens}::tsvector`,
        })
        .where(sql`${clips.id} = ${row.id}`);
    }
    filled += rows.length;
    if (rows.length < batchSize) return filled;
  }
}
