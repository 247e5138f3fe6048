import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { describe, expect, it } from 'vitest';
import { MemoryRateLimitStore, type RateLimitOptions, rateLimit } from './rate-limit';

const WINDOW_MS = 60_000;

/** A small app limited per `x-token` header; requests without one are not limited. */
function createTestApp(overrides: Partial<RateLimitOptions> = {}) {
  const clock = { now: 1_700_000_000_000 };
  const app = new Hono()
    .use(
      rateLimit({
        store: new MemoryRateLimitStore(),
        limit: 3,
        windowMs: WINDOW_MS,
        key: (c) => c.req.header('x-token') ?? null,
        now: () => clock.now,
        ...overrides,
      }),
    )
    .get('/clips', (c) => c.json({ clips: [] }))
    .get('/raw', () => new Response('raw', { status: 202 }))
    .get('/fails', () => {
      throw new HTTPException(418, { message: 'teapot' });
    });
  const get = (token?: string, path = '/clips') =>
    app.request(path, { headers: token ? { 'x-token': token } : {} });
  return { app, clock, get };
}

describe('rateLimit', () => {
  it('allows requests up to the limit and says the budget left', async () => {
    const { get } = createTestApp();
    for (const remaining of ['2', '1', '0']) {
      const res = await get('alice');
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ clips: [] });
      expect(res.headers.get('RateLimit-Limit')).toBe('3');
      expect(res.headers.get('RateLimit-Remaining')).toBe(remaining);
      expect(res.headers.get('RateLimit-Reset')).toBe('60');
    }
  });

  it('refuses past the limit with 429, Retry-After and the error body', async () => {
    const { clock, get } = createTestApp();
    for (let i = 0; i < 3; i++) await get('alice');
    clock.now += 45_500;
    const res = await get('alice');
    expect(res.status).toBe(429);
    expect(res.headers.get('Retry-After')).toBe('15');
    expect(res.headers.get('RateLimit-Limit')).toBe('3');
    expect(res.headers.get('RateLimit-Remaining')).toBe('0');
    expect(res.headers.get('RateLimit-Reset')).toBe('15');
    const body = await res.json();
    expect(Object.keys(body)).toEqual(['error']);
    expect(Object.keys(body.error)).toEqual(['code', 'message']);
    expect(body.error.code).toBe('rate-limited');
    expect(body.error.message).toBe(
      'Too many requests: the limit is 3 per minute. Try again in 15 seconds.',
    );
  });

  it('never tells a refused client to retry in 0 seconds', async () => {
    const { clock, get } = createTestApp({ limit: 1 });
    await get('alice');
    clock.now += WINDOW_MS - 1;
    const res = await get('alice');
    expect(res.status).toBe(429);
    expect(res.headers.get('Retry-After')).toBe('1');
    expect((await res.json()).error.message).toMatch(/Try again in 1 second\.$/);
  });

  it('gives a fresh budget once the window has passed', async () => {
    const { clock, get } = createTestApp();
    for (let i = 0; i < 4; i++) await get('alice');
    expect((await get('alice')).status).toBe(429);
    clock.now += WINDOW_MS;
    const res = await get('alice');
    expect(res.status).toBe(200);
    expect(res.headers.get('RateLimit-Remaining')).toBe('2');
    expect(res.headers.get('RateLimit-Reset')).toBe('60');
  });

  it('keeps a separate budget per key', async () => {
    const { get } = createTestApp();
    for (let i = 0; i < 3; i++) expect((await get('alice')).status).toBe(200);
    expect((await get('alice')).status).toBe(429);
    const bob = await get('bob');
    expect(bob.status).toBe(200);
    expect(bob.headers.get('RateLimit-Remaining')).toBe('2');
  });

  it('does not limit a request whose key is null', async () => {
    const { get } = createTestApp({ limit: 1 });
    for (let i = 0; i < 10; i++) {
      const res = await get();
      expect(res.status).toBe(200);
      expect(res.headers.get('RateLimit-Limit')).toBeNull();
    }
  });

  it('puts the budget headers on raw responses and error responses too', async () => {
    const { get } = createTestApp();
    const raw = await get('alice', '/raw');
    expect(raw.status).toBe(202);
    expect(raw.headers.get('RateLimit-Remaining')).toBe('2');
    const failed = await get('alice', '/fails');
    expect(failed.status).toBe(418);
    expect(failed.headers.get('RateLimit-Remaining')).toBe('1');
  });

  it('waits for the store, so a slow shared store still counts every hit', async () => {
    const memory = new MemoryRateLimitStore();
    const slowStore = {
      hit: async (key: string, windowMs: number, now: number) => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        return memory.hit(key, windowMs, now);
      },
    };
    const { get } = createTestApp({ store: slowStore });
    const statuses = (await Promise.all(Array.from({ length: 5 }, () => get('alice')))).map(
      (res) => res.status,
    );
    expect(statuses.sort()).toEqual([200, 200, 200, 429, 429]);
  });

  it('refuses nonsense options', () => {
    const base = { store: new MemoryRateLimitStore(), windowMs: 1000, key: () => 'k' };
    expect(() => rateLimit({ ...base, limit: 0 })).toThrow(RangeError);
    expect(() => rateLimit({ ...base, limit: 1.5 })).toThrow(RangeError);
    expect(() => rateLimit({ ...base, limit: 1, windowMs: 0 })).toThrow(RangeError);
  });
});

describe('MemoryRateLimitStore', () => {
  it('counts hits within a window and restarts after it', async () => {
    const store = new MemoryRateLimitStore();
    expect(await store.hit('k', 1000, 5000)).toEqual({ count: 1, resetAt: 6000 });
    expect(await store.hit('k', 1000, 5999)).toEqual({ count: 2, resetAt: 6000 });
    expect(await store.hit('k', 1000, 6000)).toEqual({ count: 1, resetAt: 7000 });
  });

  it('evicts expired keys', async () => {
    const store = new MemoryRateLimitStore();
    for (let i = 0; i < 1000; i++) await store.hit(`ip-${i}`, 1000, 0);
    expect(store.size).toBe(1000);
    await store.hit('late', 1000, 999);
    expect(store.size).toBe(1001);
    await store.hit('later', 1000, 1000);
    expect(store.size).toBe(2);
  });

  it('evicts expired keys left behind live ones by a longer window', async () => {
    const store = new MemoryRateLimitStore({ maxKeys: 3 });
    await store.hit('daily', 86_400_000, 0);
    await store.hit('a', 1000, 0);
    await store.hit('b', 1000, 0);
    // At the cap: the sweep frees a and b (expired), so the long-lived window survives.
    await store.hit('c', 1000, 2000);
    expect(store.size).toBe(2);
    expect(await store.hit('daily', 86_400_000, 2000)).toEqual({ count: 2, resetAt: 86_400_000 });
  });

  it('stays within maxKeys when every key is live, dropping the oldest window', async () => {
    const store = new MemoryRateLimitStore({ maxKeys: 100 });
    for (let i = 0; i < 1000; i++) {
      await store.hit(`ip-${i}`, 60_000, i);
      expect(store.size).toBeLessThanOrEqual(100);
    }
    expect(await store.hit('ip-999', 60_000, 1000)).toEqual({ count: 2, resetAt: 60_999 });
    expect(await store.hit('ip-0', 60_000, 1000)).toEqual({ count: 1, resetAt: 61_000 });
  });
});
