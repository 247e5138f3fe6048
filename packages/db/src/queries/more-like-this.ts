import type { BigramFrequencies } from '@jianbao/core';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Database } from '../client';
import { clips, collections, users } from '../schema';
import {
  type CandidateRow,
  candidateColumns,
  candidateOf,
  type DuplicateCandidate,
  type NamedClip,
} from './near-duplicates';
import { rowsOf } from './rows';

// --- the collections' bigram frequencies ---------------------------------------------------------

/** How many of the newest clips the frequencies are counted over. */
const FREQUENCY_SAMPLE = 2_000;
/** How long counted frequencies serve before they are counted again (in the background). */
const FREQUENCY_TTL_MS = 5 * 60_000;
/** Writes since the count, as a share of the clips counted, after which it is counted again. */
const CHANGED_SHARE = 0.1;
/** A count over fewer clips than this is cheap: a stale one is redone before it is used. */
const SMALL_COUNT = 200;
/** Collection sets whose frequencies a database keeps, the least recently used dropped first. */
const FREQUENCY_SETS = 32;

interface Kept {
  at: number;
  /** The sum of the collections' versions when counted: their writes since are the difference. */
  versions: number;
  value: BigramFrequencies;
}

/** Per database: the counts kept, and the counts under way (one at a time per collection set). */
const frequenciesByDb = new WeakMap<
  Database,
  { kept: Map<string, Kept>; counting: Map<string, Promise<BigramFrequencies>> }
>();

/**
 * Document frequencies of the bigrams in the newest FREQUENCY_SAMPLE live clips of these
 * collections: the corpus IDF "more like this" weighs by (core's corpusIdf). Postgres counts
 * them from the stored search tokens (ts_stat), on either driver; bigrams in one clip only are
 * left out (corpusIdf counts a bigram it is not given as in one). Kept per set of collections,
 * and counted again once FREQUENCY_TTL_MS have passed or a tenth of the clips counted has been
 * written since (the collections' versions count writes): in the background while the old
 * counts serve, except for a count of under SMALL_COUNT clips, redone at once.
 */
export async function bigramFrequencies(
  db: Database,
  collectionIds: string[],
): Promise<BigramFrequencies> {
  if (collectionIds.length === 0) return { documents: 0, df: new Map() };
  const key = [...collectionIds].sort().join(',');
  let cache = frequenciesByDb.get(db);
  if (!cache) {
    cache = { kept: new Map(), counting: new Map() };
    frequenciesByDb.set(db, cache);
  }
  const { kept, counting } = cache;
  const [row] = rowsOf<{ versions: string | number | null }>(
    await db.execute(sql`select sum(${collections.version})::text as versions from ${collections}
      where ${collections.id} = any(${`{${collectionIds.join(',')}}`}::uuid[])`),
  );
  const versions = Number(row?.versions ?? 0);
  const recount = () => {
    const under = counting.get(key);
    if (under) return under;
    const count = countFrequencies(db, collectionIds)
      .then((value) => {
        kept.delete(key);
        kept.set(key, { at: Date.now(), versions, value });
        while (kept.size > FREQUENCY_SETS) kept.delete(kept.keys().next().value!);
        return value;
      })
      .finally(() => counting.delete(key));
    counting.set(key, count);
    return count;
  };
  const entry = kept.get(key);
  if (!entry) return recount();
  kept.delete(key);
  kept.set(key, entry);
  const written = versions - entry.versions;
  const stale =
    Date.now() - entry.at > FREQUENCY_TTL_MS ||
    written > CHANGED_SHARE * entry.value.documents ||
    (written > 0 && entry.value.documents < SMALL_COUNT);
  if (!stale) return entry.value;
  if (entry.value.documents < SMALL_COUNT) return recount();
  // A failed count in the background leaves the old one serving; the next check tries again.
  recount().catch(() => {});
  return entry.value;
}

/** A bigram of the search tokens (other scripts' tokens are whole words). */
const hanPair = /^\p{Script=Han}{2}$/u;

