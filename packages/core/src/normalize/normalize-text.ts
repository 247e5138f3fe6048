import { toSimplified } from './script';

// Whitespace between two Han characters carries no meaning (PDF line breaks cut words: 党支\n部).
const hanGap = /(\p{Script=Han})\s+(?=\p{Script=Han})/gu;
const whitespaceRun = /\s+/gu;
const whitespaceOrPunctuation = /[\s\p{P}\p{S}]+/gu;

/**
 * The form fingerprints and search are computed on: NFKC (full-width letters and digits become
 * ASCII), traditional→simplified, whitespace between Han characters removed, other runs collapsed
 * to one space.
 */
export function normalizeText(text: string): string {
  return toSimplified(text.normalize('NFKC'))
    .replace(hanGap, '$1')
    .replace(whitespaceRun, ' ')
    .trim();
}

/** The text hash input: the normalised text with all whitespace and punctuation removed. */
export function hashableText(text: string): string {
  return normalizeText(text).replace(whitespaceOrPunctuation, '');
}

const encoder = new TextEncoder();

/**
 * 64-bit FNV-1a over the UTF-8 bytes, as 16 hex digits. Two 32-bit halves instead of BigInt:
 * the prime is 2^40 + 0x1b3, so each step is two small multiplications and a shift.
 */
export function fnv1a64(text: string): string {
  let hi = 0xcbf29ce4;
  let lo = 0x84222325;
  for (const byte of encoder.encode(text)) {
    lo = (lo ^ byte) >>> 0;
    const loTimes = lo * 0x1b3; // < 2^41: exact in a double
    const carry = Math.floor(loTimes / 0x100000000);
    hi = (hi * 0x1b3 + ((lo << 8) >>> 0) + carry) >>> 0;
    lo = loTimes >>> 0;
  }
  return hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0');
}

/** Hash of the normalised text: the same story in either script, or re-wrapped, hashes the same. */
export function textHash(text: string): string {
  return fnv1a64(hashableText(text));
}

/** `textHash` of a text already through `normalizeText` (saves converting it twice). */
export function hashOfNormalized(normalized: string): string {
  return fnv1a64(normalized.replace(whitespaceOrPunctuation, ''));
}
