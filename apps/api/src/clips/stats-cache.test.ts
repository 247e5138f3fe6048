import { describe, expect, it } from 'vitest';
import { StatsCache, statsKey } from './stats-cache';

describe('StatsCache', () => {
  it('computes once per key, shares a computation in flight, keeps the most recent', async () => {
    const cache = new StatsCache(2);
    let runs = 0;
    const compute = (value: string) => async () => {
      runs++;
      await new Promise((resolve) => setTimeout(resolve, 5));
      return value;
    };
    const [a, b] = await Promise.all([cache.get('a', compute('A')), cache.get('a', compute('X'))]);
    expect([a, b, runs]).toEqual(['A', 'A', 1]);
    expect(await cache.get('b', compute('B'))).toBe('B');
    // 'a' used again: 'b' is now the least recent, and goes when 'c' comes.
    expect(await cache.get('a', compute('X'))).toBe('A');
    expect(await cache.get('c', compute('C'))).toBe('C');
    expect(cache.size).toBe(2);
    expect(await cache.get('a', compute('X'))).toBe('A');
    expect(await cache.get('b', compute('B2'))).toBe('B2');
    expect(runs).toBe(4);
  });

  it('does not keep a failure', async () => {
    const cache = new StatsCache();
    await expect(cache.get('k', () => Promise.reject(new Error('no')))).rejects.toThrow('no');
    expect(cache.size).toBe(0);
    expect(await cache.get('k', async () => 1)).toBe(1);
  });

  it('keys by kind, collection, version and the filters given, in any order', () => {
    const collection = { id: 'c1', version: 3 };
    const key = statsKey('facets', collection, { tag: 'x', q: undefined, topic: 't' });
    expect(statsKey('facets', collection, { topic: 't', tag: 'x' })).toBe(key);
    expect(statsKey('overview', collection, { topic: 't', tag: 'x' })).not.toBe(key);
    expect(statsKey('facets', { id: 'c1', version: 4 }, { topic: 't', tag: 'x' })).not.toBe(key);
    expect(statsKey('facets', { id: 'c2', version: 3 }, { topic: 't', tag: 'x' })).not.toBe(key);
    expect(statsKey('facets', collection, { topic: 't' })).not.toBe(key);
  });
});
