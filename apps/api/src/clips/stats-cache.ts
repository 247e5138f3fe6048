/**
 * Facet counts and overviews by (collection, its version, the query), most recently used kept.
 * Every write to a collection's clips bumps its version in the same transaction, so an entry is
 * never stale for the version it is filed under: a write committed while it was computed can
 * only make it newer than its version says. Paging through a collection (each page asks for the
 * same counts) costs one count, not one per page. Per process, nothing shared: another instance
 * simply computes its own.
 */
export class StatsCache {
  readonly #entries = new Map<string, Promise<unknown>>();

  constructor(readonly capacity = 256) {}

  /**
   * The value filed under `key`, else `compute()`'s, filed once it resolves (concurrent calls
   * for the same key share one computation; a failure is not kept).
   */
  async get<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const kept = this.#entries.get(key);
    if (kept) {
      // Most recently used last: Map keeps insertion order.
      this.#entries.delete(key);
      this.#entries.set(key, kept);
      return kept as Promise<T>;
    }
    const pending = compute();
    this.#entries.set(key, pending);
    while (this.#entries.size > this.capacity) {
      this.#entries.delete(this.#entries.keys().next().value!);
    }
    try {
      return await pending;
    } catch (error) {
      if (this.#entries.get(key) === pending) this.#entries.delete(key);
      throw error;
    }
  }

  get size(): number {
    return this.#entries.size;
  }
}

/** The key of one statistic of one collection at one version, for one query. */
export function statsKey(
  kind: 'facets' | 'overview' | 'duplicates',
  collection: { id: string; version: number },
  query: Record<string, string | undefined> = {},
): string {
  const filters = Object.entries(query)
    .filter(([, value]) => value !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  return JSON.stringify([kind, collection.id, collection.version, filters]);
}
