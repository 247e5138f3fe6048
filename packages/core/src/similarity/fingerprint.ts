import { toSimplified } from '../normalize/script';

/**
 * Near-duplicate fingerprints: one-permutation MinHash (128 slots, optimal densification) over
 * character 5-grams of the normalised text, cut into 32 LSH bands of 4 rows. A repost in the
 * other script, re-wrapped or re-punctuated gives the same shingles; one cut to 60% keeps most
 * slots. Chosen by bench/src/similar-bench.ts, which also measures the alternatives.
 */
export const NEAR_DUP_SCHEME = 'oph128-c5-b32x4';
export const SLOTS = 128;
export const ROWS_PER_BAND = 4;
export const BANDS = SLOTS / ROWS_PER_BAND;
export const SHINGLE_SIZE = 5;

export interface NearDupFingerprint {
  /** One-permutation MinHash, SLOTS uint32 values; empty when the text has no character. */
  minhash: number[];
  /** LSH band keys `b<band>:<16 hex>`, one per band; empty when the text has no character. */
  bands: string[];
  /** Distinct character shingles (5-grams) of the normalised text. */
  shingleCount: number;
  /** Characters of the normalised text (no whitespace or punctuation). */
  length: number;
}

export interface FingerprintOptions {
  /** The text is already through `normalizeText` (NFKC, simplified): skip both. */
  normalized?: boolean;
  /** Convert traditional → simplified (default true). `false` only to measure what t2s buys. */
  simplify?: boolean;
  /** Keep punctuation in the shingles (default false). Only to measure what stripping buys. */
  keepPunctuation?: boolean;
  /** Characters per shingle (default 5). Other sizes give incomparable fingerprints. */
  shingleSize?: number;
}

const WHITESPACE_AND_PUNCTUATION = /[\s\p{P}\p{S}]+/gu;
const WHITESPACE = /\s+/gu;
const STRIPPED_CHAR = /^[\s\p{P}\p{S}]$/u;
const WHITESPACE_CHAR = /^\s$/u;

/** NFKC and traditional → simplified, unless the text says it is already through them. */
function normalizedForm(text: string, options: FingerprintOptions): string {
  if (options.normalized) return text;
  const t = text.normalize('NFKC');
  return options.simplify === false ? t : toSimplified(t);
}

/** The characters shingles are taken from: NFKC, simplified, no whitespace or punctuation. */
export function fingerprintCharacters(text: string, options: FingerprintOptions = {}): string {
  // Line breaks, spacing and punctuation are what reposts change most (PDF wraps, full-width
  // commas, 「」 for “”); they carry nothing of the story.
  return normalizedForm(text, options).replace(
    options.keepPunctuation ? WHITESPACE : WHITESPACE_AND_PUNCTUATION,
    '',
  );
}

/**
 * Per BMP code unit, 1 when the character is stripped: a table built once from the same classes
 * as `fingerprintCharacters`, because a Unicode-property regex over every text costs a third of
 * a fingerprint.
 */
const stripTables = new Map<boolean, Uint8Array>();
function stripTable(keepPunctuation: boolean): Uint8Array {
  let table = stripTables.get(keepPunctuation);
  if (!table) {
    const re = keepPunctuation ? WHITESPACE_CHAR : STRIPPED_CHAR;
    table = new Uint8Array(0x10000);
    for (let c = 0; c < 0x10000; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      if (re.test(String.fromCharCode(c))) table[c] = 1;
    }
    stripTables.set(keepPunctuation, table);
  }
  return table;
}

/** Code points of the normalised text with whitespace (and punctuation) left out. */
function keptCodePoints(normalized: string, keepPunctuation: boolean): Uint32Array {
  const table = stripTable(keepPunctuation);
  const re = keepPunctuation ? WHITESPACE_CHAR : STRIPPED_CHAR;
  const out = new Uint32Array(normalized.length);
  let n = 0;
  for (let i = 0; i < normalized.length; i++) {
    const c = normalized.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < normalized.length) {
      const cp = normalized.codePointAt(i)!;
      i++;
      if (!re.test(String.fromCodePoint(cp))) out[n++] = cp;
    } else if (!table[c]) out[n++] = c;
  }
  return out.subarray(0, n);
}

