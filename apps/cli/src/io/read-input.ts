import { open, stat } from 'node:fs/promises';
import { binaryReason } from './binary';

/** Files over this are refused before they are read: no saved page is this big. */
export const MAX_INPUT_BYTES = 50 * 1024 * 1024;

export type InputErrorCode = 'not-found' | 'is-directory' | 'unreadable' | 'binary' | 'too-large';

export type InputResult =
  | { ok: true; bytes: Uint8Array }
  | { ok: false; code: InputErrorCode; message: string };

/**
 * A file's bytes, or why it cannot be used. Checks the size and kind with stat() before
 * opening, so a 2 GB file is never read and a FIFO or device never blocks the run.
 */
export async function readInput(path: string, maxBytes = MAX_INPUT_BYTES): Promise<InputResult> {
  let size: number;
  try {
    const info = await stat(path);
    if (info.isDirectory()) return fail('is-directory', 'is a directory, not a file');
    if (!info.isFile()) return fail('unreadable', 'not a regular file (a device, socket or FIFO)');
    size = info.size;
  } catch (error) {
    return fromFsError(error);
  }
  if (size > maxBytes) {
    return fail('too-large', `${formatBytes(size)}, over the limit of ${formatBytes(maxBytes)}`);
  }
  let bytes: Uint8Array;
  try {
    bytes = await readUpTo(path, size);
  } catch (error) {
    return fromFsError(error);
  }
  const binary = binaryReason(bytes);
  if (binary) return fail('binary', `binary content: ${binary}`);
  return { ok: true, bytes };
}

/** Reads at most `size` bytes (the size stat() saw), so a file still growing cannot blow the limit. */
async function readUpTo(path: string, size: number): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const buffer = new Uint8Array(size);
    let filled = 0;
    while (filled < size) {
      const { bytesRead } = await handle.read(buffer, filled, size - filled, filled);
      if (bytesRead === 0) break; // truncated since stat(): keep what is there
      filled += bytesRead;
    }
    return buffer.subarray(0, filled);
  } finally {
    await handle.close();
  }
}

function fromFsError(error: unknown): InputResult {
  const code = (error as NodeJS.ErrnoException).code;
  const message = error instanceof Error ? error.message : String(error);
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR': // a path component is a file
      return fail('not-found', 'no such file');
    case 'EISDIR':
      return fail('is-directory', 'is a directory, not a file');
    default:
      return fail('unreadable', message);
  }
}

function fail(code: InputErrorCode, message: string): InputResult {
  return { ok: false, code, message };
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${n} bytes`;
}
