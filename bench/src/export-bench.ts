// Export speed and memory: `GET /export` in every format, against a bare SELECT of the same rows.
//
//   pnpm --filter @jianbao/bench bench:export [--sizes 10000,100000] [--formats jsonl,csv,…]
//
// A throwaway PostgreSQL 15 cluster, migrated by the API itself (a first API process that also
// signs the bench's user up through POST /auth/signup); a team and its collection made through
// the db package. The collection is filled by COPY (not insertClipsDirect: COPY takes 100k rows
// in a fraction of the time) with rows exactly as the API writes them: a pool of 2,000 synthetic
// drafts (seed paragraphs mixed, api-support.ts: ~850 Chinese characters of text and its `<p>`
// html each) completed by core as the API's intake does, with their search, facet and
// fingerprint columns, each pool entry stored many times under its own id, version and creation
// time. The sizes grow one collection: 10k are loaded, then 90k more for 100k.
//
// At each size, every format is downloaded by a fresh API process (`node --import tsx
// apps/api/src/main.ts`, DATABASE_URL to the cluster, port 0) so that its memory is its own:
// VmRSS from /proc/<pid>/status once it listens (idle), then the peak RSS counter reset
// (clear_refs 5, so start-up's own peak does not count), the download streamed to nowhere (bytes
// counted, discarded) and VmHWM read (peak RSS). Peak over idle is VmHWM minus the idle VmRSS.
// The baseline ("the limit") is a child process doing `select * from clips where collection_id
// = $1` through postgres.js's cursor (1,000 rows a fetch), each row JSON.stringified and
// discarded: rows/s and peak RSS alike. It runs before the formats and after them; the faster
// run is the limit. Two cores are shared by this process, the API and the database backend.
// Prints a table per size and the growth of peak memory from the first size to the last (flat
// memory: a ratio near 1). Figures are printed, never enforced.
import { type ChildProcess, fork, spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import postgres from 'postgres';

// The rest is loaded by the commands that need it, not by the bare SELECT's child process, whose
// memory is measured: only postgres.js there.
const loadSupport = async () => ({
  ...(await import('./api-support')),
  ...(await import('@jianbao/db')),
  ...(await import('@jianbao/db/testing')),
});
type Support = Awaited<ReturnType<typeof loadSupport>>;

const fixed = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** The checkout's root: bench/src → bench → root. */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

const FORMATS = ['jsonl', 'csv', 'markdown', 'text', 'parquet'] as const;
const POOL = 2000;
const CHUNK = 2000;
const MiB = 1024 * 1024;

// ---- the API in a child process -----------------------------------------------------------------

export interface ApiProcess {
  base: string;
  pid: number;
  /** The last lines the process wrote on stderr (its request log and errors). */
  stderrTail(): string;
  stop(): Promise<void>;
}

/**
 * Starts the API as it is run in production, `node --import tsx apps/api/src/main.ts`, on the
 * PostgreSQL at `databaseUrl`, on a free loopback port (PORT=0, read back from its first line).
 * The rate limit is set out of the way.
 */
export async function startApi(databaseUrl: string): Promise<ApiProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/api/src/main.ts'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: '0',
      HOST: '127.0.0.1',
      RATE_LIMIT_PER_MINUTE: '1000000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let tail = '';
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (text: string) => {
    tail = (tail + text).slice(-4000);
  });
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      resolve();
    }),
  );
  const base = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.setEncoding('utf8');
    const listen = (text: string) => {
      out += text;
      const found = /listening on (http:\/\/\S+)/.exec(out);
      if (found) {
        child.stdout!.off('data', listen);
        child.stdout!.resume();
        resolve(found[1]!);
      }
    };
    child.stdout!.on('data', listen);
    child.once('exit', (code) =>
      reject(new Error(`the API exited (${code}) before listening:\n${out}\n${tail}`)),
    );
  });
  return {
    base,
    pid: child.pid!,
    stderrTail: () => tail,
    async stop() {
      if (!exited) child.kill('SIGTERM');
      await exit;
    },
  };
}

// ---- memory from /proc ------------------------------------------------------------------------

