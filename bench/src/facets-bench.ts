// Facet counts, the overview and the list newest published first on N synthetic clips.
//
//   pnpm --filter @jianbao/bench exec node --import tsx src/facets-bench.ts \
//     [--size 100000] [--driver postgres|pglite] [--runs 5] [--explain]
//
// postgres (default): a throwaway PostgreSQL 15 cluster (@jianbao/db/testing), loaded by COPY.
// pglite: PGlite in a temp folder, loaded by multi-row INSERTs. Either way the schema is the
// migrated one, and the GIN indexes are dropped for the load and built again after it, then
// VACUUM ANALYZE. The rows are as the API writes them: a pool of 2,000 synthetic drafts (seed
// paragraphs mixed, api-support.ts) completed by core as the API's intake does, taxonomy and
// all, each stored many times under its own id and creation time, with a publication date drawn
// from 2015–2025 (15% undated, 10% only a month), 0–3 of 30 tags, and facets to match.
//
// Each case runs once to warm up, then --runs times; the median and the slowest are printed.
// The same db functions the API calls (facetCounts, overview, listClips) are timed in this
// process, so the figures include the driver's round trips but not HTTP. Figures are printed,
// never enforced; each with its ratio to the list's first page. The `page:` cases time the
// collection's web pages through the whole app (createApp, a viewer's cookie), their statistics
// computed ("counted": the version bumped first, as a write does) or kept (StatsCache).
// --explain prints EXPLAIN ANALYZE of the list's statements.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createApp } from '@jianbao/api';
import {
  type ClipFilters,
  createCollection,
  createDb,
  createTeam,
  createUser,
  type DbHandle,
  facetCounts,
  listClips,
  migrate,
  overview,
} from '@jianbao/db';
import { startCluster } from '@jianbao/db/testing';
import postgres from 'postgres';
import {
  CLIP_COLUMNS,
  clipRow,
  insertRowParams,
  pgliteExecute,
  prepareClip,
  printTable,
  rowParams,
  syntheticDrafts,
  uuidv7,
} from './api-support';

const args = process.argv.slice(2);
const option = (name: string) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const size = Number(option('--size') ?? 100_000);
const driver = option('--driver') ?? 'postgres';
const runs = Number(option('--runs') ?? 5);
const explain = args.includes('--explain');
const POOL = 2000;
const TAGS = Array.from({ length: 30 }, (_, i) => `标签${i + 1}`);

const fixed = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** mulberry32, so a run can be repeated. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Row i's parameters (api-support's rowParams order) and its creation time. */
function* rows(collectionId: string, createdBy: string) {
  const next = random(7);
  const pool = syntheticDrafts(Math.min(POOL, size), { seed: 61, dialects: 1 }).map((draft) =>
    rowParams(clipRow(prepareClip(draft), { id: '', collectionId, createdBy, version: 0 })),
  );
  const facetsAt = CLIP_COLUMNS.findIndex(([name]) => name === 'facets');
  const tagsAt = CLIP_COLUMNS.findIndex(([name]) => name === 'tags');
  const publishedAt = CLIP_COLUMNS.findIndex(([name]) => name === 'published_at');
  const epoch = Date.now() - size * 1000;
  for (let i = 0; i < size; i++) {
    const params = [...pool[i % pool.length]!];
    params[0] = uuidv7();
    params[3] = String(i + 1);
    const roll = next();
    const day = new Date(Date.UTC(2015, 0, 1) + Math.floor(next() * 11 * 365) * 86_400_000)
      .toISOString()
      .slice(0, 10);
    params[publishedAt] = roll < 0.15 ? null : roll < 0.25 ? day.slice(0, 7) : day;
    const tags = [
      ...new Set(
        Array.from(
          { length: Math.floor(next() * 4) },
          () => TAGS[Math.floor(next() * TAGS.length)]!,
        ),
      ),
    ];
    const literal = (values: string[]) => `{${values.map((v) => `"${v}"`).join(',')}}`;
    params[tagsAt] = literal(tags);
    params[facetsAt] =
      `${params[facetsAt]!.slice(0, -1)}${tags.map((t) => `,"tag:${t}"`).join('')}}`;
    yield { params, createdAt: new Date(epoch + i * 1000).toISOString() };
  }
}

/** COPY's text format: backslash, tab and line breaks escaped; null is \N. */
const copyText = (s: string | null) =>
  s === null
    ? '\\N'
    : s.replace(/[\\\t\n\r]/g, (c) =>
        c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
      );

interface Loader {
  execute(text: string): Promise<unknown>;
  load(collectionId: string, createdBy: string): Promise<void>;
}

