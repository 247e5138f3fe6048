import { randomUUID } from 'node:crypto';
import { createApp } from '@jianbao/api';
import { createDb, migrate } from '@jianbao/db';

export const SERVER = 'http://jianbao.test';

/**
 * The real API (createApp on in-memory PGlite) behind a fetch the extension's client takes, with
 * the network's faults on a switch: `offline` fails every request before it reaches the server;
 * `loseAnswers` lets the server do the work and then drops its answer (a timeout after commit).
 */
export async function startApi() {
  const handle = createDb({});
  const migrations = await migrate(handle);
  const app = createApp({ db: handle, migrations });
  const network = { offline: false, loseAnswers: 0, requests: 0 };
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    network.requests++;
    if (network.offline) throw new TypeError('Failed to fetch');
    const url = new URL(String(input instanceof Request ? input.url : input));
    const { signal: _signal, ...rest } = init ?? {};
    const response = await app.request(`${url.pathname}${url.search}`, rest);
    if (network.loseAnswers > 0) {
      network.loseAnswers--;
      throw new TypeError('network error: connection reset');
    }
    return response;
  }) as typeof globalThis.fetch;

  async function call<T>(method: string, path: string, token?: string, body?: unknown): Promise<T> {
    const response = await app.request(path, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!response.ok)
      throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }

  /** A user with a team collection, and the token the extension would hold. */
  async function member(name = '编辑甲') {
    const email = `${randomUUID().slice(0, 8)}@example.cn`;
    const session = await call<{
      token: string;
      user: { id: string; email: string; name: string };
    }>('POST', '/auth/signup', undefined, { email, name, password: 'correct horse battery' });
    const team = await call<{ id: string }>('POST', '/teams', session.token, { name: '剪报组' });
    const collection = await call<{ id: string }>('POST', '/collections', session.token, {
      name: '收藏',
      teamId: team.id,
    });
    return { ...session, email, collectionId: collection.id };
  }

  async function clipsIn(collectionId: string, token: string) {
    return (
      await call<{ clips: Array<{ id: string; clip: { title: string } }> }>(
        'GET',
        `/clips?collection=${collectionId}&limit=100`,
        token,
      )
    ).clips;
  }

  return { app, fetch, network, call, member, clipsIn, close: () => handle.close() };
}
export type TestApi = Awaited<ReturnType<typeof startApi>>;
