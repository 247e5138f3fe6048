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
/**
 * How many of the newest matches of each group (title hits, the others) are counted and ranked.
 * Counting reads a clip's body, so ranking every match of a common word costs time in proportion
 * to the collection; past this many, the rest of a group follow newest first.
 */
export const RANK_WINDOW = 100;
/**
 * At most this many index matches are read (in the index's order, about oldest first); a word
 * in more clips than this searches only the first CANDIDATE_CAP, and says so (`rankedWithin`).
 */
export const CANDIDATE_CAP = 5000;

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
   * Occurrences of the query in title and body over 1 + ln(1 + the body's bytes): more
   * occurrences rank higher, a long text's less. 0 when the hit was not ranked.
   */
  rank: number;
  /**
   * Whether the hit is among the RANK_WINDOW newest matches of its group, which are ranked; the
   * rest follow them newest first.
   */
  ranked: boolean;
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
  /**
   * RANK_WINDOW when a group (title hits, or the others) has more matches than that, so the
   * order past them is by recency, not rank; null when every match was ranked (or none found).
   */
  rankedWithin: number | null;
  /**
   * CANDIDATE_CAP when the query's words are in more clips than that, so only the first
   * CANDIDATE_CAP index matches (about the oldest) were searched; null when all were.
   */
  searchedWithin: number | null;
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
  ranked: boolean;
  rank: number;
  id: string;
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(
    JSON.stringify([cursor.titleHit, cursor.ranked, cursor.rank, cursor.id]),
  ).toString('base64url');
}

