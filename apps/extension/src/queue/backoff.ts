/** The first retry waits this long; each failure doubles it, up to MAX_DELAY_MS. */
export const BASE_DELAY_MS = 5_000;
export const MAX_DELAY_MS = 30 * 60_000;

/**
 * How long to wait before attempt `attempts + 1` after `attempts` failures: exponential, capped,
 * with up to a fifth of random spread so that many browsers coming back online do not retry in
 * step. A server's Retry-After, when longer, wins.
 */
export function retryDelay(attempts: number, retryAfterMs = 0, random = Math.random): number {
  const exponential = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.max(0, attempts - 1));
  const spread = exponential * 0.2 * random();
  return Math.max(Math.round(exponential - spread), retryAfterMs);
}
