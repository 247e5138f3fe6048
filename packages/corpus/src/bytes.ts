/** Formats hand out their bytes in chunks of about this size (a record may overshoot it). */
export const CHUNK_SIZE = 64 * 1024;

export const utf8 = new TextEncoder();

/** UTF-8 byte order mark: Excel reads a CSV as UTF-8 only when it starts with one. */
export const BOM = new Uint8Array([0xef, 0xbb, 0xbf]);

/** Bytes waiting to be yielded, taken out as one chunk. */
export class ByteQueue {
  private parts: Uint8Array[] = [];
  size = 0;

  push(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    this.parts.push(bytes);
    this.size += bytes.length;
  }

  text(s: string): void {
    this.push(utf8.encode(s));
  }

  /** Everything queued, as one chunk; the queue is left empty. */
  take(): Uint8Array {
    const out = concat(this.parts, this.size);
    this.parts = [];
    this.size = 0;
    return out;
  }
}

export function concat(parts: Uint8Array[], size = parts.reduce((n, p) => n + p.length, 0)) {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