function postgresLoader(url: string): Loader & { end(): Promise<void> } {
  // Foreign-key triggers off for the bulk load: the user and collection exist.
  const raw = postgres(url, {
    onnotice: () => {},
    max: 1,
    connection: { session_replication_role: 'replica' },
  });
  const columns = [...CLIP_COLUMNS.map(([name]) => name), 'created_at', 'updated_at'];
  return {
    execute: (text) => raw.unsafe(text),
    async load(collectionId, createdBy) {
      let lines: string[] = [];
      let done = 0;
      const flush = async () => {
        await pipeline(
          Readable.from([`${lines.join('\n')}\n`]),
          await raw.unsafe(`copy clips (${columns.join(', ')}) from stdin`).writable(),
        );
        done += lines.length;
        lines = [];
        process.stdout.write(`  loaded ${fixed(done)}\r`);
      };
      for (const { params, createdAt } of rows(collectionId, createdBy)) {
        lines.push([...params, createdAt, createdAt].map(copyText).join('\t'));
        if (lines.length === 2000) await flush();
      }
      if (lines.length > 0) await flush();
    },
    end: () => raw.end(),
  };
}

function pgliteLoader(handle: DbHandle): Loader {
  const execute = pgliteExecute(handle);
  return {
    execute: (text) => execute(text, []),
    async load(collectionId, createdBy) {
      let batch: (string | null)[][] = [];
      let done = 0;
      for (const { params } of rows(collectionId, createdBy)) {
        batch.push(params);
        if (batch.length === 100) {
          await insertRowParams(execute, batch);
          done += batch.length;
          batch = [];
          if (done % 5000 === 0) process.stdout.write(`  loaded ${fixed(done)}\r`);
        }
      }
      if (batch.length > 0) await insertRowParams(execute, batch);
    },
  };
}

/** The rows of `db.execute`: PGlite answers `{ rows }`, postgres.js an array of rows. */
function rowsOf<Row>(result: unknown): Row[] {
  return (Array.isArray(result) ? result : (result as { rows: Row[] }).rows) as Row[];
}

/** Median and slowest of `runs` timed calls after one warm-up. */
async function time(run: () => Promise<unknown>): Promise<{ median: number; max: number }> {
  await run();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)]!, max: times.at(-1)! };
}

