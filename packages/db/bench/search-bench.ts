// Chinese search on a throwaway PostgreSQL cluster: N synthetic clips (seed paragraphs shuffled),
// then p50/p95 of searchClips for queries of 2, 3 and 6 characters drawn from the seeds.
//
//   pnpm --filter @jianbao/db bench:search [N=10000] [--dialects D] [--no-index] [--explain]
//
// --dialects D spreads the clips over D character shuffles of the seeds, so a seed word is in
// about 1/D of the clips that would otherwise hold it (see test/synthetic.ts); 1 (the default)
// is the worst case, where every query word is in most clips. --no-index also times the same
// queries with the GIN index dropped, and prints the ratio of the two. --explain prints the plans
// (EXPLAIN ANALYZE) of the statements one broad and one rare query run. After one untimed pass of
// every query down each path, the queries are timed three times: as searchClips chooses (a broad
// word the column statistics call sparse read through a window of the newest clips, others
// walked), then with every broad page walked, then with every broad page sorted from all of the
// index's matches; the last two are the baselines of the ratios printed.
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import {
  createCollection,
  createDb,
  createTeam,
  createUser,
  type Database,
  migrate,
  type SearchParams,
  searchClips,
} from '../src';
import { rowsOf } from '../src/queries/rows';
import {
  BROAD_MATCHES,
  countStatement,
  olderStatement,
  planSearch,
  relevanceStatement,
  sparseInStatistics,
  tokenStatistics,
  walkStatement,
} from '../src/queries/search';
import { parseSearchQuery } from '../src/search/tokens';
import { seedClips } from '../test/fixtures';
import { startCluster } from '../test/pg-cluster';
import { insertClipsDirect, random, syntheticClips } from '../test/synthetic';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const option = (name: string) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const count = Number(
  args.find((a, i) => /^\d+$/.test(a) && args[i - 1] !== '--dialects') ?? 10_000,
);
const dialects = Number(option('--dialects') ?? 1);
const QUERIES_PER_LENGTH = 20;
const RUNS_PER_QUERY = 5;

