import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { createDb } from '@jianbao/db';
import { findPostgresBin, type PgCluster, startCluster } from '@jianbao/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, call, seedDrafts, signUp, startApi, uuidv7 } from './harness';

// Scale-out and restarts on real servers: two API instances on one PostgreSQL, over HTTP, and
// restarts of the API and of the database between a write and a sync.

const drafts = seedDrafts();

interface Instance {
  base: string;
  close(): Promise<void>;
}

async function serveInstance(url: string): Promise<Instance> {
  const api = await startApi({ url });
  const server = serve({ fetch: api.app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await api.close();
    },
  };
}

async function http(
  instance: Instance,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(instance.base + path, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: text ? JSON.parse(text) : null,
    headers: response.headers,
  };
}

const bin = findPostgresBin();
const describePg = bin ? describe : describe.skip;
if (!bin && process.env.CI === 'true') {
  it('postgres: API suite', () => {
    throw new Error('PostgreSQL 15 not found; .ci/run installs postgresql-15');
  });
}

describePg('two API instances on one PostgreSQL', () => {
  let cluster: PgCluster;
  let a: Instance;
  let b: Instance;

  beforeAll(async () => {
    cluster = await startCluster();
    a = await serveInstance(cluster.url);
    b = await serveInstance(cluster.url);
  }, 240_000);

  afterAll(async () => {
    await a?.close();
    await b?.close();
    await cluster?.stop();
  });

  it('signs in on one, writes on either, syncs through the other; one of two updates wins', async () => {
    const signup = await http(a, 'POST', '/auth/signup', {
      body: { email: 'owner@example.cn', name: '主任', password: 'correct horse battery' },
    });
    const token: string = signup.body.token;
    expect((await http(b, 'GET', '/me', { token })).body.user.email).toBe('owner@example.cn');
    const team = await http(b, 'POST', '/teams', { token, body: { name: '组' } });
    const collection = await http(a, 'POST', '/collections', {
      token,
      body: { name: '集', teamId: team.body.id },
    });
    const base = `/collections/${collection.body.id}`;

    const ids = drafts.map(() => uuidv7());
    for (const [i, id] of ids.entries()) {
      const via = i % 2 ? a : b;
      const created = await http(via, 'POST', `${base}/clips`, {
        token,
        body: { id, draft: drafts[i] },
      });
      expect(created.status).toBe(201);
    }
    const synced = await http(b, 'GET', `${base}/changes?since=0`, { token });
    expect(synced.body.clips.map((c: { id: string }) => c.id)).toEqual(ids);
    expect(synced.body.version).toBe(ids.length);

    // Two clients update one clip from the same version through different instances.
    const path = `/clips/${ids[0]}`;
    const [first, second] = await Promise.all([
      http(a, 'PATCH', path, { token, headers: { 'if-match': '"1"' }, body: { tags: ['甲'] } }),
      http(b, 'PATCH', path, { token, headers: { 'if-match': '"1"' }, body: { tags: ['乙'] } }),
    ]);
    expect([first.status, second.status].sort()).toEqual([200, 412]);
    const winner = first.status === 200 ? first : second;
    const after = await http(a, 'GET', path, { token });
    expect(after.body.tags).toEqual(winner.body.tags);

    // The same batch posted to both at once: no duplicates.
    const items = drafts.map((draft) => ({ id: uuidv7(), draft }));
    const [one, two] = await Promise.all([
      http(a, 'POST', `${base}/clips/batch`, { token, body: { items } }),
      http(b, 'POST', `${base}/clips/batch`, { token, body: { items } }),
    ]);
    expect(one.status).toBe(200);
    expect(two.status).toBe(200);
    const statuses = [...one.body.results, ...two.body.results].map(
      (r: { status: string }) => r.status,
    );
    expect(statuses.filter((s) => s === 'created')).toHaveLength(items.length);
    expect(statuses.filter((s) => s === 'unchanged')).toHaveLength(items.length);
    const all = await http(b, 'GET', `${base}/changes?since=0`, { token });
    expect(all.body.clips).toHaveLength(ids.length + items.length);
  });

  it('loses nothing when the API and the database restart between a write and a sync', async () => {
    const signup = await http(a, 'POST', '/auth/signup', {
      body: { email: 'restart@example.cn', name: '某', password: 'correct horse battery' },
    });
    const token: string = signup.body.token;
    const collection = await http(a, 'POST', '/collections', { token, body: { name: '个人' } });
    const base = `/collections/${collection.body.id}`;
    const id = uuidv7();
    const written = await http(a, 'POST', `${base}/clips`, {
      token,
      body: { id, draft: drafts[1] },
    });
    expect(written.status).toBe(201);

    await a.close();
    await b.close();
    await cluster.restart();
    a = await serveInstance(cluster.url);
    b = await serveInstance(cluster.url);

    const synced = await http(b, 'GET', `${base}/changes?since=0`, { token });
    expect(synced.status).toBe(200);
    expect(synced.body.clips.map((c: { id: string }) => c.id)).toEqual([id]);
    expect(synced.body.version).toBe(1);
    const next = await http(a, 'POST', `${base}/clips`, {
      token,
      body: { id: uuidv7(), draft: drafts[2] },
    });
    expect(next.body.version).toBe(2);
    const retry = await http(a, 'POST', `${base}/clips`, { token, body: { id, draft: drafts[1] } });
    expect(retry.status).toBe(200);
  });
});

describe('embedded PGlite on disk', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'jianbao-api-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('keeps clips and versions across a restart of the API', async () => {
    let api: Api = await startApi({ handle: createDb({ dataDir: dir }) });
    const me = await signUp(api.app);
    const collection = await call(api.app, 'POST', '/collections', {
      token: me.token,
      body: { name: '离线' },
    });
    const base = `/collections/${collection.body.id}`;
    const id = uuidv7();
    await call(api.app, 'POST', `${base}/clips`, {
      token: me.token,
      body: { id, draft: drafts[0] },
    });
    await api.close();

    api = await startApi({ handle: createDb({ dataDir: dir }) });
    try {
      const synced = await call(api.app, 'GET', `${base}/changes?since=0`, { token: me.token });
      expect(synced.body).toMatchObject({ version: 1, clips: [{ id }] });
      const next = await call(api.app, 'POST', `${base}/clips`, {
        token: me.token,
        body: { id: uuidv7(), draft: drafts[1] },
      });
      expect(next.body.version).toBe(2);
    } finally {
      await api.close();
    }
  });
});
