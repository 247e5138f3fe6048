// Clips per second into the API's batch endpoint, against the limit of the database underneath.
//
//   pnpm --filter @jianbao/bench bench:ingest [N=5000] [--profile]
//
// On PGlite (in memory) and on a throwaway PostgreSQL, N synthetic drafts (seed paragraphs mixed,
// see api-support.ts) are stored four ways, each in its own collection:
//   - POST /collections/{id}/clips/batch, 100 clips a request, over HTTP: one client, and four
//     clients at once (each its own collection, so they do not queue on one collection's lock);
//   - upsertClips, the db package's query layer, 100 at a time, the same clips (intake done);
//   - the limit: a raw multi-row INSERT of the same rows, 100 a statement, the values prepared
//     beforehand (clip completed, search tokens and facets computed): only the database's work.
// The API runs in a child process; the other three run in this one, on their own PGlite or on the
// same PostgreSQL. The N clips are split in rounds, each method taking its share in turn with the
// order rotated, so a growing table or a noisy neighbour falls on every method alike.
// When the batch endpoint is under 25% of the limit on PostgreSQL (or with --profile), one more
// sequential pass runs under the V8 profiler and prints where the API process spent its time.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ClipDraft } from '@jianbao/core';
import {
  createCollection,
  createDb,
  createUser,
  type DbHandle,
  migrate,
  type NewClip,
  upsertClips,
} from '@jianbao/db';
import { type PgCluster, startCluster } from '@jianbao/db/testing';
import postgres from 'postgres';
import {
  CLIP_COLUMNS,
  clipRow,
  type Execute,
  fixed,
  insertRowParams,
  type PreparedClip,
  pgliteExecute,
  prepareClip,
  printTable,
  profileBreakdown,
  request,
  rowParams,
  serveApi,
  signUpWithCollections,
  syntheticDrafts,
  textParam,
  uuidv7,
} from './api-support';

const args = process.argv.slice(2);
const count = Number(args.find((a) => /^\d+$/.test(a)) ?? 5000);
const forceProfile = args.includes('--profile');
const BATCH = 100;
const CLIENTS = 4;
const TARGET = 0.25;
const rounds = Math.max(1, Math.min(5, Math.floor(count / (BATCH * CLIENTS))));

interface Method {
  name: string;
  /** Stores `indexes` (into the draft list), timed by the caller. */
  run(indexes: number[]): Promise<void>;
  seconds: number;
  clips: number;
}

/** Problems seen: requests that were not 200, items that were not created. */
const problems = new Map<string, number>();
const note = (what: string) => problems.set(what, (problems.get(what) ?? 0) + 1);

function batches<T>(items: T[], size = BATCH): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** One client's batches into its collection, each request waiting for the previous one. */
async function postBatches(
  base: string,
  token: string,
  collectionId: string,
  draftJson: string[],
  indexes: number[],
  ids?: Map<number, string>,
): Promise<void> {
  // Bodies are built before the clock's share that matters: the server's.
  const bodies = batches(indexes).map((batch) => {
    const items = batch.map((i) => {
      const id = uuidv7();
      ids?.set(i, id);
      return `{"id":"${id}","draft":${draftJson[i]}}`;
    });
    return `{"items":[${items.join(',')}]}`;
  });
  for (const body of bodies) {
    const reply = await request(base, 'POST', `/collections/${collectionId}/clips/batch`, {
      token,
      body,
    });
    if (reply.status !== 200) {
      note(`batch answered ${reply.status}: ${JSON.stringify(reply.body).slice(0, 200)}`);
      continue;
    }
    for (const result of reply.body.results as { status: string }[]) {
      if (result.status !== 'created') note(`batch item ${result.status}`);
    }
  }
}

interface Backend {
  name: 'PGlite' | 'PostgreSQL';
  url?: string;
  cluster?: PgCluster;
}

