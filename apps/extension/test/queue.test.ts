import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ApiClient } from '../src/api/client';
import { BASE_DELAY_MS, MAX_DELAY_MS, retryDelay } from '../src/queue/backoff';
import { flushOutbox } from '../src/queue/deliver';
import { draftFromClip, enqueueClips } from '../src/queue/enqueue';
import { Outbox } from '../src/queue/outbox';
import { SERVER, startApi, type TestApi } from './api';
import { fixtureClip } from './seeds';

let api: TestApi;
let user: Awaited<ReturnType<TestApi['member']>>;
let client: ApiClient;
let outbox: Outbox;
/** The queue's clock: real time, moved forward by the tests to make retries due. */
let offset = 0;
const now = () => Date.now() + offset;
let dbCount = 0;

const epaper = () => ({ draft: draftFromClip(fixtureClip('000-epaper')), tags: ['数字报'] });
const portal = () => ({ draft: draftFromClip(fixtureClip('001-portal')), tags: [] });

beforeAll(async () => {
  api = await startApi();
  user = await api.member();
  client = new ApiClient({ baseUrl: SERVER, token: user.token, fetch: api.fetch });
});
afterAll(() => api.close());
beforeEach(async () => {
  outbox?.close();
  outbox = await Outbox.open(`jianbao-test-${++dbCount}`);
  api.network.offline = false;
  api.network.loseAnswers = 0;
});

describe('outbox delivery', () => {
  it('sends a queued clip and empties the queue; the server stores it as extracted', async () => {
    const [request] = await enqueueClips(outbox, user.collectionId, [epaper()]);
    expect(await outbox.counts()).toEqual({ waiting: 1, failed: 0 });
    const report = await flushOutbox(outbox, client, now);
    expect(report).toEqual({ delivered: 1, failed: 0, postponed: 0 });
    expect(await outbox.all()).toEqual([]);
    const stored = await api.call<{ clip: { title: string; tags?: string[] }; tags: string[] }>(
      'GET',
      `/clips/${request!.id}`,
      user.token,
    );
    expect(stored.clip.title).toBe(fixtureClip('000-epaper').title);
    expect(stored.tags).toEqual(['数字报']);
  });

  it('keeps clips while offline, backs off, and delivers each exactly once when back', async () => {
    api.network.offline = true;
    await enqueueClips(outbox, user.collectionId, [epaper(), portal()]);
    const before = (await api.clipsIn(user.collectionId, user.token)).length;

    expect(await flushOutbox(outbox, client, now)).toEqual({
      delivered: 0,
      failed: 0,
      postponed: 2,
    });
    const [first] = await outbox.all();
    expect(first!.state).toBe('waiting');
    expect(first!.attempts).toBe(1);
    expect(first!.lastError?.code).toBe('network');
    expect(first!.nextAttemptAt - now()).toBeGreaterThan(BASE_DELAY_MS * 0.8 - 2_000);
    // Not due yet: nothing is sent.
    const requests = api.network.requests;
    expect(await flushOutbox(outbox, client, now)).toEqual({
      delivered: 0,
      failed: 0,
      postponed: 0,
    });
    expect(api.network.requests).toBe(requests);

    // Back online, but the first answer is lost after the server stored the clips.
    api.network.offline = false;
    api.network.loseAnswers = 1;
    offset += MAX_DELAY_MS;
    expect((await flushOutbox(outbox, client, now)).postponed).toBe(2);
    expect((await outbox.all())[0]!.attempts).toBe(2);
    offset += MAX_DELAY_MS;
    expect(await flushOutbox(outbox, client, now)).toEqual({
      delivered: 2,
      failed: 0,
      postponed: 0,
    });
    expect(await outbox.all()).toEqual([]);
    expect((await api.clipsIn(user.collectionId, user.token)).length).toBe(before + 2);
  });

  it('survives reopening the store (a browser restart) with every field intact', async () => {
    const name = `jianbao-restart-${dbCount}`;
    const first = await Outbox.open(name);
    const [request] = await enqueueClips(first, user.collectionId, [portal()]);
    first.close();
    const again = await Outbox.open(name);
    const [item] = await again.all();
    expect(item!.request).toEqual(request);
    expect(item!.collectionId).toBe(user.collectionId);
    again.close();
  });

  it('fails for good what the server refuses, with its reason, and retries on request', async () => {
    const bad = epaper();
    bad.draft = { ...bad.draft, publishedAt: '2024-02-30' };
    await enqueueClips(outbox, user.collectionId, [bad, portal()]);
    const report = await flushOutbox(outbox, client, now);
    expect(report).toEqual({ delivered: 1, failed: 1, postponed: 0 });
    const [failed] = await outbox.all();
    expect(failed!.state).toBe('failed');
    expect(failed!.lastError?.code).toBe('invalid');
    expect(failed!.lastError?.field).toContain('publishedAt');
    // A failed clip is not retried by itself...
    expect((await flushOutbox(outbox, client, now)).failed).toBe(0);
    // ...only when the user asks.
    await outbox.retry(failed!.id, now());
    expect((await flushOutbox(outbox, client, now)).failed).toBe(1);
  });

  it('fails a whole batch the server will never take: a revoked token, no access', async () => {
    const stranger = new ApiClient({ baseUrl: SERVER, token: 'jb_not-a-token', fetch: api.fetch });
    await enqueueClips(outbox, user.collectionId, [portal()]);
    expect((await flushOutbox(outbox, stranger, now)).failed).toBe(1);
    const [item] = await outbox.all();
    expect(item!.state).toBe('failed');
    expect(item!.lastError?.code).toMatch(/unauth|token/);
  });

  it('says when a linked page is not an article', async () => {
    await outbox.add([
      {
        collectionId: user.collectionId,
        request: {
          id: '0190f5c2-0000-7000-8000-000000000001',
          page: { html: '<html><body><p>登录</p></body></html>', url: 'https://example.cn/login' },
          tags: [],
        },
        title: 'login',
        url: 'https://example.cn/login',
      },
    ]);
    await flushOutbox(outbox, client, now);
    const [item] = await outbox.all();
    expect(item!.state).toBe('failed');
    expect(item!.lastError?.code).toBe('not-article');
  });
});

describe('retryDelay', () => {
  it('doubles from the base, caps, spreads, and honours Retry-After', () => {
    expect(retryDelay(1, 0, () => 0)).toBe(BASE_DELAY_MS);
    expect(retryDelay(2, 0, () => 0)).toBe(2 * BASE_DELAY_MS);
    expect(retryDelay(30, 0, () => 0)).toBe(MAX_DELAY_MS);
    expect(retryDelay(1, 0, () => 1)).toBe(BASE_DELAY_MS * 0.8);
    expect(retryDelay(1, 60_000, () => 0)).toBe(60_000);
  });
});
