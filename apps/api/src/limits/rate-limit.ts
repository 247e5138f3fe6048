import type { Context, MiddlewareHandler } from 'hono';

export interface RateLimitStore {
  /** Counts one hit for `key` in the window containing `now`; returns the count so far and when the window resets (epoch ms). */
  hit(key: string, windowMs: number, now: number): Promise<{ count: number; resetAt: number }>;
}

export interface MemoryRateLimitStoreOptions {
  /** Most keys held at once; past it the oldest window is dropped, so memory stays bounded under a flood of new keys. */
  maxKeys?: number;
}

interface FixedWindow {
  count: number;
  resetAt: number;
}

/**
 * Fixed windows that start at a key's first hit, in one process's memory. For a single instance
 * and for tests; several instances behind a load balancer need a shared store (Postgres, Redis).
 */
export class MemoryRateLimitStore implements RateLimitStore {
  readonly maxKeys: number;
  // A Map iterates in insertion order and a key is re-inserted when its window restarts, so the
  // front holds the windows that started first: with one window length, the first to expire.
  readonly #windows = new Map<string, FixedWindow>();

  constructor(options: MemoryRateLimitStoreOptions = {}) {
    this.maxKeys = options.maxKeys ?? 100_000;
    if (!Number.isInteger(this.maxKeys) || this.maxKeys < 1) {
      throw new RangeError(`maxKeys must be a positive integer, got ${this.maxKeys}`);
    }
  }

  /** Keys currently held, expired or not. */
  get size(): number {
    return this.#windows.size;
  }

  async hit(
    key: string,
    windowMs: number,
    now: number,
  ): Promise<{ count: number; resetAt: number }> {
    this.#evictExpiredFromFront(now);
    const current = this.#windows.get(key);
    if (current && current.resetAt > now) {
      current.count += 1;
      return { count: current.count, resetAt: current.resetAt };
    }
    if (current) this.#windows.delete(key);
    else if (this.#windows.size >= this.maxKeys) this.#makeRoom(now);
    const started: FixedWindow = { count: 1, resetAt: now + windowMs };
    this.#windows.set(key, started);
    return { count: started.count, resetAt: started.resetAt };
  }

  /** Amortised O(1): stops at the first live window. */
  #evictExpiredFromFront(now: number): void {
    for (const [key, window] of this.#windows) {
      if (window.resetAt > now) return;
      this.#windows.delete(key);
    }
  }

  /** Full sweep (windows of different lengths can leave expired keys behind live ones), then the oldest goes. */
  #makeRoom(now: number): void {
    for (const [key, window] of this.#windows) {
      if (window.resetAt <= now) this.#windows.delete(key);
    }
    if (this.#windows.size < this.maxKeys) return;
    const oldest = this.#windows.keys().next();
    if (!oldest.done) this.#windows.delete(oldest.value);
  }
}

export interface RateLimitOptions {
  store: RateLimitStore;
  /** Requests allowed per key in one window. */
  limit: number;
  windowMs: number;
  /** Whom a request counts against (an API token, or the client IP when anonymous); null = not limited. */
  key: (c: Context) => string | null;
  now?: () => number;
}

/**
 * Limits requests per key. Every limited request's response, allowed or refused, says the budget
 * in `RateLimit-Limit`, `RateLimit-Remaining` and `RateLimit-Reset` (seconds until the window resets).
 */
export function rateLimit(options: RateLimitOptions): MiddlewareHandler {
  const { store, limit, windowMs, key } = options;
  const now = options.now ?? Date.now;
  if (!Number.isInteger(limit) || limit < 1) {
    throw new RangeError(`limit must be a positive integer, got ${limit}`);
  }
  if (!Number.isFinite(windowMs) || windowMs <= 0) {
    throw new RangeError(`windowMs must be a positive number, got ${windowMs}`);
  }

  return async (c, next) => {
    const id = key(c);
    if (id === null) return next();

    const at = now();
    const { count, resetAt } = await store.hit(id, windowMs, at);
    const resetSeconds = Math.max(0, Math.ceil((resetAt - at) / 1000));
    const budget = {
      'RateLimit-Limit': String(limit),
      'RateLimit-Remaining': String(Math.max(0, limit - count)),
      'RateLimit-Reset': String(resetSeconds),
    };

    if (count > limit) {
      const retryAfter = Math.max(1, resetSeconds);
      const unit = retryAfter === 1 ? 'second' : 'seconds';
      return c.json(
        {
          error: {
            code: 'rate-limited',
            message: `Too many requests: the limit is ${limit} per ${formatWindow(windowMs)}. Try again in ${retryAfter} ${unit}.`,
          },
        },
        429,
        { ...budget, 'Retry-After': String(retryAfter) },
      );
    }

    await next();
    // Set after the handler, on whatever response it made (also a raw Response or an error page).
    for (const [name, value] of Object.entries(budget)) c.header(name, value);
  };
}

function formatWindow(windowMs: number): string {
  const seconds = windowMs / 1000;
  if (seconds % 3600 === 0) return seconds === 3600 ? 'hour' : `${seconds / 3600} hours`;
  if (seconds % 60 === 0) return seconds === 60 ? 'minute' : `${seconds / 60} minutes`;
  return seconds === 1 ? 'second' : `${seconds} seconds`;
}