async function benchBackend(
  backend: Backend,
  drafts: ClipDraft[],
  draftJson: string[],
  prepared: PreparedClip[],
) {
  const served = await serveApi({ url: backend.url });
  const local: DbHandle = createDb(backend.url ? { url: backend.url } : {});
  await migrate(local);
  const raw = backend.url ? postgres(backend.url, { onnotice: () => {}, max: 1 }) : null;
  const execute: Execute = raw
    ? (text, params) => raw.unsafe(text, params, { prepare: true })
    : pgliteExecute(local);

  const api = await signUpWithCollections(served.base, [
    'warm-up',
    'one client',
    ...Array.from({ length: CLIENTS }, (_, i) => `client ${i + 1}`),
  ]);
  const [apiWarmUp, apiOne, ...apiMany] = api.collections as [string, string, ...string[]];
  const user = await createUser(local.db, {
    email: `bench-${uuidv7()}@example.cn`,
    name: '测试',
    passwordHash: 'not-used',
  });
  const localCollection = async (name: string) =>
    (await createCollection(local.db, { name, ownerUserId: user.id })).id;
  const upsertCollection = await localCollection('upsertClips');
  const rawCollection = await localCollection('raw insert');
  const warmUpCollection = await localCollection('warm-up');
  const apiOneIds = new Map<number, string>();

  const upsert = (collectionId: string) => async (indexes: number[]) => {
    const items = batches(indexes).map((batch) =>
      batch.map((i): NewClip => ({ clipId: uuidv7(), ...prepared[i]!, tags: [] })),
    );
    for (const clips of items) {
      const written = await upsertClips(local.db, { collectionId, createdBy: user.id, clips });
      if (written.kind !== 'done') note('upsertClips: collection not found');
    }
  };
  let rawVersion = 0;
  const rawInsert = (collectionId: string) => async (indexes: number[]) => {
    const statements = batches(indexes).map((batch) => {
      rawVersion++;
      return batch.map((i) =>
        rowParams(
          clipRow(prepared[i]!, {
            id: uuidv7(),
            collectionId,
            createdBy: user.id,
            version: rawVersion,
          }),
        ),
      );
    });
    for (const rows of statements) await insertRowParams(execute, rows);
  };

  const methods: Method[] = (
    [
      {
        name: 'API batch, 1 client',
        run: (indexes) =>
          postBatches(served.base, api.token, apiOne, draftJson, indexes, apiOneIds),
      },
      {
        name: `API batch, ${CLIENTS} clients`,
        run: async (indexes) => {
          const share = Math.ceil(indexes.length / CLIENTS);
          await Promise.all(
            apiMany.map((collectionId, c) =>
              postBatches(
                served.base,
                api.token,
                collectionId,
                draftJson,
                indexes.slice(c * share, (c + 1) * share),
              ),
            ),
          );
        },
      },
      { name: 'upsertClips (query layer)', run: upsert(upsertCollection) },
      { name: 'raw multi-row INSERT (limit)', run: rawInsert(rawCollection) },
    ] satisfies Pick<Method, 'name' | 'run'>[]
  ).map((m) => ({ ...m, seconds: 0, clips: 0 }));

  // Warm-up: JIT, prepared statements, connections; not timed.
  const warmUp = Array.from({ length: Math.min(BATCH, drafts.length) }, (_, i) => i);
  await postBatches(served.base, api.token, apiWarmUp, draftJson, warmUp);
  await upsert(warmUpCollection)(warmUp);
  await rawInsert(warmUpCollection)(warmUp);

  const perRound = Math.ceil(drafts.length / rounds);
  for (let round = 0; round < rounds; round++) {
    const indexes = Array.from(
      { length: Math.min(perRound, drafts.length - round * perRound) },
      (_, i) => round * perRound + i,
    );
    for (let k = 0; k < methods.length; k++) {
      const method = methods[(round + k) % methods.length]!;
      const start = performance.now();
      await method.run(indexes);
      method.seconds += (performance.now() - start) / 1000;
      method.clips += indexes.length;
    }
  }

  // On PostgreSQL the API's rows are in reach: check the limit inserted the same values.
  let identical: string | null = null;
  if (raw) identical = await compareWithApiRows(execute, apiOneIds, prepared, api.userId, apiOne);

  await served.stop();
  await local.close();
  await raw?.end();
  return { methods, identical };
}

/**
 * Every column of a sample of the API's rows against the values the raw insert would write for
 * the same drafts (all but `version`, which depends on the order of writes).
 */
async function compareWithApiRows(
  execute: Execute,
  ids: Map<number, string>,
  prepared: PreparedClip[],
  createdBy: string,
  collectionId: string,
): Promise<string> {
  const sample = [...ids].filter((_, k) => k % Math.max(1, Math.floor(ids.size / 50)) === 0);
  const differing = new Map<string, number>();
  let identical = 0;

  const select = `select ${CLIP_COLUMNS.map(([name, type], i) =>
    name === 'version'
      ? `${textParam(i + 1, type)} is null as c${i}`
      : `${name} is not distinct from ${textParam(i + 1, type)} as c${i}`,
  ).join(', ')} from clips where id = ${textParam(1, 'uuid')}`;
  for (const [index, id] of sample) {
    const params = rowParams(
      clipRow(prepared[index]!, { id, collectionId, createdBy, version: 0 }),
    );
    params[3] = null;
    const [row] = (await execute(select, params)) as Record<string, boolean>[];
    if (!row) {
      differing.set('(row missing)', (differing.get('(row missing)') ?? 0) + 1);
      continue;
    }
    let same = true;
    CLIP_COLUMNS.forEach(([name], c) => {
      if (row[`c${c}`]) return;
      same = false;
      differing.set(name, (differing.get(name) ?? 0) + 1);
    });
    if (same) identical++;
  }
  const summary = [...differing].map(([name, n]) => `${name} ×${n}`).join(', ');
  return `${identical}/${sample.length} sampled rows identical in every column${summary ? `; differing: ${summary}` : ''}`;
}

