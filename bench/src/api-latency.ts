// Latency and throughput of the API over HTTP on a collection of N clips in PostgreSQL.
//
//   pnpm --filter @jianbao/bench bench:api [--clips 100000] [--duration 10] [--connections 32]
//                                          [--dialects 1]
//
// A throwaway PostgreSQL gets N synthetic clips (seed paragraphs mixed, see api-support.ts) in one
// collection, written by the raw multi-row INSERT of bench:ingest as the rows the API would write,
// then VACUUM ANALYZE as autovacuum would after a bulk load. The API runs in a child process;
// autocannon drives it from this one, 32 connections for 10 s a scenario: creating clips (a fresh
// id and a varied draft per request), the similar check the extension makes before saving
// (other drafts, the collection named), listing 50, searching with 2-, 3- and 6-character queries
// drawn from the seeds. GET /health, which touches no database, is the server's floor, measured at
// the start and again at the end of the same run; every ratio is against the first.
// --dialects D spreads the clips over D character shuffles of the seeds (see
// packages/db/test/synthetic.ts): 1, the default, keeps seed words in most clips, the worst case
// for search.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { extractFromText } from '@jianbao/core';
import { startCluster } from '@jianbao/db/testing';
import autocannon from 'autocannon';
import postgres from 'postgres';
import { random } from '../../packages/db/test/synthetic';
import {
  clipRow,
  type Execute,
  fixed,
  insertRowParams,
  prepareClip,
  printTable,
  request,
  rowParams,
  serveApi,
  signUpWithCollections,
  syntheticDrafts,
  uuidv7,
} from './api-support';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const clipCount = option('--clips', 100_000);
const duration = option('--duration', 10);
const connections = option('--connections', 32);
const dialects = option('--dialects', 1);
const FILL_CHUNK = 1000;
const ROWS_PER_INSERT = 100;
const QUERIES_PER_LENGTH = 10;

/** Han-only substrings of the seed texts, `length` characters each, drawn reproducibly. */
function seedQueries(length: number, n: number): string[] {
  const seeds = fileURLToPath(new URL('../../seeds/', import.meta.url));
  const texts = readdirSync(seeds)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .flatMap((f) => {
      const result = extractFromText(readFileSync(seeds + f, 'utf8'));
      return result.kind === 'articles' ? result.clips.map((c) => c.normalizedText) : [];
    });
  const next = random(length * 101);
  const found = new Set<string>(length === 2 ? ['党建'] : []);
  const han = new RegExp(`^\\p{Script=Han}{${length}}$`, 'u');
  while (found.size < n) {
    const text = texts[Math.floor(next() * texts.length)]!;
    const start = Math.floor(next() * (text.length - length));
    const query = text.slice(start, start + length);
    if (han.test(query)) found.add(query);
  }
  return [...found];
}

/**
 * N clips into the collection, as the API would store them: drafts made, completed and turned
 * into rows a chunk at a time (memory), the next chunk prepared while the last is being inserted.
 */
async function fill(
  execute: Execute,
  collectionId: string,
  createdBy: string,
): Promise<{ version: number; seconds: number }> {
  const start = performance.now();
  let version = 0;
  let inserting: Promise<void> = Promise.resolve();
  for (let offset = 0, chunk = 0; offset < clipCount; offset += FILL_CHUNK, chunk++) {
    const size = Math.min(FILL_CHUNK, clipCount - offset);
    const statements: (string | null)[][][] = [];
    const drafts = syntheticDrafts(size, { seed: 1000 + chunk, dialects });
    for (let i = 0; i < drafts.length; i += ROWS_PER_INSERT) {
      version++;
      statements.push(
        drafts
          .slice(i, i + ROWS_PER_INSERT)
          .map((draft) =>
            rowParams(
              clipRow(prepareClip(draft), { id: uuidv7(), collectionId, createdBy, version }),
            ),
          ),
      );
    }
    await inserting;
    inserting = (async () => {
      for (const rows of statements) await insertRowParams(execute, rows);
    })();
    if ((chunk + 1) % 10 === 0) {
      process.stdout.write(`  ${fixed(offset + size)} clips prepared\r`);
    }
  }
  await inserting;
  return { version, seconds: (performance.now() - start) / 1000 };
}

interface Scenario {
  name: string;
  /** One request to check before the run: its status and how many clips it answered with. */
  probe: { method: 'GET' | 'POST'; path: string; body?: string };
  requests: autocannon.Request[];
}

interface Measured {
  name: string;
  result: autocannon.Result;
  probe: string;
}

async function run(base: string, token: string, scenario: Scenario): Promise<Measured> {
  const probed = await request(base, scenario.probe.method, scenario.probe.path, {
    token,
    body: scenario.probe.body,
  });
  const clips = probed.body?.clips;
  const probe = `${probed.status}${Array.isArray(clips) ? `, ${clips.length} clips` : ''}`;
  const result = await autocannon({
    url: base,
    connections,
    duration,
    timeout: 60,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    requests: scenario.requests,
  });
  return { name: scenario.name, result, probe };
}

/** A GET that cycles through `paths`, one per request. */
function cycling(paths: string[]): autocannon.Request[] {
  let k = 0;
  return [{ method: 'GET', setupRequest: (req) => ({ ...req, path: paths[k++ % paths.length] }) }];
}

