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
 * A query whose words the index finds in this many clips or more is broad. Ranking reads every
 * match's body (about 10 µs each), so a narrower query is ranked whole, and a broad one is listed
 * newest first instead, which costs the page, not the collection.
 */
export const BROAD_MATCHES = 300;
/**
 * How many of the newest clips (per row asked for) a broad search tests one by one (about 10 µs
 * each) before it turns to the index for the older matches (about 2 µs for each of the word's
 * clips): enough for a word in one clip of forty, which at 100,000 clips is cheaper to walk to
 * than to sort from the index; a word sparser among the newest clips is sorted from the index.
 */
export const WALK_ROWS_PER_HIT = 40;

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
   * How a broad query's newest-first page is read: `walk` tests the newest clips one by one,
   * `index` sorts the index's matches. Chosen from the column statistics when absent (see
   * sparseInStatistics); benchmarks and tests set it to compare the two, which give the same
   * pages.
   */
  recencyPath?: 'walk' | 'index';
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
      const order = await chooseOrder(tx, plan);
      if (order === 'relevance') {
        const rows = rowsOf<Row>(await tx.execute(relevanceStatement(plan)));
        return shapeResult(rows, plan, 'relevance');
      }
      // The walk must read each collection in its index's order and stop; misjudging a
      // collection's size, the planner could instead sort all of its rows.
      const path =
        params.recencyPath ??
        (sparseInStatistics(plan.query, await tokenStatistics(db, tx)) ? 'index' : 'walk');
      if (path === 'index') {
        const rows = rowsOf<Row>(await tx.execute(newestStatement(plan)));
        return shapeResult(rows, plan, 'recency');
      }
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
 * saves.
 */
async function chooseOrder(db: Database, plan: SearchPlan): Promise<SearchOrder> {
  if (plan.cursor?.order === 'recency') return 'recency';
  const atMost = plan.cursor ? 2 * BROAD_MATCHES : BROAD_MATCHES;
  const [counted] = rowsOf<{ n: number }>(await db.execute(countStatement(plan, atMost)));
  if (counted!.n < BROAD_MATCHES) return 'relevance';
  if (plan.cursor) {
    if (counted!.n >= atMost) throw new SearchCursorError();
    return 'relevance';
  }
  return 'recency';
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
  const cursor = plan.cursor?.order === 'recency' ? plan.cursor : null;
  const before = cursor
    ? sql` and (clips.created_at, clips.id) < (${cursor.createdAt}::timestamptz, ${cursor.id}::uuid)`
    : sql``;
  const rows = walkRows(plan);
  const { filters } = pieces(plan, 'clips');
  return sql`
    select recent.id, recent.created_at from unnest(array[${sql.join(
      plan.collectionIds.map((id) => sql`${id}`),
      sql`, `,
    )}]::uuid[]) as owner(collection_id)
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
  const cursor = plan.cursor?.order === 'recency' ? plan.cursor : null;
  const before = cursor
    ? sql` and (${clips.createdAt}, ${clips.id}) < (${cursor.createdAt}::timestamptz, ${cursor.id}::uuid)`
    : sql``;
  return fromIndexNewestFirst(plan, before, plan.limit + 1);
}

/**
 * The index's matches (narrowed further by `where`, SQL starting with ` and`), newest first,
 * confirmed as substrings where the index alone cannot decide, at most `count`.
 */
function fromIndexNewestFirst(plan: SearchPlan, where: SQL, count: number): SQL {
  const { titleHit, rank, confirmed, snippet, indexed } = pieces(plan);
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
      select c.id, c.collection_id, c.title, c.search_title, c.search_text from ${clips} c
      where c.id = newest.id offset 0
    ) c
    where ${confirmed}
    limit ${count}`;
}

/** What ANALYZE found of the search tokens: the most common lexemes' shares of the rows. */
export interface TokenStatistics {
  /** Lexeme → the share of rows holding it, for the most common ones. */
  shares: Map<string, number>;
  /** The smallest share listed: every lexeme not listed is in fewer rows than about this. */
  floor: number;
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
  const [row] = rowsOf<{ elems: string[] | null; freqs: number[] | null }>(
    await reader.execute(sql`select most_common_elems::text::text[] as elems,
        most_common_elem_freqs as freqs
      from pg_stats
      where schemaname = current_schema() and tablename = 'clips' and attname = 'search_tokens'`),
  );
  let value: TokenStatistics | null = null;
  if (row?.elems && row.freqs && row.freqs.length >= row.elems.length + 1) {
    // The frequencies end with their minimum, maximum and the share of nulls.
    const shares = new Map(row.elems.map((lexeme, i) => [lexeme, Number(row.freqs![i])]));
    value = { shares, floor: Number(row.freqs[row.elems.length]) };
  }
  statisticsCache.set(db, { at: Date.now(), value });
  return value;
}

/**
 * Whether the statistics show the query too sparse for a walk: its rarest lexeme (a match holds
 * them all) in fewer than one row in WALK_ROWS_PER_HIT, so the walk would not fill a page. A
 * lexeme not listed counts at the listed floor; a prefix, or no statistics, counts as dense.
 */
export function sparseInStatistics(query: SearchQuery, statistics: TokenStatistics | null) {
  if (!statistics) return false;
  let bound = 1;
  for (const { lexeme, prefix } of query.lexemes) {
    if (prefix) continue;
    bound = Math.min(bound, statistics.shares.get(lexeme) ?? statistics.floor);
  }
  return bound * WALK_ROWS_PER_HIT < 1;
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