/** User + system CPU of a cluster's server processes (postmaster and backends), from /proc. */
async function clusterCpuMs(cluster: PgCluster): Promise<number> {
  const postmaster = Number(
    (await readFile(join(cluster.dir, 'data', 'postmaster.pid'), 'utf8')).split('\n')[0],
  );
  const ticks = 100; // USER_HZ on Linux
  let total = 0;
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => null);
    if (!stat) continue;
    // Fields after the parenthesised command name: state ppid … utime(14) stime(15).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const pid = Number(entry);
    if (pid !== postmaster && Number(fields[1]) !== postmaster) continue;
    total += ((Number(fields[11]) + Number(fields[12])) / ticks) * 1000;
  }
  return total;
}

/** A sequential pass under the profiler: the API process's self time by category. */
async function profilePass(cluster: PgCluster, draftJson: string[]) {
  const dir = await mkdtemp(join(tmpdir(), 'jianbao-ingest-prof-'));
  try {
    const served = await serveApi({ url: cluster.url });
    const api = await signUpWithCollections(served.base, ['warm-up', 'profiled']);
    const [warmUp, profiled] = api.collections as [string, string];
    const indexes = Array.from({ length: Math.min(draftJson.length, 2000) }, (_, i) => i);
    await postBatches(served.base, api.token, warmUp, draftJson, indexes.slice(0, BATCH));
    const file = join(dir, 'ingest.cpuprofile');
    await served.profile.start();
    const pgBefore = await clusterCpuMs(cluster);
    const start = performance.now();
    await postBatches(served.base, api.token, profiled, draftJson, indexes);
    const wallMs = performance.now() - start;
    const pgMs = (await clusterCpuMs(cluster)) - pgBefore;
    await served.profile.stop(file);
    await served.stop();
    const breakdown = await profileBreakdown(file);
    const busy = breakdown.categories
      .filter((b) => !b.category.startsWith('idle') && b.category !== 'the profiler itself')
      .reduce((sum, b) => sum + b.ms, 0);
    console.log(
      `\nWhere the API process's time went: ${indexes.length} clips, ${indexes.length / BATCH} sequential batch requests on PostgreSQL, under the profiler`,
    );
    console.log(
      `(${fixed(wallMs)} ms wall; PostgreSQL's processes used ${fixed(pgMs)} ms CPU meanwhile)`,
    );
    printTable(
      ['category (self time)', 'ms', 'ms/clip', '% of busy'],
      breakdown.categories.map((b) => [
        b.category,
        fixed(b.ms),
        fixed(b.ms / indexes.length, 2),
        b.category.startsWith('idle') || b.category === 'the profiler itself'
          ? ''
          : `${fixed((100 * b.ms) / busy, 1)}%`,
      ]),
    );
    console.log('');
    printTable(
      ['function (self time)', 'category', 'ms'],
      breakdown.functions.map((f) => [f.name, f.category, fixed(f.ms)]),
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function main() {
  console.log(`Preparing ${count} synthetic drafts and the rows the API would write for them…`);
  const drafts = syntheticDrafts(count, { seed: 7 });
  const draftJson = drafts.map((d) => JSON.stringify(d));
  const prepared = drafts.map(prepareClip);
  const meanBody = draftJson.reduce((s, j) => s + Buffer.byteLength(j), 0) / count;
  console.log(
    `${count} clips, ${fixed(meanBody / 1024, 1)} KB of JSON each as sent; ${rounds} round(s); batches of ${BATCH}`,
  );

  const cluster = await startCluster();
  const table: string[][] = [];
  let postgresRatio = 0;
  const checks: string[] = [];
  try {
    for (const backend of [
      { name: 'PGlite' },
      { name: 'PostgreSQL', url: cluster.url, cluster },
    ] satisfies Backend[]) {
      console.log(`… ${backend.name}`);
      const { methods, identical } = await benchBackend(backend, drafts, draftJson, prepared);
      if (identical) checks.push(`${backend.name}: ${identical}`);
      const rate = (m: Method) => m.clips / m.seconds;
      const limit = rate(methods[methods.length - 1]!);
      for (const m of methods) {
        table.push([backend.name, m.name, fixed(rate(m)), `${fixed((100 * rate(m)) / limit, 1)}%`]);
      }
      if (backend.url) postgresRatio = rate(methods[0]!) / limit;
    }
    console.log('');
    printTable(['backend', 'method', 'clips/s', 'of the limit'], table);
    console.log(
      `\nTarget: batch endpoint ≥ ${TARGET * 100}% of the raw insert on PostgreSQL — one client: ${fixed(100 * postgresRatio, 1)}% (${postgresRatio >= TARGET ? 'met' : 'NOT met'})`,
    );
    for (const check of checks) console.log(`Raw insert vs the API's rows: ${check}`);
    console.log(
      problems.size === 0
        ? 'Every request answered 200 and every item was created.'
        : `Problems: ${[...problems].map(([p, n]) => `${p} ×${n}`).join('; ')}`,
    );
    if (postgresRatio < TARGET || forceProfile) await profilePass(cluster, draftJson);
  } finally {
    await cluster.stop();
  }
}

await main();