async function main() {
  const cluster = await startCluster();
  try {
    const served = await serveApi({ url: cluster.url });
    const raw = postgres(cluster.url, { onnotice: () => {}, max: 1 });
    try {
      const api = await signUpWithCollections(served.base, ['十万篇']);
      const collection = api.collections[0]!;
      const execute: Execute = (text, params) => raw.unsafe(text, params, { prepare: true });
      console.log(`Filling one collection with ${fixed(clipCount)} clips (dialects: ${dialects})…`);
      const filled = await fill(execute, collection, api.userId);
      await raw.unsafe('update collections set version = $1 where id = $2::uuid', [
        String(filled.version),
        collection,
      ]);
      await raw.unsafe('vacuum analyze clips');
      const [size] = await raw.unsafe(
        `select pg_size_pretty(pg_total_relation_size('clips')) as size`,
      );
      console.log(
        `${fixed(clipCount)} clips in ${fixed(filled.seconds)} s (${fixed(clipCount / filled.seconds)} clips/s); clips table with indexes: ${size?.size}`,
      );

      const list = `/clips?collection=${collection}&limit=50`;
      const search = (length: number) =>
        seedQueries(length, QUERIES_PER_LENGTH).map(
          (q) => `/clips?collection=${collection}&q=${encodeURIComponent(q)}`,
        );
      const createPool = syntheticDrafts(2000, { seed: 99, dialects }).map((d) =>
        JSON.stringify(d),
      );
      let created = 0;
      const createBody = () =>
        `{"id":"${uuidv7()}","draft":${createPool[created++ % createPool.length]}}`;
      const createPath = `/collections/${collection}/clips`;
      // The check the extension makes before saving: other drafts than those created.
      const checkPool = syntheticDrafts(500, { seed: 77, dialects }).map(
        (d) => `{"draft":${JSON.stringify(d)},"collection":"${collection}"}`,
      );
      let checked = 0;
      const checkBody = () => checkPool[checked++ % checkPool.length];
      const health: Scenario = {
        name: 'GET /health (floor)',
        probe: { method: 'GET', path: '/health' },
        requests: [{ method: 'GET', path: '/health' }],
      };
      const scenarios: Scenario[] = [
        health,
        {
          name: 'create (POST …/clips)',
          probe: { method: 'POST', path: createPath, body: createBody() },
          requests: [
            {
              method: 'POST',
              path: createPath,
              setupRequest: (req) => ({ ...req, body: createBody() }),
            },
          ],
        },
        {
          name: 'similar check (POST /similar/check)',
          probe: { method: 'POST', path: '/similar/check', body: checkBody() },
          requests: [
            {
              method: 'POST',
              path: '/similar/check',
              setupRequest: (req) => ({ ...req, body: checkBody() }),
            },
          ],
        },
        { name: 'list 50', probe: { method: 'GET', path: list }, requests: cycling([list]) },
        ...[2, 3, 6].map((length): Scenario => {
          const paths = search(length);
          return {
            name: `search, ${length} characters`,
            probe: { method: 'GET', path: paths[0]! },
            requests: cycling(paths),
          };
        }),
        { ...health, name: 'GET /health (again, at the end)' },
      ];
      const measured: Measured[] = [];
      for (const scenario of scenarios) {
        process.stdout.write(`  ${scenario.name}…\n`);
        measured.push(await run(served.base, api.token, scenario));
      }

      const floor = measured[0]!.result;
      console.log(
        `\n${fixed(clipCount)} clips in one collection, PostgreSQL 15; ${connections} connections, ${duration} s each; ratios against GET /health at the start`,
      );
      printTable(
        [
          'scenario',
          'req/s',
          'p50 ms',
          'p99 ms',
          'p50 ×floor',
          'p99 ×floor',
          'req/s of floor',
          'requests',
          'KB/response',
          'non-2xx',
          'errors',
          'probe',
        ],
        measured.map(({ name, result, probe }) => [
          name,
          fixed(result.requests.average),
          fixed(result.latency.p50, 1),
          fixed(result.latency.p99, 1),
          fixed(result.latency.p50 / floor.latency.p50, 1),
          fixed(result.latency.p99 / floor.latency.p99, 1),
          `${fixed((100 * result.requests.average) / floor.requests.average, 2)}%`,
          fixed(result.requests.total),
          fixed(result.throughput.total / Math.max(1, result.requests.total) / 1024, 1),
          fixed(result.non2xx),
          fixed(result.errors),
          probe,
        ]),
      );
      const failed = measured.filter((m) => m.result.non2xx > 0 || m.result.errors > 0);
      for (const m of failed) {
        console.log(
          `${m.name}: ${m.result.non2xx} non-2xx (4xx ${m.result['4xx']}, 5xx ${m.result['5xx']}), ${m.result.errors} errors, ${m.result.timeouts} timeouts`,
        );
      }
      console.log(
        `Queries: ${[2, 3, 6].map((l) => seedQueries(l, QUERIES_PER_LENGTH).join(' ')).join(' | ')}`,
      );
    } finally {
      await raw.end();
      await served.stop();
    }
  } finally {
    await cluster.stop();
  }
}

await main();
