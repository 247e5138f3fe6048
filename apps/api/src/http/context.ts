import type { DbHandle, MigrationLevel, User } from '@jianbao/db';
import type { StatsCache } from '../clips/stats-cache';
import type { ClipStore } from '../clips/store';
import type { RateLimitStore } from '../limits/rate-limit';

/** Everything the app needs from outside, injected (STYLE.md): nothing is read from globals. */
export interface AppDeps {
  db: DbHandle;
  migrations: MigrationLevel;
  /** The clock, for invitations' expiry; `() => new Date()` in production. */
  now?: () => Date;
  /** Where the rate limiter counts; in memory by default (one per process). */
  rateLimitStore?: RateLimitStore;
  rateLimit?: { limit: number; windowMs: number };
  maxBodyBytes?: number;
  /** Extension ids admitted by CORS; any extension when empty. */
  extensionIds?: string[];
  log?: (line: string) => void;
}

export interface Caller {
  user: User;
  tokenId: string;
}

export interface AppEnv {
  Variables: {
    deps: Required<Omit<AppDeps, 'rateLimitStore' | 'log'>> & Pick<AppDeps, 'log'>;
    /** Set when the request carries a valid token. */
    caller: Caller | undefined;
    store: ClipStore;
    /** Facet counts and overviews by collection version (this app's, in memory). */
    stats: StatsCache;
    /** Near-duplicate groups by collection version: fewer, larger entries. */
    duplicates: StatsCache;
  };
}