/** The sample ts_stat counts over; `%L` is the collection ids' array, quoted by format(). */
const SAMPLE_QUERY = `select search_tokens from clips
  where collection_id = any(%L::uuid[]) and deleted_at is null and search_tokens is not null
  order by created_at desc limit ${FREQUENCY_SAMPLE}`;

async function countFrequencies(db: Database, collectionIds: string[]): Promise<BigramFrequencies> {
  const ids = `{${collectionIds.join(',')}}`;
  const [counted] = rowsOf<{ documents: number }>(
    await db.execute(sql`select count(*)::int as documents from (
        select 1 from ${clips}
        where ${clips.collectionId} = any(${ids}::uuid[]) and ${clips.deletedAt} is null
          and ${clips.searchTokens} is not null
        limit ${FREQUENCY_SAMPLE}) sample`),
  );
  const documents = Number(counted?.documents ?? 0);
  const df = new Map<string, number>();
  if (documents > 1) {
    // ts_stat takes its query as text: the collection ids go in through format's %L, quoted.
    const rows = rowsOf<{ word: string; ndoc: number }>(
      await db.execute(sql`select word, ndoc from ts_stat(format(${SAMPLE_QUERY}, ${ids}::text))
        where ndoc > 1 and char_length(word) = 2`),
    );
    for (const row of rows) if (hanPair.test(row.word)) df.set(row.word, Number(row.ndoc));
  }
  return { documents, df };
}

// --- clips sharing the query's telling bigrams ----------------------------------------------------

