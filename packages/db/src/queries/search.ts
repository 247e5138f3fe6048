import { isNull, type SQL, sql } from 'drizzle-orm';
import type { Database } from '../client';
import { clips } from '../schema';
import { lexemeQuery, parseSearchQuery, type SearchQuery, searchColumns } from '../search/tokens';
import { type ClipFilters, filterConditions } from './list-clips';
import { rowsOf } from './rows';

export const DEFAULT_SEARCH_LIMIT = 20;
export const MAX_SEARCH_LIMIT = 100;
/** Characters of body shown either side of the first hit. */
const SNIPPET_RADIUS = 30;
/**
 * A query whose words the index finds in this many clips or more is broad. Ranking reads every
 * match's body (about 10 µs each), so a narrower query is ranked whole, and a broad one is listed
 * newest first instead, which costs the page, not the collection.
 */
export const BROAD_MATCHES = 300;
/**
 * How many of the newest clips (per row asked for) a broad search tests one by one before it
 * turns to the index for the older matches: enough for a word in one clip of forty.
 */
export const WALK_ROWS_PER_HIT = 40;
/**
 * What testing one of the newest clips costs (its row fetched, its body searched), in entries of
 * a word's index posting list, which a window reads whole (windowStatement): set so that walking
 * and the window cost the same for a word in about one clip in eleven at 100,000 clips on
 * PostgreSQL 15 (bench:search; about 14 ms each on this machine).
 */
export const WALKED_ROW_COST = 15;
/**
 * The walk is chosen only when it looks this many times cheaper than the window: the statistics'
 * share is a sample, a phrase is rarer than its rarest bigram, and a walk that comes up short
 * pays for the index as well.
 */
export const WALK_MARGIN = 2;

/**
 * How the hits are ordered. `relevance`: every match ranked (title hits first, then by rank).
 * `recency`: a broad query's matches newest first through every page; within a page the title
 * hits come first, and rank is computed for the page's hits only.
 */
export type SearchOrder = 'relevance' | 'recency';

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
  /**
   * How a broad query's newest-first page is read: `walk` tests the newest clips one by one;
   * `index` sorts all of the index's matches; `window` sorts only the matches among enough of
   * the newest clips to hold a page (windowRows), and falls back to `index` when they do not.
   * Chosen from the column statistics when absent (sparseInStatistics: `window` or `walk`);
   * benchmarks and tests set it to compare the three, which give the same pages.
   */
  recencyPath?: 'walk' | 'index' | 'window';
}

export interface SearchHit {
  id: string;
  collectionId: string;
  /** The clip's title as written (simplified or traditional). */
  title: string;
  /** Whether the title contains the query: such hits come first (in recency order, in a page). */
  titleHit: boolean;
  /**
   * Occurrences of the query in title and body over 1 + ln(1 + the body's bytes): more
   * occurrences rank higher, a long text's less. Computed for every hit returned.
   */
  rank: number;
  /** Whether `rank` placed the hit: true in relevance order, false in recency order. */
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
   * `relevance` when the query matched fewer than BROAD_MATCHES clips, all ranked; `recency`
   * when it is broad: every match, newest first. A cursor keeps the order it started with.
   */
  order: SearchOrder;
}

/** A cursor that this module did not make, or a ranked search's cursor once its word is broad. */
export class SearchCursorError extends Error {
  readonly field = 'cursor';
  constructor() {
    super('the search cursor is not one this search returned');
    this.name = 'SearchCursorError';
  }
}

type Cursor =
  | { order: 'relevance'; titleHit: boolean; rank: number; id: string }
  /** `createdAt` as Postgres wrote it: a JS Date would drop its microseconds and skip rows. */
  | { order: 'recency'; createdAt: string; id: string };

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function encodeCursor(cursor: Cursor): string {
  const value =
    cursor.order === 'relevance'
      ? ['relevance', cursor.titleHit, cursor.rank, cursor.id]
      : ['recency', cursor.createdAt, cursor.id];
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function decodeCursor(text: string): Cursor {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (Array.isArray(value)) {
      const [order, ...rest] = value as unknown[];
      if (order === 'relevance' && rest.length === 3) {
        const [titleHit, rank, id] = rest;
        if (
          typeof titleHit === 'boolean' &&
          typeof rank === 'number' &&
          Number.isFinite(rank) &&
          typeof id === 'string' &&
          uuid.test(id)
        ) {
          return { order, titleHit, rank, id };
        }
      }
      if (order === 'recency' && rest.length === 2) {
        const [createdAt, id] = rest;
        if (
          typeof createdAt === 'string' &&
          !Number.isNaN(Date.parse(createdAt)) &&
          typeof id === 'string' &&
          uuid.test(id)
        ) {
          return { order, createdAt, id };
        }
      }
    }
  } catch {
    // Falls through to the error below.
  }
  throw new SearchCursorError();
}