export interface Memory {
  /** Resident set now, KiB. */
  rss: number;
  /** Peak resident set (since start or the last reset), KiB. */
  hwm: number;
}

export async function memoryOf(pid: number): Promise<Memory> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) =>
    Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)![1]);
  return { rss: field('VmRSS'), hwm: field('VmHWM') };
}

/** Resets a process's peak RSS to its current RSS (Linux clear_refs 5); false when refused. */
export async function resetPeak(pid: number): Promise<boolean> {
  try {
    await writeFile(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/** Lets a process that just started settle (lazy start-up work, a first GC) before it is measured. */
export const settle = (ms = 1000) => new Promise((resolve) => setTimeout(resolve, ms));

// ---- loading by COPY ---------------------------------------------------------------------------

/** COPY's text format: backslash, tab and line breaks escaped; null is \N. */
const copyText = (s: string | null) =>
  s === null
    ? '\\N'
    : s.replace(/[\\\t\n\r]/g, (c) =>
        c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
      );

/** The columns the query layer writes (api-support's CLIP_COLUMNS), then these. */
const MORE_COLUMNS = [
  'normalized_url',
  'minhash',
  'shingle_count',
  'fingerprint_length',
  'created_at',
  'updated_at',
];

/**
 * The pool: per synthetic draft, every column after the first four (id, collection, author,
 * version) as one COPY fragment, the values the API would write for it.
 */
function makePool(
  size: number,
  { clipRow, nearDuplicateColumns, prepareClip, rowParams, syntheticDrafts }: Support,
): { tails: string[]; dataBytes: number } {
  let dataBytes = 0;
  const tails = syntheticDrafts(size, { seed: 61, dialects: 20 }).map((draft) => {
    const prepared = prepareClip(draft);
    const params = rowParams(
      clipRow(prepared, { id: '', collectionId: '', createdBy: '', version: 0 }),
    );
    dataBytes += Buffer.byteLength(params[5]!);
    const near = nearDuplicateColumns(prepared.data);
    return [
      ...params.slice(4),
      near.normalizedUrl,
      near.minhash ? `{${near.minhash.join(',')}}` : null,
      near.shingleCount === null ? null : String(near.shingleCount),
      String(near.fingerprintLength),
    ]
      .map(copyText)
      .join('\t');
  });
  return { tails, dataBytes: dataBytes / size };
}

interface Target {
  raw: postgres.Sql;
  columns: string[];
  uuidv7: () => string;
  collectionId: string;
  createdBy: string;
  tails: string[];
  /** Rows stored so far: the next row's number. */
  stored: number;
  /** Creation time of row 0; row i is i ms later. */
  epoch: number;
}

/** COPYs rows `target.stored` … `to - 1` into the collection, CHUNK rows a statement. */
async function loadTo(target: Target, to: number, progress: (done: number) => void) {
  while (target.stored < to) {
    const end = Math.min(to, target.stored + CHUNK);
    const lines: string[] = [];
    for (let i = target.stored; i < end; i++) {
      const at = new Date(target.epoch + i).toISOString();
      const tail = target.tails[i % target.tails.length]!;
      lines.push(
        `${target.uuidv7()}\t${target.collectionId}\t${target.createdBy}\t${i + 1}\t${tail}\t${at}\t${at}`,
      );
    }
    await pipeline(
      Readable.from([`${lines.join('\n')}\n`]),
      await target.raw.unsafe(`copy clips (${target.columns.join(', ')}) from stdin`).writable(),
    );
    target.stored = end;
    progress(end);
  }
  await target.raw`update collections set version = ${to} where id = ${target.collectionId}`;
}

/**
 * Runs `load` with the GIN indexes of clips (search tokens, facets) dropped, then builds them
 * again from their own definitions: a GIN index takes a bulk load's rows one by one far slower
 * than it is built whole. Returns the seconds the rebuild took.
 */
async function withoutGinIndexes(raw: postgres.Sql, load: () => Promise<void>): Promise<number> {
  const indexes = await raw<{ indexname: string; indexdef: string }[]>`
    select indexname, indexdef from pg_indexes
    where schemaname = 'public' and tablename = 'clips' and indexdef ilike '% using gin %'`;
  for (const index of indexes) await raw.unsafe(`drop index "${index.indexname}"`);
  await load();
  const start = performance.now();
  await raw`set maintenance_work_mem = '512MB'`;
  for (const index of indexes) await raw.unsafe(index.indexdef);
  await raw`reset maintenance_work_mem`;
  return (performance.now() - start) / 1000;
}

// ---- one download ------------------------------------------------------------------------------

interface Measured {
  name: string;
  /** Clips (rows) read. */
  count: number;
  seconds: number;
  /** Bytes received; null for the bare SELECT. */
  bytes: number | null;
  idle: number;
  peak: number;
  /** The peak counter could not be reset: the peak may be start-up's. */
  unreset: boolean;
  note?: string;
}

async function measureExport(
  databaseUrl: string,
  token: string,
  collectionId: string,
  format: string,
  expected: number,
): Promise<Measured> {
  const api = await startApi(databaseUrl);
  try {
    await settle();
    const idle = (await memoryOf(api.pid)).rss;
    const reset = await resetPeak(api.pid);
    const start = performance.now();
    const response = await fetch(`${api.base}/export?collection=${collectionId}&format=${format}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (response.status !== 200 || !response.body) {
      throw new Error(`export ${format}: ${response.status} ${await response.text()}`);
    }
    let bytes = 0;
    let newlines = 0;
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      bytes += chunk.length;
      if (format === 'jsonl') {
        const buffer = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
        for (let at = buffer.indexOf(10); at >= 0; at = buffer.indexOf(10, at + 1)) newlines++;
      }
    }
    const seconds = (performance.now() - start) / 1000;
    const { hwm } = await memoryOf(api.pid);
    return {
      name: format,
      count: expected,
      seconds,
      bytes,
      idle,
      peak: hwm,
      unreset: !reset,
      note:
        format === 'jsonl' && newlines !== expected
          ? `jsonl held ${newlines} lines, not ${expected}`
          : undefined,
    };
  } catch (error) {
    console.error(api.stderrTail());
    throw error;
  } finally {
    await api.stop();
  }
}

type BareMessage = { ready: true } | { rows: number; ms: number };

/** The limit: the bare SELECT through a postgres.js cursor, in a child process of its own. */
async function measureBareSelect(databaseUrl: string, collectionId: string): Promise<Measured> {
  const child: ChildProcess = fork(
    fileURLToPath(import.meta.url),
    ['bare-select', databaseUrl, collectionId],
    { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
  );
  const exit = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const next = () =>
    new Promise<BareMessage>((resolve, reject) => {
      child.once('message', (message) => resolve(message as BareMessage));
      child.once('exit', (code) => reject(new Error(`the bare SELECT exited (${code})`)));
    });
  try {
    await next();
    await settle();
    const idle = (await memoryOf(child.pid!)).rss;
    const reset = await resetPeak(child.pid!);
    const done = next();
    child.send('go');
    const result = (await done) as { rows: number; ms: number };
    const { hwm } = await memoryOf(child.pid!);
    return {
      name: 'bare SELECT (cursor 1000)',
      count: result.rows,
      seconds: result.ms / 1000,
      bytes: null,
      idle,
      peak: hwm,
      unreset: !reset,
    };
  } finally {
    if (child.connected) child.send('exit');
    await exit;
  }
}

/** The child side of measureBareSelect. */
async function bareSelect(databaseUrl: string, collectionId: string): Promise<void> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  await sql`select 1`;
  const message = () => new Promise((resolve) => process.once('message', resolve));
  process.send!({ ready: true } satisfies BareMessage);
  await message();
  const start = performance.now();
  let rows = 0;
  await sql`select * from clips where collection_id = ${collectionId}`.cursor(1000, (batch) => {
    for (const row of batch) {
      JSON.stringify(row);
      rows++;
    }
  });
  const ms = performance.now() - start;
  process.send!({ rows, ms } satisfies BareMessage);
  await message();
  await sql.end();
  process.exit(0);
}

// ---- run ---------------------------------------------------------------------------------------

const mib = (kib: number) => fixed(kib / 1024, 1);

async function main() {
  const args = process.argv.slice(2);
  const option = (name: string) => {
    const at = args.indexOf(name);
    return at >= 0 ? args[at + 1] : undefined;
  };
  const sizes = (option('--sizes') ?? '10000,100000')
    .split(',')
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0)
    .sort((a, b) => a - b);
  const formats = (option('--formats') ?? FORMATS.join(','))
    .split(',')
    .filter((f) => (FORMATS as readonly string[]).includes(f));
  if (sizes.length === 0 || formats.length === 0) {
    console.error('usage: export-bench [--sizes 10000,100000] [--formats jsonl,csv,…]');
    process.exit(2);
  }

  const support = await loadSupport();
  const { createCollection, createDb, createTeam, printTable, request, startCluster } = support;
  const cluster = await startCluster();
  const raw = postgres(cluster.url, { onnotice: () => {}, max: 1 });
  // Foreign-key triggers off for the bulk load: the user and collection exist.
  const loadRaw = postgres(cluster.url, {
    onnotice: () => {},
    max: 1,
    connection: { session_replication_role: 'replica' },
  });
  const handle = createDb({ url: cluster.url });
  try {
    // The first API process migrates the new database; the account is made through it.
    const setup = await startApi(cluster.url);
    const signup = await request(setup.base, 'POST', '/auth/signup', {
      body: {
        email: 'export-bench@example.cn',
        name: '导出测试',
        password: 'correct horse battery',
      },
    });
    await setup.stop();
    if (signup.status !== 201) throw new Error(`sign-up: ${JSON.stringify(signup.body)}`);
    const token: string = signup.body.token;
    const userId: string = signup.body.user.id;
    const team = await createTeam(handle.db, { name: '导出测试组', ownerUserId: userId });
    const collection = await createCollection(handle.db, { name: '导出测试', teamId: team.id });

    const settings = await raw`select name, current_setting(name) as value from pg_settings
      where name in ('server_version', 'shared_buffers', 'work_mem')`;
    console.log(`PostgreSQL: ${settings.map((s) => `${s.name}=${s.value}`).join(', ')}`);
    let t = performance.now();
    const pool = makePool(Math.min(POOL, sizes.at(-1)!), support);
    console.log(
      `${fixed(pool.tails.length)} distinct clips prepared as the API's intake makes them in ${fixed((performance.now() - t) / 1000, 1)} s; ` +
        `data ${fixed(pool.dataBytes / 1024, 1)} KiB of JSON each (text + html), a row ${fixed(pool.tails.reduce((s, l) => s + Buffer.byteLength(l), 0) / pool.tails.length / 1024, 1)} KiB with its search columns`,
    );

    const target: Target = {
      raw: loadRaw,
      columns: [...support.CLIP_COLUMNS.map(([name]) => name), ...MORE_COLUMNS],
      uuidv7: support.uuidv7,
      collectionId: collection.id,
      createdBy: userId,
      tails: pool.tails,
      stored: 0,
      epoch: Date.now() - 86_400_000,
    };
    const tables: { size: number; rows: Measured[]; limit: Measured }[] = [];
    for (const size of sizes) {
      t = performance.now();
      const from = target.stored;
      let loadSeconds = 0;
      const indexSeconds = await withoutGinIndexes(raw, async () => {
        await loadTo(target, size, (done) => process.stdout.write(`  COPY: ${fixed(done)}\r`));
        loadSeconds = (performance.now() - t) / 1000;
      });
      t = performance.now();
      await raw`vacuum analyze clips`;
      const [sized] = await raw`select pg_size_pretty(pg_total_relation_size('clips')) as clips`;
      console.log(
        `\n${fixed(size)} clips: ${fixed(size - from)} loaded by COPY in ${fixed(loadSeconds, 1)} s (${fixed((size - from) / loadSeconds)} rows/s), GIN indexes built again in ${fixed(indexSeconds, 1)} s, vacuum analyze ${fixed((performance.now() - t) / 1000, 1)} s; table clips ${sized!.clips} with indexes and TOAST`,
      );

      const limits = [await measureBareSelect(cluster.url, collection.id)];
      console.log(
        `  bare SELECT: ${fixed(limits[0]!.count / limits[0]!.seconds)} rows/s, peak ${mib(limits[0]!.peak)} MiB`,
      );
      const rows: Measured[] = [];
      for (const format of formats) {
        const m = await measureExport(cluster.url, token, collection.id, format, size);
        rows.push(m);
        console.log(
          `  ${format}: ${fixed(m.count / m.seconds)} clips/s, ${fixed(m.bytes! / MiB, 1)} MiB, peak over idle ${mib(m.peak - m.idle)} MiB${m.note ? ` (${m.note})` : ''}`,
        );
      }
      limits.push(await measureBareSelect(cluster.url, collection.id));
      console.log(
        `  bare SELECT again: ${fixed(limits[1]!.count / limits[1]!.seconds)} rows/s, peak ${mib(limits[1]!.peak)} MiB`,
      );
      const limit = limits.reduce((a, b) => (b.count / b.seconds > a.count / a.seconds ? b : a));
      if (limit.count !== size) {
        limit.note = `the bare SELECT read ${limit.count} rows, not ${size}`;
      }
      tables.push({ size, rows, limit });
    }

    let unreset = false;
    for (const { size, rows, limit } of tables) {
      console.log(
        `\nGET /export of one collection of ${fixed(size)} clips, a fresh API process per format (peak RSS = VmHWM after the download, idle = VmRSS before it)\n`,
      );
      const limitRate = limit.count / limit.seconds;
      printTable(
        [
          'format',
          'clips/s',
          'of bare SELECT',
          'MiB',
          'MiB/s',
          'idle RSS MiB',
          'peak RSS MiB',
          'peak over idle MiB',
        ],
        [...rows, limit].map((m) => {
          unreset ||= m.unreset;
          const rate = m.count / m.seconds;
          return [
            m.name,
            fixed(rate),
            `${fixed((100 * rate) / limitRate, 1)}%`,
            m.bytes === null ? '-' : fixed(m.bytes / MiB, 1),
            m.bytes === null ? '-' : fixed(m.bytes / MiB / m.seconds, 1),
            mib(m.idle),
            mib(m.peak),
            mib(m.peak - m.idle),
          ];
        }),
      );
      for (const m of [...rows, limit]) if (m.note) console.log(`  ${m.name}: ${m.note}`);
    }

    if (tables.length > 1) {
      const first = tables[0]!;
      const last = tables.at(-1)!;
      console.log(
        `\nGrowth of peak memory from ${fixed(first.size)} to ${fixed(last.size)} clips (×${fixed(last.size / first.size)} the clips): peak over idle, MiB; near 1 is flat\n`,
      );
      const names = [...first.rows.map((m) => m.name), first.limit.name];
      const at = (table: (typeof tables)[number], name: string) =>
        [...table.rows, table.limit].find((m) => m.name === name)!;
      printTable(
        [
          'format',
          ...tables.map((table) => `@ ${fixed(table.size)}`),
          `${fixed(last.size)} / ${fixed(first.size)}`,
        ],
        names.map((name) => {
          const a = at(first, name);
          const b = at(last, name);
          return [
            name,
            ...tables.map((table) => {
              const m = at(table, name);
              return mib(m.peak - m.idle);
            }),
            `${fixed((b.peak - b.idle) / Math.max(1, a.peak - a.idle), 2)}×`,
          ];
        }),
      );
    }
    if (unreset) {
      console.log(
        '\nThe peak RSS counter could not be reset (/proc/<pid>/clear_refs refused): peaks may be start-up’s.',
      );
    }
  } finally {
    await Promise.allSettled([raw.end(), loadRaw.end(), handle.close()]);
    await cluster.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]!).href) {
  if (process.argv[2] === 'bare-select') {
    await bareSelect(process.argv[3]!, process.argv[4]!);
  } else {
    await main();
  }
}