function decodeCursor(text: string): Cursor {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 4) {
      const [titleHit, ranked, rank, id] = value as unknown[];
      if (
        typeof titleHit === 'boolean' &&
        typeof ranked === 'boolean' &&
        typeof rank === 'number' &&
        Number.isFinite(rank) &&
        typeof id === 'string' &&
        uuid.test(id)
      ) {
        return { titleHit, ranked, rank, id };
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
 * Order: title hits first; within them and within the rest, the RANK_WINDOW newest by rank (how
 * often title and body have the query), then the others newest first (id: UUIDv7, and a stable
 * order for the cursor); `rankedWithin` says when the window cut, `searchedWithin` when a word
 * in more than CANDIDATE_CAP clips was searched in that many only. A query with nothing
 * searchable in it (empty, punctuation only) or over MAX_QUERY_LENGTH throws SearchQueryError (field `query`: a 400 for the API) rather than
 * returning every clip or none; a cursor this search did not make throws SearchCursorError.
 */
export async function searchClips(db: Database, params: SearchParams): Promise<SearchResult> {
  const search = searchStatement(params);
  if (!search) return { hits: [], nextCursor: null, rankedWithin: null, searchedWithin: null };
  // The planner prices @@ by rows, not by the tsvector each row's test detoasts, and would pick
  // a seq scan for a common word: 90 ms at 10,000 clips against 9 ms through the index.
  const result = await db.transaction(async (tx) => {
    await tx.execute(sql`set local enable_seqscan = off`);
    return tx.execute(search.statement);
  });
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
  const needle = query.cased ? query.needle.toLowerCase() : query.needle;
  // Case matters only for letters; Han text is compared as it is, without lower()'s cost.
  const folded = (column: SQL) => (query.cased ? sql`lower(${column})` : column);
  const contains = (column: SQL) => sql`strpos(${folded(column)}, ${needle})`;
  // Occurrences of the needle: one pass over the text (one detoast), unlike a replace() and a
  // length(); a text without the needle splits into one piece, an empty one into none.
  const occurrences = (column: SQL) =>
    sql`greatest(coalesce(cardinality(string_to_array(${folded(column)}, ${needle})), 0) - 1, 0)`;
  const ids = sql.join(
    // uuid's text form is lower-case.
    params.collectionIds.map((id) => sql`${id.toLowerCase()}`),
    sql`, `,
  );
  // Keyset order (not title_hit, not ranked, -rank) ascending, then id descending.
  const key = sql`(not ordered.title_hit, not ordered.ranked, -ordered.rank)`;
  const after = cursor
    ? sql`(${key} > (${!cursor.titleHit}, ${!cursor.ranked}, ${String(-cursor.rank)}::float8)
        or (${key} = (${!cursor.titleHit}, ${!cursor.ranked}, ${String(-cursor.rank)}::float8)
          and ordered.id < ${cursor.id}::uuid))`
    : sql`true`;
  // A ranked row was confirmed by counting; the rest are checked only as the page takes them.
  const confirmed = query.indexDecides
    ? sql`true`
    : sql`(case when ordered.ranked then ordered.occurrences > 0
        else ordered.title_hit or ${contains(sql`body.search_text`)} > 0 end)`;
  const snippetLength = [...query.needle].length + 2 * SNIPPET_RADIUS;

  // Cost is what decides the shape. Reading a match's tsvector (ts_rank, or @@ tested row by
  // row) or body (a substring check) means detoasting kilobytes: 10 µs a row, 200 ms for a word
  // in 20,000 clips. So matches come from the GIN index only (searchClips turns seq scans off:
  // the planner does not price detoasting and would scan for a common word), at most
  // CANDIDATE_CAP of them, each read in its inline columns only (id, the short title for
  // title_hit). Of these only the RANK_WINDOW newest of each group (title hits, others) are
  // counted and ranked, their bodies fetched by id; the rest follow newest first, each body
  // checked only as the page takes it (the CASE keeps the planner from checking them all).
  //
  // The collection test compares text so that no btree index on collection_id can serve it: the
  // planner would otherwise filter the collection's rows by @@, detoasting each one.
  const statement = sql`
    select body.id, body.collection_id, body.title, ordered.title_hit, ordered.ranked,
      ordered.rank, ordered.approximate, ordered.capped,
      substr(body.search_text, greatest(${contains(sql`body.search_text`)} - ${SNIPPET_RADIUS}, 1),
        ${snippetLength}) as snippet
    from (
      select id, title_hit, ranked, occurrences,
        case when ranked then occurrences / (1 + ln(1 + text_bytes))::float8 else 0::float8 end
          as rank,
        approximate, candidates >= ${CANDIDATE_CAP} as capped
      from (
        select id, title_hit, recency <= ${RANK_WINDOW} as ranked,
          counts.occurrences, counts.text_bytes,
          bool_or(group_size > ${RANK_WINDOW}) over () as approximate,
          count(*) over () as candidates
        from (
          select id, title_hit,
            row_number() over (partition by title_hit order by id desc) as recency,
            count(*) over (partition by title_hit) as group_size
          from (
            select ${clips.id} as id,
              coalesce(${contains(sql`${clips.searchTitle}`)} > 0, false) as title_hit
            from ${clips}
            where ${clips.collectionId}::text in (${ids})
              and ${clips.deletedAt} is null
              and ${clips.searchTokens} @@ ${tsquery}
              ${sql.join(
                filterConditions(params.filters ?? {}).map((condition) => sql`and ${condition}`),
                sql` `,
              )}
            limit ${CANDIDATE_CAP}
          ) matches
        ) numbered
        left join lateral (
          select ${occurrences(sql`c.search_title`)} + ${occurrences(sql`c.search_text`)}
              as occurrences,
            octet_length(c.search_text) as text_bytes
          from ${clips} c
          where c.id = numbered.id and numbered.recency <= ${RANK_WINDOW}
          offset 0
        ) counts on true
      ) counted
      order by not title_hit, not ranked, rank desc, id desc
      offset 0
    ) ordered
    cross join lateral (
      select c.id, c.collection_id, c.title, c.search_text from ${clips} c
      where c.id = ordered.id
      offset 0
    ) body
    where case when ${after} then ${confirmed} else false end
    limit ${limit + 1}`;
  return { statement, limit, query };
}

type Row = {
  id: string;
  collection_id: string;
  title: string;
  title_hit: boolean;
  ranked: boolean;
  rank: number | string;
  approximate: boolean;
  capped: boolean;
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
      ranked: row.ranked,
      snippet,
      highlight: start < 0 ? null : { start, end: start + needle.length },
    };
  });
  const last = hits.at(-1);
  return {
    hits,
    nextCursor:
      rows.length > limit && last
        ? encodeCursor({
            titleHit: last.titleHit,
            ranked: last.ranked,
            rank: last.rank,
            id: last.id,
          })
        : null,
    rankedWithin: rows[0]?.approximate ? RANK_WINDOW : null,
    searchedWithin: rows[0]?.capped ? CANDIDATE_CAP : null,
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