async function main() {
  const cluster = driver === 'postgres' ? await startCluster() : null;
  const dir = driver === 'pglite' ? await mkdtemp(join(tmpdir(), 'jianbao-facets-')) : null;
  const handle = cluster ? createDb({ url: cluster.url }) : createDb({ dataDir: dir! });
  const loader = cluster ? postgresLoader(cluster.url) : pgliteLoader(handle);
  try {
    const migrations = await migrate(handle);
    const { db } = handle;
    const user = await createUser(db, {
      email: 'facets-bench@example.cn',
      name: '统计测试',
      passwordHash: 'scrypt$placeholder',
    });
    const team = await createTeam(db, { name: '统计测试组', ownerUserId: user.id });
    const collection = await createCollection(db, { name: '统计测试', teamId: team.id });

    let t = performance.now();
    const indexes = rowsOf<{ indexname: string; indexdef: string }>(
      await loader.execute(`select indexname, indexdef from pg_indexes
        where tablename = 'clips' and indexdef ilike '% using gin %'`),
    );
    for (const index of indexes) await loader.execute(`drop index "${index.indexname}"`);
    await loader.load(collection.id, user.id);
    const loaded = (performance.now() - t) / 1000;
    t = performance.now();
    for (const index of indexes) await loader.execute(index.indexdef);
    await loader.execute(`update collections set version = ${size} where id = '${collection.id}'`);
    await loader.execute('vacuum analyze clips');
    console.log(
      `\n${driver}: ${fixed(size)} clips loaded in ${fixed(loaded, 1)} s, GIN indexes and VACUUM ANALYZE in ${fixed((performance.now() - t) / 1000, 1)} s`,
    );
    const [shape] = rowsOf<{ keys: number; undated: number; size: string }>(
      await loader.execute(`select
        avg(cardinality(facets))::float8 as keys,
        count(*) filter (where published_at is null)::int as undated,
        pg_size_pretty(pg_total_relation_size('clips')) as size
      from clips`),
    );
    console.log(
      `${fixed(shape!.keys, 1)} facet keys a clip, ${fixed(shape!.undated)} undated, table clips ${shape!.size} with indexes and TOAST`,
    );

    const ids = [collection.id];
    const cases: [string, () => Promise<unknown>][] = [];
    const facetCase = (name: string, filters: ClipFilters, query?: string) =>
      cases.push([`facets ${name}`, () => facetCounts(db, { collectionIds: ids, filters, query })]);
    const overviewCase = (name: string, filters: ClipFilters, query?: string) =>
      cases.push([`overview ${name}`, () => overview(db, { collectionIds: ids, filters, query })]);
    facetCase('(no filter)', {});
    facetCase('topic=party-building', { facets: { topic: 'party-building' } });
    facetCase('region=44', { facets: { region: '44' } });
    facetCase('tag=标签3 + 2020', { facets: { tag: '标签3' }, publishedFrom: '2020-01' });
    facetCase('q=医院 (in most clips)', {}, '医院');
    facetCase('q=汉阴 (rarer)', {}, '汉阴');
    overviewCase('(no filter)', {});
    overviewCase('region=44', { facets: { region: '44' } });
    overviewCase('q=汉阴', {}, '汉阴');

    const first = await facetCounts(db, { collectionIds: ids });
    console.log(
      `total ${fixed(first.total)}, topics ${first.facets.topic.length}, provinces ${first.facets.region.length}, institutions listed ${first.facets.institution.length}, published ${first.published.from} … ${first.published.to}`,
    );

    // The list newest published first: the first page, a page deep in the dated clips, the
    // first page of the undated ones; the clipped order's first page to compare.
    let cursor: string | null = null;
    for (let page = 0; page < 20; page++) {
      cursor = (await listClips(db, { collectionIds: ids, sort: 'published', limit: 50, cursor }))
        .nextCursor;
    }
    const deep = cursor;
    const undatedCursor = Buffer.from(
      JSON.stringify(['published', null, 'ffffffff-ffff-7fff-bfff-ffffffffffff']),
    ).toString('base64url');
    cases.push(
      [
        'list clipped, first page (50)',
        () => listClips(db, { collectionIds: ids, limit: 50, withoutBody: true }),
      ],
      [
        'list published, first page',
        () =>
          listClips(db, { collectionIds: ids, sort: 'published', limit: 50, withoutBody: true }),
      ],
      [
        'list published, page 21',
        () =>
          listClips(db, {
            collectionIds: ids,
            sort: 'published',
            limit: 50,
            withoutBody: true,
            cursor: deep,
          }),
      ],
      [
        'list published, undated page',
        () =>
          listClips(db, {
            collectionIds: ids,
            sort: 'published',
            limit: 50,
            withoutBody: true,
            cursor: undatedCursor,
          }),
      ],
    );

    // The collection's web pages as a viewer's browser gets them, through the whole app (cookie
    // session, the API called in process). "counted": the collection's version is bumped first,
    // as any write does, so the facets or overview are computed; "kept": the same version, as
    // when paging or coming back, so they come from the app's StatsCache.
    const app = createApp({
      db: handle,
      migrations,
      rateLimit: { limit: 1e9, windowMs: 60_000 },
      log: (line) => console.error(line),
    });
    const signup = await app.request('/auth/signup', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        email: 'viewer@example.cn',
        name: '读者',
        password: 'bench-password',
      }),
    });
    const account = (await signup.json()) as {
      user: { id: string };
      token: string;
      tokenInfo: { id: string };
    };
    await loader.execute(`insert into memberships (team_id, user_id, role)
      values ('${team.id}', '${account.user.id}', 'viewer')`);
    const cookie = `jianbao_session=${account.tokenInfo.id}.${account.token}`;
    const page = async (path: string) => {
      const response = await app.request(`/app${path}`, { headers: { cookie } });
      const html = await response.text();
      if (response.status !== 200)
        throw new Error(`${path}: ${response.status} ${html.slice(0, 200)}`);
      return html;
    };
    const bump = () =>
      loader.execute(`update collections set version = version + 1 where id = '${collection.id}'`);
    const base = `/collections/${collection.id}`;
    const firstPage = await page(base);
    const next = /href="[^"]*[?&](?:amp;)?cursor=([^"&]+)/.exec(firstPage)?.[1];
    if (!next) throw new Error('the collection page links no next page');
    const q = `?q=${encodeURIComponent('汉阴')}`;
    cases.push(
      ['page: collection, stats counted', async () => (await bump(), page(base))],
      ['page: collection, stats kept', () => page(base)],
      ['page: collection page 2, stats kept', () => page(`${base}?cursor=${next}`)],
      ['page: search q=汉阴, stats counted', async () => (await bump(), page(`${base}${q}`))],
      ['page: overview, counted', async () => (await bump(), page(`${base}/overview`))],
      ['page: overview, kept', () => page(`${base}/overview`)],
    );

    // Ratios against the list's first page in the clipped order, timed in this same run: what
    // a collection page costs anyway (the machine is shared; absolute times vary).
    const timed: [string, number, number][] = [];
    for (const [name, run] of cases) {
      const { median, max } = await time(run);
      timed.push([name, median, max]);
    }
    const baseline = timed.find(([name]) => name.startsWith('list clipped'))![1];
    printTable(
      ['case', 'median ms', 'max ms', '× list page 1'],
      timed.map(([name, median, max]) => [
        name,
        fixed(median, 1),
        fixed(max, 1),
        fixed(median / baseline, 1),
      ]),
    );

    if (explain) {
      for (const text of [
        `select id from clips where collection_id = '${collection.id}' and deleted_at is null and published_at is not null order by published_at desc, id desc limit 51`,
        `select id from clips where collection_id = '${collection.id}' and deleted_at is null and published_at is null order by id desc limit 51`,
      ]) {
        const lines = rowsOf<Record<string, string>>(
          await loader.execute(`explain (analyze, costs off) ${text}`),
        );
        console.log(`\n${text}\n${lines.map((l) => Object.values(l)[0]).join('\n')}`);
      }
    }
  } finally {
    await handle.close();
    if ('end' in loader) await (loader as { end(): Promise<void> }).end();
    await cluster?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  }
}

await main();