/** Han-only substrings of the seed texts, `length` characters each, drawn reproducibly. */
function sampleQueries(length: number, n: number): string[] {
  const next = random(length * 101);
  const texts = seedClips.map((c) => c.normalizedText);
  const found = new Set<string>();
  while (found.size < n) {
    const text = texts[Math.floor(next() * texts.length)]!;
    const start = Math.floor(next() * (text.length - length));
    const query = text.slice(start, start + length);
    if (new RegExp(`^\\p{Script=Han}{${length}}$`, 'u').test(query)) found.add(query);
  }
  return [...found];
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Clips holding each query, counted once by a scan (the same with or without the index). */
const matchCounts = new Map<string, number>();

async function matchesOf(db: Database, query: string): Promise<number> {
  let n = matchCounts.get(query);
  if (n === undefined) {
    const [counted] = rowsOf<{ n: number }>(
      await db.execute(
        sql`select count(*)::int as n from clips
          where strpos(search_title, ${query}) > 0 or strpos(search_text, ${query}) > 0`,
      ),
    );
    n = counted!.n;
    matchCounts.set(query, n);
  }
  return n;
}

async function timeQueries(
  db: Database,
  collectionId: string,
  queries: string[],
  runs: number,
  recencyPath?: SearchParams['recencyPath'],
) {
  const times: number[] = [];
  const nextPageTimes: number[] = [];
  /** Each query's slowest run, and its matches. */
  const slowest: { query: string; ms: number; matches: number }[] = [];
  let matched = 0;
  let recency = 0;
  for (const query of queries) {
    const matches = await matchesOf(db, query);
    matched += matches;
    let worst = 0;
    for (let run = 0; run < runs; run++) {
      let start = performance.now();
      const result = await searchClips(db, { collectionIds: [collectionId], query, recencyPath });
      const ms = performance.now() - start;
      times.push(ms);
      worst = Math.max(worst, ms);
      if (run === 0 && result.order === 'recency') recency++;
      if (result.nextCursor) {
        start = performance.now();
        await searchClips(db, {
          collectionIds: [collectionId],
          query,
          cursor: result.nextCursor,
          recencyPath,
        });
        nextPageTimes.push(performance.now() - start);
      }
    }
    slowest.push({ query, ms: worst, matches });
  }
  slowest.sort((a, b) => b.ms - a.ms);
  times.sort((a, b) => a - b);
  nextPageTimes.sort((a, b) => a - b);
  return {
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    /** The second page, where there is one. */
    nextP95: nextPageTimes.length > 0 ? percentile(nextPageTimes, 95) : Number.NaN,
    meanMatches: Math.round(matched / queries.length),
    /** Queries broad enough (BROAD_MATCHES) to be listed newest first. */
    recency,
    slowest: slowest.slice(0, 3),
  };
}

/** EXPLAIN ANALYZE of each statement one search runs, for one query. */
async function explain(db: Database, collectionId: string, query: string) {
  const plan = planSearch({ collectionIds: [collectionId], query })!;
  const statements = {
    count: countStatement(plan, BROAD_MATCHES),
    relevance: relevanceStatement(plan),
    walk: walkStatement(plan),
    older: olderStatement(plan, plan.limit + 1),
  };
  for (const [name, statement] of Object.entries(statements)) {
    const lines = await db.transaction(async (tx) => {
      await tx.execute(
        sql`select set_config('enable_seqscan', 'off', true), set_config('jit', 'off', true)`,
      );
      // As searchClips runs them.
      if (name === 'walk' || name === 'older') await tx.execute(sql`set local enable_sort = off`);
      return rowsOf<Record<string, string>>(
        await tx.execute(sql`explain (analyze, buffers, costs off) ${statement}`),
      );
    });
    console.log(`--- ${query}: ${name}`);
    for (const line of lines) console.log(Object.values(line)[0]);
  }
}

async function main() {
  const cluster = await startCluster();
  const handle = createDb({ url: cluster.url });
  try {
    const { db } = handle;
    await migrate(handle);
    const user = await createUser(db, {
      email: 'bench@example.cn',
      name: '基准',
      passwordHash: 'x',
    });
    const team = await createTeam(db, { name: '基准', ownerUserId: user.id });
    const collection = await createCollection(db, { name: '基准', teamId: team.id });

    let start = performance.now();
    const clips = syntheticClips(count, { dialects });
    const made = performance.now() - start;
    start = performance.now();
    // A bulk load builds the GIN index once, after the rows: far faster than row by row.
    await db.execute(sql`drop index clips_search_tokens_idx`);
    await insertClipsDirect(db, { collectionId: collection.id, createdBy: user.id, clips });
    await db.execute(sql`create index clips_search_tokens_idx on clips using gin (search_tokens)`);
    const inserted = performance.now() - start;
    start = performance.now();
    await db.execute(sql`vacuum analyze clips`);
    const vacuumed = performance.now() - start;
    const [size] = rowsOf<{ table: string; index: string }>(
      await db.execute(sql`
        select pg_size_pretty(pg_total_relation_size('clips')) as table,
          pg_size_pretty(pg_relation_size('clips_search_tokens_idx')) as index`),
    );
    console.log(
      `${count} clips, ${dialects} dialect(s): made in ${(made / 1000).toFixed(1)} s, inserted ` +
        `in ${(inserted / 1000).toFixed(1)} s (${Math.round(count / (inserted / 1000))}/s), ` +
        `vacuum analyze ${(vacuumed / 1000).toFixed(1)} s; ${JSON.stringify(size)}`,
    );

    const lengths = [2, 3, 6];
    const queries = new Map(lengths.map((l) => [l, sampleQueries(l, QUERIES_PER_LENGTH)]));
    type Timing = Awaited<ReturnType<typeof timeQueries>>;
    const report = async (
      label: string,
      runs: number,
      recencyPath?: SearchParams['recencyPath'],
    ) => {
      const timings = new Map<number, Timing>();
      for (const [length, list] of queries) {
        const r = await timeQueries(db, collection.id, list, runs, recencyPath);
        timings.set(length, r);
        console.log(
          `${label} ${length} chars: p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms, ` +
            `next page p95 ${r.nextP95.toFixed(1)} ms (${list.length} queries × ` +
            `${runs}, ${r.meanMatches} matching clips on average; ${r.recency} broad ` +
            `(≥ ${BROAD_MATCHES} index matches), newest first)`,
        );
        console.log(
          `         slowest: ${r.slowest.map((q) => `${q.query} ${q.ms.toFixed(1)} ms (${q.matches} clips)`).join(', ')}`,
        );
      }
      return timings;
    };
    if (flag('--explain')) {
      const counted = await Promise.all(
        [...queries.values()].flat().map(async (q) => [q, await matchesOf(db, q)] as const),
      );
      counted.sort((a, b) => b[1] - a[1]);
      await explain(db, collection.id, counted[0]![0]);
      await explain(db, collection.id, counted.at(-1)![0]);
    }
    const statistics = await tokenStatistics(db, db, 0);
    for (const [length, list] of queries) {
      const sparse = list.filter((q) => sparseInStatistics(parseSearchQuery(q), statistics));
      console.log(
        `${length} chars: ${sparse.length} of ${list.length} queries sparse by the statistics ` +
          `(read through a window of the newest clips when broad), ${statistics?.shares.size ?? 0} lexemes listed, ` +
          `floor ${statistics?.floor ?? '-'}`,
      );
    }
    // One untimed pass of every query down each path first: the table was just written, and the
    // first path timed would otherwise pay alone for reading its pages into the cache.
    for (const list of queries.values())
      for (const query of list)
        for (const recencyPath of ['walk', 'index', 'window'] as const)
          await searchClips(db, { collectionIds: [collection.id], query, recencyPath });
    const indexed = await report('chosen  ', RUNS_PER_QUERY);
    // The same queries with every broad page walked (as before the statistics were read), and
    // with every broad page sorted from all of the index's matches (as before the window).
    const walked = await report('walk    ', RUNS_PER_QUERY, 'walk');
    const whole = await report('no window', RUNS_PER_QUERY, 'index');
    for (const [length, i] of indexed) {
      const w = walked.get(length)!;
      const x = whole.get(length)!;
      console.log(
        `chosen ÷ always walked, ${length} chars: p50 ×${(i.p50 / w.p50).toFixed(2)}, ` +
          `p95 ×${(i.p95 / w.p95).toFixed(2)}; chosen ÷ whole index: p50 ` +
          `×${(i.p50 / x.p50).toFixed(2)}, p95 ×${(i.p95 / x.p95).toFixed(2)}`,
      );
    }
    if (flag('--no-index')) {
      await db.execute(sql`drop index clips_search_tokens_idx`);
      await db.execute(sql`analyze clips`);
      // One run a query: a scan of every clip takes seconds at 100k.
      const scanned = await report('no index', 1);
      for (const [length, i] of indexed) {
        const n = scanned.get(length)!;
        console.log(
          `no index ÷ index, ${length} chars: p50 ×${(n.p50 / i.p50).toFixed(1)}, ` +
            `p95 ×${(n.p95 / i.p95).toFixed(1)}`,
        );
      }
    }
  } finally {
    await handle.close();
    await cluster.stop();
  }
}

await main();