/** What the statements of one search share. */
export interface SearchPlan {
  query: SearchQuery;
  limit: number;
  cursor: Cursor | null;
  collectionIds: string[];
  filters: SQL[];
}

/** Parses and checks the parameters; null when no collection is given. */
export function planSearch(params: SearchParams): SearchPlan | null {
  const query = parseSearchQuery(params.query);
  const requested = Number.isFinite(params.limit)
    ? Math.trunc(params.limit!)
    : DEFAULT_SEARCH_LIMIT;
  const limit = Math.min(Math.max(requested, 1), MAX_SEARCH_LIMIT);
  const cursor = params.cursor ? decodeCursor(params.cursor) : null;
  // uuid's text form is lower-case; a string that is no uuid names no collection.
  const collectionIds = [
    ...new Set(params.collectionIds.filter((id) => uuid.test(id)).map((id) => id.toLowerCase())),
  ];
  if (collectionIds.length === 0) return null;
  return { query, limit, cursor, collectionIds, filters: filterConditions(params.filters ?? {}) };
}

/**
 * Finds clips whose title or body contains the query as a substring, in the given collections,
 * tombstones excluded, every match reachable through the pages. The GIN index on the bigrams
 * narrows the rows; a query longer than two Han characters is then confirmed as a substring, so
 * 医院党委 does not match 医院 … 党委.
 *
 * The index first counts the matches, up to BROAD_MATCHES. Fewer: all are ranked (`order:
 * 'relevance'`): title hits first, then by rank, then newest. As many or more: the query is
 * broad (`order: 'recency'`), and the collections are read newest first, each clip tested in
 * turn, which for a broad word takes a few rows per hit; past WALK_ROWS_PER_HIT rows per hit the
 * older matches come from the index. A query with nothing searchable in it (empty, punctuation
 * only) or over MAX_QUERY_LENGTH throws SearchQueryError (field `query`: a 400 for the API); a
 * cursor this search did not make throws SearchCursorError.
 */
