import { createHash } from 'node:crypto';

/**
 * The id an imported clip gets: a UUIDv7 whose time is `timeMs` (the record's own clip time, or
 * the file's modification time, so that a re-import keeps the order) and whose other 74 bits
 * come from a hash of the collection and `key` (what was imported). The same thing imported into
 * the same collection again gets the same id, and the server answers it as already stored.
 */
export function importId(collectionId: string, key: string, timeMs: number): string {
  const hash = createHash('sha256').update(`jianbao-import\0${collectionId}\0${key}`).digest();
  const bytes = Buffer.alloc(16);
  const ms = Math.max(0, Math.min(Math.trunc(timeMs), 2 ** 48 - 1));
  bytes.writeUIntBE(ms, 0, 6);
  hash.copy(bytes, 6, 0, 10);
  bytes[6] = 0x70 | (bytes[6]! & 0x0f);
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const sha256 = (text: string | Uint8Array) =>
  createHash('sha256').update(text).digest('hex');
