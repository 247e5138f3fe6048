/*
 * Axis ticks for count axes: always integers, always starting at 0, 1-2-2.5-5 steps,
 * at most `maxTicks` ticks (5 by default), and as many as fit under that limit.
 *   niceTicks(12)  -> [0, 5, 10, 15]
 *   niceTicks(4)   -> [0, 1, 2, 3, 4]
 *   niceTicks(100) -> [0, 25, 50, 75, 100]
 *   niceTicks(1)   -> [0, 1]        (counts are never fractional, so 2 ticks is the floor)
 *   niceTicks(0)   -> [0, 1]        (empty or all-zero data still gets a usable scale)
 */

/** A count as the charts use it: finite, non-negative and whole; anything else is 0. */
export function cleanCount(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) return 0;
  return Math.round(value);
}

export function niceTicks(max: number, maxTicks = 5): number[] {
  const top = cleanCount(Math.ceil(Number.isFinite(max) ? max : 0));
  if (top === 0) return [0, 1];
  const intervals = Math.max(1, Math.floor(Number.isFinite(maxTicks) ? maxTicks : 5) - 1);
  for (let magnitude = 1; magnitude <= Number.MAX_SAFE_INTEGER; magnitude *= 10) {
    for (const m of [1, 2, 2.5, 5]) {
      const step = m * magnitude;
      if (!Number.isInteger(step)) continue;
      const n = Math.ceil(top / step);
      if (n <= intervals) return Array.from({ length: n + 1 }, (_, i) => i * step);
    }
  }
  return [0, top];
}

/** Compact tick and count labels: 1234 -> "1,234" (the grouping Chinese and English share). */
const numberFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export function formatCount(value: number): string {
  return numberFormat.format(cleanCount(value));
}