export async function searchClips(db: Database, params: SearchParams): Promise<SearchResult> {
  const plan = planSearch(params);
  if (!plan) return { hits: [], nextCursor: null, order: 'relevance' };
  // One snapshot for the count, the walk and the index's rest, so they agree on which clips
  // exist; read only, so it never waits on or blocks a writer.
  return db.transaction(
    async (tx) => {
      // The planner prices @@ by rows, not by the tsvector each row's test detoasts, and would
      // pick a seq scan for a common word: 90 ms at 10,000 clips against 9 ms through the index.
      // A plan priced with a disabled node passes jit_above_cost, and compiling it takes 200 ms
      // for a query that runs in 5: no JIT.
      await tx.execute(
        sql`select set_config('enable_seqscan', 'off', true), set_config('jit', 'off', true)`,
      );
      const statistics = params.recencyPath === 'walk' ? null : await tokenStatistics(db, tx);
      const path =
        params.recencyPath ??
        (sparseInStatistics(plan.query, statistics, plan.limit) ? 'window' : 'walk');
      // Read from the index, a broad word's page comes from the clips newer than a bound, found
      // with the count: enough of the newest clips to hold a page of the word's matches.
      const window = path === 'window' ? windowRows(plan, statistics) : null;
      const { order, bound } = await chooseOrder(tx, plan, window);
      if (order === 'relevance') {
        const rows = rowsOf<Row>(await tx.execute(relevanceStatement(plan)));
        return shapeResult(rows, plan, 'relevance');
      }
      if (path !== 'walk') {
        if (bound !== null && statistics) {
          const rows = rowsOf<Row>(await tx.execute(windowStatement(plan, bound, statistics)));
          if (rows.length > plan.limit) return shapeResult(rows, plan, 'recency');
        }
        const rows = rowsOf<Row>(await tx.execute(newestStatement(plan)));
        return shapeResult(rows, plan, 'recency');
      }
      // The walk must read each collection in its index's order and stop; misjudging a
      // collection's size, the planner could instead sort all of its rows.
      await tx.execute(sql`select set_config('enable_sort', 'off', true)`);
      const walked = rowsOf<Row>(await tx.execute(walkStatement(plan)));
      const rest =
        walked.length > plan.limit
          ? []
          : rowsOf<Row>(await tx.execute(olderStatement(plan, plan.limit + 1 - walked.length)));
      return shapeResult([...walked, ...rest], plan, 'recency');
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}

/**
 * A cursor keeps its order; a first page counts. A ranked search's later page is refused once its
 * word is in twice BROAD_MATCHES clips, since ranking them all would cost what the broad order
 * saves. With `window`, the same statement finds the bound of a page's window (boundStatement)
 * and turns plain index scans off for the rest of the transaction: the window is then read with
 * bitmaps only, the bound's range of clips_collection_created_idx ANDed with the word's index
 * entries, where an index scan of the range would test each clip's tsvector instead.
 */
async function chooseOrder(
  db: Pick<Database, 'execute'>,
  plan: SearchPlan,
  window: number | null,
): Promise<{ order: SearchOrder; bound: string | null }> {
  const windowed =
    window === null
      ? sql``
      : sql`, (${boundStatement(plan, window)}) as bound,
          set_config('enable_indexscan', 'off', true) as bitmaps_only`;
  if (plan.cursor?.order === 'recency') {
    if (window === null) return { order: 'recency', bound: null };
    const [row] = rowsOf<{ bound: string | null }>(
      await db.execute(sql`select true as recency${windowed}`),
    );
    return { order: 'recency', bound: row?.bound ?? null };
  }
  const atMost = plan.cursor ? 2 * BROAD_MATCHES : BROAD_MATCHES;
  const [counted] = rowsOf<{ n: number; bound?: string | null }>(
    await db.execute(sql`select (${countStatement(plan, atMost)}) as n${windowed}`),
  );
  if (counted!.n < BROAD_MATCHES) return { order: 'relevance', bound: null };
  if (plan.cursor) {
    if (counted!.n >= atMost) throw new SearchCursorError();
    return { order: 'relevance', bound: null };
  }
  return { order: 'recency', bound: counted!.bound ?? null };
}

/**
 * SQL pieces for one plan over a clip row: `c`, or the unaliased table where the filters apply
 * (filterConditions names its columns `"clips".…`).
 */
function pieces(plan: SearchPlan, row: 'c' | 'clips' = 'c') {
  const { query } = plan;
  const title = sql.raw(`${row}.search_title`);
  const text = sql.raw(`${row}.search_text`);
  const tsquery = sql`${query.tsquery}::tsquery`;
  const needle = query.cased ? query.needle.toLowerCase() : query.needle;
  // Case matters only for letters; Han text is compared as it is, without lower()'s cost.
  const folded = (column: SQL) => (query.cased ? sql`lower(${column})` : column);
  const position = (column: SQL) => sql`strpos(${folded(column)}, ${needle})`;
  // Occurrences of the needle: the bytes replace() takes out over the needle's. octet_length
  // reads a stored text's size from its header, so the text is decompressed once, by replace.
  const occurrences = (column: SQL) =>
    sql`coalesce(octet_length(${folded(column)})
      - octet_length(replace(${folded(column)}, ${needle}, '')), 0)`;
  const titleHit = sql`coalesce(${position(title)} > 0, false)`;
  const rank = sql`((${occurrences(title)} + ${occurrences(text)}) / ${sql.raw(String(Buffer.byteLength(needle)))}
    / (1 + ln(1 + coalesce(octet_length(${text}), 0)))::float8)`;
  // The index's answer, confirmed as a substring where the index alone cannot decide.
  const contained = sql`(${titleHit} or coalesce(${position(text)} > 0, false))`;
  const confirmed = query.indexDecides ? sql`true` : contained;
  const snippet = sql`substr(${text}, greatest(${position(text)}
    - ${SNIPPET_RADIUS}, 1), ${[...query.needle].length + 2 * SNIPPET_RADIUS})`;
  const filters = sql.join(
    plan.filters.map((condition) => sql` and ${condition}`),
    sql``,
  );
  // The collection test compares text so that no btree index on collection_id can serve it: the
  // planner would otherwise filter the collection's rows by @@, detoasting each one.
  const inCollections = sql`${clips.collectionId}::text in (${sql.join(
    plan.collectionIds.map((id) => sql`${id}`),
    sql`, `,
  )})`;
  const indexed = sql`${inCollections} and ${clips.deletedAt} is null
    and ${clips.searchTokens} @@ ${tsquery}${filters}`;
  return { tsquery, titleHit, rank, contained, confirmed, snippet, filters, indexed };
}

/**
 * What a row of `clips` meets when its title or body contains `query`, as a search finds it
 * (the bigram index, then the substring where the index alone cannot decide): the text filter of
 * an export. Throws SearchQueryError for a query with nothing searchable in it.
 */
export function matchCondition(query: string): SQL {
  const plan: SearchPlan = {
    query: parseSearchQuery(query),
    limit: 1,
    cursor: null,
    collectionIds: [],
    filters: [],
  };
  const { tsquery, confirmed } = pieces(plan, 'clips');
  return sql`(${clips.searchTokens} @@ ${tsquery} and ${confirmed})`;
}

/** How many clips the index finds for the query, counting no further than `atMost`. */
export function countStatement(plan: SearchPlan, atMost: number): SQL {
  // Ids only: the index and each row's inline columns, no body read.
  return sql`select count(*)::int as n from (
    select 1 from ${clips} where ${pieces(plan).indexed} limit ${atMost}) matches`;
}

/**
 * Every match ranked: title hits first, then by rank, then newest (id: UUIDv7), keyset-paged on
 * that order. Matches come from the GIN index, each body read once to count the query in it; a
 * count of 0 is the substring check (a phrase whose bigrams are only apart).
 */
export function relevanceStatement(plan: SearchPlan): SQL {
  const { snippet, indexed } = pieces(plan);
  const clipsPieces = pieces(plan, 'clips');
  const cursor = plan.cursor?.order === 'relevance' ? plan.cursor : null;
  const key = sql`(not ranked.title_hit, -ranked.rank)`;
  const cursorKey = cursor ? sql`(${!cursor.titleHit}, ${String(-cursor.rank)}::float8)` : null;
  const after = cursor
    ? sql`(${key} > ${cursorKey} or (${key} = ${cursorKey} and ranked.id < ${cursor.id}::uuid))`
    : sql`true`;
  // `offset 0` keeps each subquery whole: every match is counted once, in the index's scan, and
  // the snippets are cut for the page's rows only.
  return sql`
    select c.id, c.collection_id, c.title, ranked.title_hit, ranked.rank, null as at,
      ${snippet} as snippet
    from (
      select id, title_hit, rank from (
        select ${clips.id} as id, ${clipsPieces.titleHit} as title_hit, ${clipsPieces.rank} as rank
        from ${clips} where ${indexed}
        offset 0
      ) counted
      where rank > 0
      order by not title_hit, rank desc, id desc
      offset 0
    ) ranked
    cross join lateral (
      select c.id, c.collection_id, c.title, c.search_text from ${clips} c
      where c.id = ranked.id offset 0
    ) c
    where ${after}
    limit ${plan.limit + 1}`;
}

/** ` and (created_at, id) <` a recency cursor's, on the `clips` in scope; empty without one. */
function olderThanCursor(plan: SearchPlan): SQL {
  const cursor = plan.cursor?.order === 'recency' ? plan.cursor : null;
  return cursor
    ? sql` and (${clips.createdAt}, ${clips.id}) < (${cursor.createdAt}::timestamptz, ${cursor.id}::uuid)`
    : sql``;
}

/** The plan's collections as a uuid[]. */
function collectionArray(plan: SearchPlan): SQL {
  return sql`array[${sql.join(
    plan.collectionIds.map((id) => sql`${id}`),
    sql`, `,
  )}]::uuid[]`;
}

/** Rows a broad search tests one by one before it asks the index for the older matches. */
function walkRows(plan: SearchPlan): number {
  return WALK_ROWS_PER_HIT * (plan.limit + 1);
}

/**
 * The newest walkRows live clips (filters applied) older than the cursor, across the
 * collections, newest first: each collection walked backwards on clips_collection_created_idx
 * (collection_id, created_at, id), the walks merged. Inline columns only.
 */
function recentClips(plan: SearchPlan): SQL {
  const before = olderThanCursor(plan);
  const rows = walkRows(plan);
  const { filters } = pieces(plan, 'clips');
  return sql`
    select recent.id, recent.created_at from unnest(${collectionArray(plan)}) as owner(collection_id)
    cross join lateral (
      select clips.id, clips.created_at from ${clips}
      where clips.collection_id = owner.collection_id and clips.deleted_at is null${filters}${before}
      order by clips.created_at desc, clips.id desc
      limit ${rows}
    ) recent
    order by recent.created_at desc, recent.id desc
    limit ${rows}`;
}

/**
 * A broad query's page: the recent clips tested newest first until limit + 1 match: the substring
 * first (the body is a fifth of the tsvector's size), then the tsvector, so a match is the
 * index's match and the substring's, as in the other orders. The rows reach the test in the
 * walk's order and the test stops with the limit, so a word in most clips reads about as many
 * rows as it returns.
 */
export function walkStatement(plan: SearchPlan): SQL {
  const { tsquery, titleHit, rank, contained, snippet } = pieces(plan);
  return sql`
    select c.id, c.collection_id, c.title, ${titleHit} as title_hit, ${rank} as rank,
      recent.created_at::text as at, ${snippet} as snippet
    from (${recentClips(plan)}) recent
    cross join lateral (
      select c.id, c.collection_id, c.title, c.search_title, c.search_text, c.search_tokens
      from ${clips} c where c.id = recent.id offset 0
    ) c
    where case when ${contained} then c.search_tokens @@ ${tsquery} else false end
    limit ${plan.limit + 1}`;
}

/**
 * A broad query's page straight from the index, newest first from the cursor: for a word the
 * statistics say is too sparse for the walk to fill a page (sparseInStatistics), which would
 * otherwise read its walkRows clips and then come here anyway.
 */
export function newestStatement(plan: SearchPlan): SQL {
  const before = olderThanCursor(plan);
  return fromIndexNewestFirst(plan, before, plan.limit + 1);
}

/** How many times the clips a page's matches are expected in that a window spans. */
export const WINDOW_MARGIN = 3;

/**
 * The newest clips a window spans: WINDOW_MARGIN times those expected to hold limit + 1 matches
 * of a word as common as the statistics' share for its rarest lexeme. Null without statistics.
 */
export function windowRows(plan: SearchPlan, statistics: TokenStatistics | null): number | null {
  if (!statistics) return null;
  const share = Math.max(shareOf(plan.query, statistics), 1e-6);
  return Math.ceil((WINDOW_MARGIN * (plan.limit + 1)) / share);
}

/**
 * The created_at (as Postgres writes it) of the `window`-th newest clip older than the cursor,
 * across the collections, tombstones and filters included: an index-only read of each
 * collection's newest entries in clips_collection_created_idx. Null when the collections hold
 * fewer clips.
 */
export function boundStatement(plan: SearchPlan, window: number): SQL {
  const before = olderThanCursor(plan);
  // Each collection's entries newest first, merged in order (no sort), the window-th taken.
  const newest = plan.collectionIds.map(
    (id) => sql`(select clips.created_at from ${clips}
      where clips.collection_id = ${id}::uuid${before}
      order by clips.created_at desc, clips.id desc limit ${window})`,
  );
  return sql`
    select newest.created_at::text from (${sql.join(newest, sql` union all `)}) newest
    order by newest.created_at desc
    offset ${window - 1} limit 1`;
}

/**
 * newestStatement within a window: only the matches created at or after `bound`. Every match
 * outside it is older than every one inside, so when the window holds limit + 1 matches they are
 * the page newestStatement would give. The index is asked for the query's rarest lexeme alone:
 * for all of a phrase's bigrams the planner expects next to no rows and would not AND the
 * window's range in; the phrase is then confirmed as a substring and by its tsvector.
 */
export function windowStatement(plan: SearchPlan, bound: string, statistics: TokenStatistics): SQL {
  const before = olderThanCursor(plan);
  const window = sql` and ${clips.collectionId} = any(${collectionArray(plan)})
    and ${clips.createdAt} >= ${bound}::timestamptz`;
  const rarest = rarestLexeme(plan.query, statistics);
  const narrowed = rarest
    ? {
        ...plan,
        query: { ...plan.query, tsquery: lexemeQuery({ lexeme: rarest.lexeme, prefix: false }) },
      }
    : plan;
  return fromIndexNewestFirst(narrowed, sql`${before}${window}`, plan.limit + 1, plan.query);
}

/**
 * The index's matches (narrowed further by `where`, SQL starting with ` and`), newest first,
 * confirmed as substrings where the index alone cannot decide, at most `count`. When the plan's
 * tsquery narrows `query`'s, a match must also hold all of `query`'s lexemes.
 */
function fromIndexNewestFirst(
  plan: SearchPlan,
  where: SQL,
  count: number,
  query = plan.query,
): SQL {
  const { titleHit, rank, confirmed, contained, snippet, indexed } = pieces(plan);
  const narrowed = query.tsquery !== plan.query.tsquery;
  const matches = narrowed
    ? sql`case when ${contained} then c.search_tokens @@ ${query.tsquery}::tsquery else false end`
    : confirmed;
  return sql`
    select c.id, c.collection_id, c.title, ${titleHit} as title_hit, ${rank} as rank,
      newest.created_at::text as at, ${snippet} as snippet
    from (
      select ${clips.id} as id, ${clips.createdAt} as created_at from ${clips}
      where ${indexed}${where}
      order by ${clips.createdAt} desc, ${clips.id} desc
      offset 0
    ) newest
    cross join lateral (
      select c.id, c.collection_id, c.title, c.search_title, c.search_text${
        narrowed ? sql`, c.search_tokens` : sql``
      } from ${clips} c
      where c.id = newest.id offset 0
    ) c
    where ${matches}
    limit ${count}`;
}

/** What ANALYZE found of the search tokens: the most common lexemes' shares of the rows. */
export interface TokenStatistics {
  /** Lexeme → the share of rows holding it, for the most common ones. */
  shares: Map<string, number>;
  /** The smallest share listed: every lexeme not listed is in fewer rows than about this. */
  floor: number;
  /** The rows of clips ANALYZE counted (every collection's: the index holds them all). */
  rows: number;
}

const STATISTICS_TTL_MS = 5 * 60_000;
const statisticsCache = new WeakMap<Database, { at: number; value: TokenStatistics | null }>();

/**
 * The most common lexemes of clips.search_tokens as ANALYZE (or autovacuum) last sampled them,
 * from pg_stats, read at most every five minutes per database; null before the table was ever
 * analysed (PGlite has no autovacuum: there, until someone runs ANALYZE). `reader` runs the
 * query (a transaction of `db`'s, which a single-connection PGlite needs). Statistics a few
 * minutes or an ANALYZE old can call a word sparse that has since spread: its page then sorts
 * all of its matches from the index, a cost that grows with them, but the same page.
 */
export async function tokenStatistics(
  db: Database,
  reader: Pick<Database, 'execute'> = db,
  maxAgeMs = STATISTICS_TTL_MS,
): Promise<TokenStatistics | null> {
  const kept = statisticsCache.get(db);
  if (kept && Date.now() - kept.at < maxAgeMs) return kept.value;
  const [row] = rowsOf<{ elems: string[] | null; freqs: number[] | null; rows: number | string }>(
    await reader.execute(sql`select most_common_elems::text::text[] as elems,
        most_common_elem_freqs as freqs,
        (select reltuples from pg_class where oid = 'clips'::regclass)::float8 as rows
      from pg_stats
      where schemaname = current_schema() and tablename = 'clips' and attname = 'search_tokens'`),
  );
  let value: TokenStatistics | null = null;
  if (row?.elems && row.freqs && row.freqs.length >= row.elems.length + 1) {
    // The frequencies end with their minimum, maximum and the share of nulls.
    const shares = new Map(row.elems.map((lexeme, i) => [lexeme, Number(row.freqs![i])]));
    value = {
      shares,
      floor: Number(row.freqs[row.elems.length]),
      rows: Math.max(0, Number(row.rows)),
    };
  }
  statisticsCache.set(db, { at: Date.now(), value });
  return value;
}

/**
 * The query's rarest lexeme by the statistics (a lexeme not listed counts at the floor) and its
 * share of rows; prefixes are skipped, so null when every lexeme is one.
 */
function rarestLexeme(
  query: SearchQuery,
  statistics: TokenStatistics,
): { lexeme: string; share: number } | null {
  let rarest: { lexeme: string; share: number } | null = null;
  for (const { lexeme, prefix } of query.lexemes) {
    if (prefix) continue;
    const share = statistics.shares.get(lexeme) ?? statistics.floor;
    if (!rarest || share < rarest.share) rarest = { lexeme, share };
  }
  return rarest;
}

/** The share of rows holding all the query's lexemes, at most: its rarest one's; 1 for prefixes. */
function shareOf(query: SearchQuery, statistics: TokenStatistics): number {
  return rarestLexeme(query, statistics)?.share ?? 1;
}

/**
 * Whether the statistics say a broad query's page is cheaper read from the index (a window of the
 * newest clips, windowStatement) than walked. The query is taken as common as its rarest lexeme
 * (a match holds them all; a lexeme not listed counts at the floor). The window reads the word's
 * whole posting list, share × rows entries (every collection's: the index is the table's); the
 * walk tests about (limit + 1) / share clips, each costing WALKED_ROW_COST entries, and must look
 * WALK_MARGIN times cheaper. So the index serves words under about 7.9% of 100,000 clips, 2.5%
 * of a million, and always those under one row in WALK_ROWS_PER_HIT, which a walk could not fill
 * a page from. A prefix, or no statistics, counts as dense: the walk, which needs none.
 */
export function sparseInStatistics(
  query: SearchQuery,
  statistics: TokenStatistics | null,
  limit = DEFAULT_SEARCH_LIMIT,
) {
  if (!statistics) return false;
  const share = shareOf(query, statistics);
  if (share * WALK_ROWS_PER_HIT < 1) return true;
  const indexCost = share * statistics.rows;
  const walkCost = (WALKED_ROW_COST * (limit + 1)) / share;
  return indexCost < WALK_MARGIN * walkCost;
}

/**
 * The matches older than every clip the walk read, newest first, from the index: for a broad
 * query whose matches are sparse among the newest clips. None when the walk read the
 * collections to their end. Same snapshot as the walk, so the same recent clips.
 */
export function olderStatement(plan: SearchPlan, count: number): SQL {
  const rows = walkRows(plan);
  return fromIndexNewestFirst(
    plan,
    sql` and (${clips.createdAt}, ${clips.id}) < (
          select walked.created_at, walked.id from (${recentClips(plan)}) walked
          order by walked.created_at, walked.id limit 1)
        and (select count(*) from (${recentClips(plan)}) walked) >= ${rows}`,
    count,
  );
}

type Row = {
  id: string;
  collection_id: string;
  title: string;
  title_hit: boolean;
  rank: number | string;
  /** created_at as text, in recency order. */
  at: string | null;
  snippet: string | null;
};

function shapeResult(rows: Row[], plan: SearchPlan, order: SearchOrder): SearchResult {
  const { needle, cased } = plan.query;
  const page = rows.slice(0, plan.limit);
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
      ranked: order === 'relevance',
      snippet,
      highlight: start < 0 ? null : { start, end: start + needle.length },
    };
  });
  const more = rows.length > plan.limit;
  if (order === 'relevance') {
    const last = hits.at(-1);
    return {
      hits,
      nextCursor:
        more && last
          ? encodeCursor({ order, titleHit: last.titleHit, rank: last.rank, id: last.id })
          : null,
      order,
    };
  }
  // The page is the next `limit` matches newest first; the cursor marks the oldest of them, and
  // only then are the page's title hits moved up (a stable sort keeps each group newest first).
  const oldest = page.at(-1);
  return {
    hits: hits.sort((a, b) => Number(b.titleHit) - Number(a.titleHit)),
    nextCursor:
      more && oldest ? encodeCursor({ order, createdAt: oldest.at!, id: oldest.id }) : null,
    order,
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
