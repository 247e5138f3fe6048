import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type ClipDraft, extractFromText } from '@jianbao/core';
import { createDb, type DbHandle, migrate } from '@jianbao/db';
import { type AppDeps, createApp } from '../src/app';

export { uuidv7 } from '@jianbao/core';

// A real API on a real database (PGlite in memory unless a URL is given), driven through
// app.request(): the same code path as over the network, without a socket.

export type App = ReturnType<typeof createApp>;

export interface Api {
  app: App;
  handle: DbHandle;
  close(): Promise<void>;
}

export async function startApi(
  options: { url?: string; deps?: Partial<AppDeps>; handle?: DbHandle } = {},
): Promise<Api> {
  const handle = options.handle ?? createDb(options.url ? { url: options.url } : {});
  const migrations = await migrate(handle);
  const app = createApp({ db: handle, migrations, ...options.deps });
  return { app, handle, close: () => handle.close() };
}

// biome-ignore lint/suspicious/noExplicitAny: replies are untyped JSON that the assertions check
export interface Reply<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

// biome-ignore lint/suspicious/noExplicitAny: as Reply
export async function call<T = any>(
  app: App,
  method: string,
  path: string,
  options: {
    token?: string;
    body?: unknown;
    raw?: BodyInit;
    headers?: Record<string, string>;
  } = {},
): Promise<Reply<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: BodyInit | undefined = options.raw;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const response = await app.request(path, { method, headers, body });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // Not JSON (a page, or an empty 304): kept as text.
  }
  return { status: response.status, body: parsed as T, headers: response.headers };
}

export interface Person {
  id: string;
  email: string;
  token: string;
}

let people = 0;
export async function signUp(app: App, name = '编辑'): Promise<Person> {
  const email = `user${++people}-${randomUUID().slice(0, 8)}@example.cn`;
  const reply = await call(app, 'POST', '/auth/signup', {
    body: { email, name, password: 'correct horse battery' },
  });
  if (reply.status !== 201) throw new Error(`sign-up failed: ${JSON.stringify(reply.body)}`);
  return { id: reply.body.user.id, email, token: reply.body.token };
}

/** A team with an owner, an editor and a viewer (joined by invitation), and one collection. */
export async function teamOfThree(app: App) {
  const owner = await signUp(app, '主任');
  const editor = await signUp(app, '编辑');
  const viewer = await signUp(app, '读者');
  const team = (
    await call(app, 'POST', '/teams', { token: owner.token, body: { name: '健康报剪报组' } })
  ).body;
  for (const [person, role] of [
    [editor, 'editor'],
    [viewer, 'viewer'],
  ] as const) {
    const invitation = await call(app, 'POST', `/teams/${team.id}/invitations`, {
      token: owner.token,
      body: { role },
    });
    await call(app, 'POST', `/invitations/${invitation.body.code}/accept`, { token: person.token });
  }
  const collection = (
    await call(app, 'POST', '/collections', {
      token: owner.token,
      body: { name: '党建', teamId: team.id },
    })
  ).body;
  return { owner, editor, viewer, team, collection };
}

const seedsDir = fileURLToPath(new URL('../../../seeds/', import.meta.url));

/** The seed texts as drafts, the way a client extracts them (text mode: 003 gives several). */
export function seedDrafts(): ClipDraft[] {
  const drafts: ClipDraft[] = [];
  for (const file of readdirSync(seedsDir)
    .filter((f) => f.endsWith('.txt'))
    .sort()) {
    const result = extractFromText(readFileSync(seedsDir + file, 'utf8'));
    if (result.kind === 'articles') drafts.push(...result.clips);
  }
  return drafts;
}