/** MurmurHash3's 32-bit finaliser: spreads every input bit over the whole word. */
export function fmix32(x: number): number {
  let h = x;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * 32-bit hashes of the character shingles (with repeats) of characters already stripped
 * (`fingerprintCharacters`). A text shorter than one shingle is one shingle of its own; an
 * empty text has none.
 */
export function shingleHashes(chars: string, size: number = SHINGLE_SIZE): Uint32Array {
  const cps = new Uint32Array(chars.length);
  let n = 0;
  for (let i = 0; i < chars.length; i++) {
    const cp = chars.codePointAt(i)!;
    if (cp > 0xffff) i++;
    cps[n++] = cp;
  }
  return hashShingles(cps.subarray(0, n), size);
}

function hashShingles(cps: Uint32Array, size: number): Uint32Array {
  if (cps.length === 0) return new Uint32Array(0);
  const n = Math.max(1, cps.length - size + 1);
  const width = Math.min(size, cps.length);
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    let h = 0x811c9dc5; // FNV-1a over whole code points, then finalised
    for (let j = 0; j < width; j++) h = Math.imul(h ^ cps[i + j]!, 0x01000193);
    out[i] = fmix32(h ^ width);
  }
  return out;
}

const EMPTY = 0xffffffff;

/**
 * One-permutation MinHash: the top 7 bits of a shingle's hash pick its slot, the slot keeps its
 * smallest hash. Empty slots (short texts) borrow from a non-empty slot chosen by a hash of the
 * slot and attempt number (Shrivastava 2017, optimal densification), so both texts of a pair
 * borrow alike and the slot agreement rate still estimates Jaccard similarity.
 */
function onepermutationMinhash(hashes: Uint32Array): number[] {
  const mins = new Uint32Array(SLOTS).fill(EMPTY);
  const filled = new Uint8Array(SLOTS);
  const shift = 32 - Math.log2(SLOTS);
  for (let i = 0; i < hashes.length; i++) {
    const h = hashes[i]!;
    const slot = h >>> shift;
    filled[slot] = 1;
    if (h < mins[slot]!) mins[slot] = h;
  }
  const out = Array.from(mins);
  for (let slot = 0; slot < SLOTS; slot++) {
    if (filled[slot]) continue;
    let donor = slot;
    for (let attempt = 1; !filled[donor]; attempt++) {
      donor = fmix32(Math.imul(slot + 1, 0x9e3779b1) ^ Math.imul(attempt, 0x85ebca6b)) % SLOTS;
    }
    out[slot] = mins[donor]!;
  }
  return out;
}

function hex8(x: number): string {
  return x.toString(16).padStart(8, '0');
}

/** One key per band: the band's number and a 64-bit hash of its rows, short enough to index. */
export function bandKeys(minhash: readonly number[]): string[] {
  if (minhash.length !== SLOTS) return [];
  const keys: string[] = [];
  for (let band = 0; band < BANDS; band++) {
    let h1 = 0x811c9dc5 ^ band;
    let h2 = 0x9747b28c ^ band;
    for (let row = 0; row < ROWS_PER_BAND; row++) {
      const v = minhash[band * ROWS_PER_BAND + row]!;
      h1 = Math.imul(h1 ^ v, 0x01000193);
      h2 = Math.imul(h2 ^ fmix32(v), 0x5bd1e995);
    }
    keys.push(`b${band}:${hex8(fmix32(h1))}${hex8(fmix32(h2))}`);
  }
  return keys;
}

/** Distinct values by open addressing (hashes are already mixed: low bits index the table). */
function distinctCount(hashes: Uint32Array): number {
  let size = 16;
  while (size < hashes.length * 2) size *= 2;
  const table = new Uint32Array(size);
  const mask = size - 1;
  let n = 0;
  let zero = false; // 0 marks an empty cell, so the hash 0 is counted apart
  for (let k = 0; k < hashes.length; k++) {
    const h = hashes[k]!;
    if (h === 0) {
      if (!zero) n++;
      zero = true;
      continue;
    }
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const v = table[i]!;
      if (v === h) break;
      if (v === 0) {
        table[i] = h;
        n++;
        break;
      }
    }
  }
  return n;
}

export function fingerprintText(
  text: string,
  options: FingerprintOptions = {},
): NearDupFingerprint {
  const cps = keptCodePoints(normalizedForm(text, options), options.keepPunctuation ?? false);
  const hashes = hashShingles(cps, options.shingleSize ?? SHINGLE_SIZE);
  if (hashes.length === 0) return { minhash: [], bands: [], shingleCount: 0, length: 0 };
  const minhash = onepermutationMinhash(hashes);
  return {
    minhash,
    bands: bandKeys(minhash),
    shingleCount: distinctCount(hashes),
    length: cps.length,
  };
}

/** The distinct shingle hashes of a text: for exact overlap where both texts are at hand. */
export function shingleSet(text: string, options: FingerprintOptions = {}): Set<number> {
  const cps = keptCodePoints(normalizedForm(text, options), options.keepPunctuation ?? false);
  return new Set(hashShingles(cps, options.shingleSize ?? SHINGLE_SIZE));
}
