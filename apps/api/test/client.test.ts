import { hc } from 'hono/client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AppType } from '../src/app';
import { type Api, seedDrafts, startApi, uuidv7 } from './harness';

// The typed client the extension will use (`hc<AppType>`, a type-only import of the server):
// its paths and bodies are checked by the compiler, and it works against the real app.

let api: Api;
beforeAll(async () => {
  api = await startApi();
});
afterAll(() => api.close());

it('signs up, creates a collection and a clip, and syncs, all typed', async () => {
  const fetchApp = (input: RequestInfo | URL, init?: RequestInit) =>
    api.app.request(input instanceof Request ? input : String(input), init);
  const anonymous = hc<AppType>('http://api.test', { fetch: fetchApp });
  const signup = await anonymous.auth.signup.$post({
    json: { email: 'typed@example.cn', name: '类型', password: 'correct horse battery' },
  });
  if (signup.status !== 201) throw new Error(`sign-up: ${signup.status}`);
  const { token } = await signup.json();

  const client = hc<AppType>('http://api.test', {
    fetch: fetchApp,
    headers: { authorization: `Bearer ${token}` },
  });
  const made = await client.collections.$post({ json: { name: '个人' } });
  if (made.status !== 201) throw new Error(`collection: ${made.status}`);
  const collection = await made.json();
  const id = uuidv7();
  const created = await client.collections[':id'].clips.$post({
    param: { id: collection.id },
    json: { id, draft: seedDrafts()[0]! },
  });
  expect(created.status).toBe(201);
  const changes = await client.collections[':id'].changes.$get({
    param: { id: collection.id },
    query: { since: '0' },
  });
  expect(changes.status).toBe(200);
  if (changes.status === 200) {
    const body = await changes.json();
    expect(body.clips.map((c) => c.id)).toEqual([id]);
  }
});
