import { BINARY_SIGNATURES } from './binary-signatures';

/** How much of a file is looked at to decide whether it is text. */
export const SNIFF_BYTES = 8 * 1024;

/**
 * Share of control bytes above which the sample is not text. Random bytes hold ~11%; text in
 * UTF-8, GB18030 or Big5 holds none (their multi-byte sequences never use bytes below 0x20).
 */
export const MAX_CONTROL_SHARE = 0.05;

/**
 * Why the bytes are not text, or null if they look like text. NUL bytes or many control
 * characters in the first 8 KB mean binary, except in UTF-16, where NULs are normal and the
 * page decoder reads them after the BOM.
 */
export function binaryReason(bytes: Uint8Array): string | null {
  const sample = bytes.subarray(0, SNIFF_BYTES);
  for (const signature of BINARY_SIGNATURES) {
    if (startsWith(sample, signature.magic)) {
      return `a ${signature.format} file, not a page or text${signature.hint ? `: ${signature.hint}` : ''}`;
    }
  }
  if (hasUtf16Bom(sample)) return null;
  let controls = 0;
  for (const byte of sample) {
    if (byte === 0) return 'contains NUL bytes';
    if (isControl(byte)) controls++;
  }
  if (sample.length > 0 && controls / sample.length > MAX_CONTROL_SHARE) {
    const percent = Math.round((controls / sample.length) * 100);
    return `${percent}% of the first ${sample.length} bytes are control characters`;
  }
  return null;
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  if (bytes.length < prefix.length) return false;
  return prefix.every((b, i) => bytes[i] === b);
}

function hasUtf16Bom(bytes: Uint8Array): boolean {
  return (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
}

/** C0 controls and DEL, except the whitespace text uses (tab, newlines, vertical tab, form feed). */
function isControl(byte: number): boolean {
  if (byte === 0x7f) return true;
  if (byte >= 0x20) return false;
  return !(byte >= 0x09 && byte <= 0x0d);
}
