import type { Script } from '../clip/schema';
import type { NearDupFingerprint } from './fingerprint';

export interface Overlap {
  /** Jaccard similarity of the two shingle sets. */
  jaccard: number;
  /** Share of the smaller text's shingles found in the larger one. */
  containment: number;
  /** Shingles the two texts share. */
  sharedShingles: number;
}

const NO_OVERLAP: Overlap = { jaccard: 0, containment: 0, sharedShingles: 0 };

/** Overlap from the two counts and a Jaccard value: |A∩B| = J·(|A|+|B|)/(1+J). */
function overlapFrom(jaccard: number, countA: number, countB: number): Overlap {
  const smaller = Math.min(countA, countB);
  if (smaller === 0) return NO_OVERLAP;
  const shared = (jaccard * (countA + countB)) / (1 + jaccard);
  return { jaccard, containment: Math.min(1, shared / smaller), sharedShingles: shared };
}

/**
 * Overlap estimated from the MinHash slots: the share of slots that agree estimates Jaccard
 * (±0.04 at 0.5 with 128 slots), the shingle counts turn it into containment.
 */
export function compareFingerprints(a: NearDupFingerprint, b: NearDupFingerprint): Overlap {
  const n = Math.min(a.minhash.length, b.minhash.length);
  if (n === 0 || a.minhash.length !== b.minhash.length) return NO_OVERLAP;
  let agree = 0;
  for (let i = 0; i < n; i++) if (a.minhash[i] === b.minhash[i]) agree++;
  return overlapFrom(agree / n, a.shingleCount, b.shingleCount);
}

/** Exact overlap of two shingle sets (`shingleSet`), where both texts are at hand. */
export function compareShingleSets(a: ReadonlySet<number>, b: ReadonlySet<number>): Overlap {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const h of small) if (large.has(h)) shared++;
  const union = a.size + b.size - shared;
  if (union === 0) return NO_OVERLAP;
  return overlapFrom(shared / union, a.size, b.size);
}

export type PairKind = 'near-duplicate' | 'similar' | 'different';
export type PairDifference = 'longer' | 'shorter' | 'other-script';

export interface PairVerdict extends Overlap {
  kind: PairKind;
  /** The containment: how much of the smaller text the larger one holds (0–1). */
  score: number;
  /** How the first text differs from the second. */
  differs: PairDifference[];
}

/**
 * Thresholds chosen by `pnpm bench:similar` (see its threshold sweep). Reposts keep nearly all of
 * the smaller text (containment 0.87 at the lowest: cut, wrapped, re-scripted, re-chromed); other
 * stories on the same subject share stock phrases (0.12 at most), template twins padded with
 * the same stock sentences up to 0.57. The Jaccard floor keeps MinHash honest: with few agreeing
 * slots the containment estimate is noise (one chance agreement between a short and a long text
 * reads as 0.8); it also means lengths within about 4× of each other.
 */
export const NEAR_DUPLICATE = { minContainment: 0.7, minJaccard: 0.2 } as const;
export const SIMILAR = { minContainment: 0.25, minJaccard: 0.05 } as const;
/** Normalised lengths further apart than this ratio count as longer/shorter. */
export const LENGTH_RATIO = 1.1;

export interface PairScripts {
  /** The first text's clip script, if known: differences in script vanish in the fingerprint. */
  a?: Script | null;
  b?: Script | null;
}

/** Is `a` a near-duplicate of `b`, similar, or different, and how does it differ? */
export function classifyPair(
  a: NearDupFingerprint,
  b: NearDupFingerprint,
  scripts: PairScripts = {},
): PairVerdict {
  const overlap = compareFingerprints(a, b);
  const kind: PairKind =
    overlap.containment >= NEAR_DUPLICATE.minContainment &&
    overlap.jaccard >= NEAR_DUPLICATE.minJaccard
      ? 'near-duplicate'
      : overlap.containment >= SIMILAR.minContainment && overlap.jaccard >= SIMILAR.minJaccard
        ? 'similar'
        : 'different';
  const differs: PairDifference[] = [];
  if (a.length > b.length * LENGTH_RATIO) differs.push('longer');
  else if (b.length > a.length * LENGTH_RATIO) differs.push('shorter');
  if (scripts.a && scripts.b && scripts.a !== scripts.b) differs.push('other-script');
  return { ...overlap, kind, score: overlap.containment, differs };
}