/** A tsquery lexeme, quoted (bigrams of Han characters need no escapes; the guard is cheap). */
const lexeme = (term: string) => `'${term.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

/**
 * A tsquery true of a text holding at least `m` of `terms`: (t1 & atLeast(m-1, rest)) |
 * atLeast(m, rest). The GIN index decides it from the terms' posting lists alone, reading a
 * term's list once for each leaf it is (TIERS keeps the trees small).
 */
export function atLeastQuery(m: number, terms: readonly string[]): string {
  if (m <= 0 || m > terms.length) throw new RangeError(`at least ${m} of ${terms.length} terms`);
  if (m === 1) return terms.map(lexeme).join(' | ');
  if (m === terms.length) return terms.map(lexeme).join(' & ');
  const [first, ...rest] = terms;
  return `(${lexeme(first!)} & (${atLeastQuery(m - 1, rest)})) | ${atLeastQuery(m, rest)}`;
}

/**
 * How many of the terms a neighbour must hold, tier by tier: a quarter of them, then a sixth,
 * then one. A tier's tree grows about as the binomial of the terms and its share, and the index
 * reads a term's posting list for each of its leaves: 3 of 12 is 285 leaves (10 ms over 20,000
 * clips whose every bigram is common), 4 of 12 already 714 (35 ms).
 */
const TIERS = [(k: number) => Math.ceil(k / 4), (k: number) => Math.ceil(k / 6), () => 1];
/**
 * Posting-list entries a strict tier may read, by the terms' shares of the sample times the
 * table's rows: about 10 ms (3 of 12 terms read 268,000 entries in 8 ms).
 */
const TIER_ENTRY_BUDGET = 300_000;

export type ContentNeighbour = DuplicateCandidate<NamedClip> & { text: string };

/**
 * The tsquery of a tier holding at least `m` terms: of all of them when its posting lists fit
 * TIER_ENTRY_BUDGET (leaves × the terms' mean share × the table's rows), else of the fewest
 * rarest that do, down to all of `m` rarest; null when not even those fit. "Any one" always
 * runs: it reads each list once.
 */
function tierQuery(
  m: number,
  rarest: readonly { term: string; share: number }[],
  rows: number,
): string | null {
  for (let k = rarest.length; k >= m; k--) {
    const chosen = rarest.slice(0, k);
    const query = atLeastQuery(
      m,
      chosen.map((t) => t.term),
    );
    if (m === 1) return query;
    const leaves = (query.match(/'/g)?.length ?? 0) / 2;
    const mean = chosen.reduce((sum, t) => sum + t.share, 0) / k;
    if (leaves * mean * rows <= TIER_ENTRY_BUDGET) return query;
  }
  return null;
}

/**
 * Live clips in the collections holding many of `terms` (the query's telling bigrams, core's
 * tellingBigrams), at most `limit`: first those holding a quarter of them, then a sixth, then
 * any one, until the limit is reached (a tier that would read more than TIER_ENTRY_BUDGET index
 * entries asks for its count of the rarest terms only: tierQuery). Each tier is one GIN lookup over the whole of the collections. Within a tier clips come in table order, unsorted: the scan stops at the limit,
 * where sorting (newest first, say) would read every clip the tier holds, thousands when the
 * terms are common. Only the clips taken are read, with their normalised title and body for
 * ranking.
 */
export async function contentNeighbours(
  db: Database,
  params: {
    collectionIds: string[];
    terms: string[];
    /** Each term's share of the clips (as counted in a sample), for a tier's cost; 0 unknown. */
    shares?: number[];
    excludeClipIds?: string[];
    limit: number;
  },
): Promise<ContentNeighbour[]> {
  const { collectionIds, terms, limit } = params;
  if (collectionIds.length === 0 || terms.length === 0 || limit <= 0) return [];
  const found: ContentNeighbour[] = [];
  const exclude = new Set(params.excludeClipIds ?? []);
  const ids = `{${collectionIds.join(',')}}`;
  await db.transaction(
    async (tx) => {
      // The planner prices @@ by rows, not by the tsvector each row's test detoasts, and prices a
      // tree of many terms as if each were read again: it would scan every clip of the collection
      // (200 ms at 20,000), from the table or the collection's index, where the search index
      // reads the terms' posting lists once (6 ms). So no seq scan, no plain index scan, and the
      // collection tested on the rows found (coalesce() hides it from its index); no JIT for the
      // priced-up plan.
      const [table] = rowsOf<{ rows: number }>(
        await tx.execute(
          sql`select set_config('enable_seqscan', 'off', true),
            set_config('enable_indexscan', 'off', true), set_config('jit', 'off', true),
            greatest(reltuples, 0)::float8 as rows from pg_class where oid = 'clips'::regclass`,
        ),
      );
      const tableRows = Number(table?.rows ?? 0);
      // Rarest first: a strict tier over the budget asks for its share of the rarest terms only.
      const rarest = terms
        .map((term, i) => ({ term, share: params.shares?.[i] ?? 0 }))
        .sort((a, b) => a.share - b.share);
      let previous = Number.POSITIVE_INFINITY;
      for (const tier of TIERS) {
        const m = tier(terms.length);
        if (m >= previous) continue;
        const query = tierQuery(m, rarest, tableRows);
        if (query === null) continue;
        previous = m;
        const rows = await tx
          .select({
            ...candidateColumns,
            searchTitle: clips.searchTitle,
            searchText: clips.searchText,
          })
          .from(clips)
          .innerJoin(users, eq(users.id, clips.createdBy))
          .where(
            and(
              sql`coalesce(${clips.collectionId}, ${clips.collectionId}) = any(${ids}::uuid[])`,
              isNull(clips.deletedAt),
              sql`${clips.searchTokens} @@ ${query}::tsquery`,
              exclude.size > 0
                ? sql`not (${clips.id} = any(${`{${[...exclude].join(',')}}`}::uuid[]))`
                : undefined,
            ),
          )
          .limit(limit - found.length);
        for (const row of rows) {
          exclude.add(row.id);
          found.push({
            ...candidateOf(row as CandidateRow, 0),
            text: `${row.searchTitle ?? ''}\n${row.searchText ?? ''}`,
          });
        }
        if (found.length >= limit) break;
      }
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
  return found;
}
