import { type FileHandle, mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { concat } from './bytes';

/**
 * Bytes kept for later, in memory up to `memoryLimit`, past it in a temporary file, so that
 * whatever an export must hold until its end (a manifest, a zip's central directory) costs a
 * bounded amount of memory. `dispose()` removes the file and its directory; call it in a finally.
 */
export class Spool {
  private parts: Uint8Array[] = [];
  private held = 0;
  private dir: string | null = null;
  private file: FileHandle | null = null;
  private written = 0;

  constructor(
    private readonly memoryLimit: number,
    private readonly tempDir: string = tmpdir(),
  ) {}

  /** Bytes appended so far. */
  get size(): number {
    return this.written + this.held;
  }

  async append(bytes: Uint8Array): Promise<void> {
    if (bytes.length === 0) return;
    this.parts.push(bytes);
    this.held += bytes.length;
    if (this.held > this.memoryLimit) await this.spill();
  }

  private async spill(): Promise<void> {
    if (!this.file) {
      this.dir = await mkdtemp(join(this.tempDir, 'jianbao-export-'));
      this.file = await open(join(this.dir, 'spool'), 'w+');
    }
    const bytes = concat(this.parts, this.held);
    this.parts = [];
    this.held = 0;
    await this.file.write(bytes, 0, bytes.length, this.written);
    this.written += bytes.length;
  }

  /** Everything appended, in order, in chunks of at most `chunkSize` from the file. */
  async *read(chunkSize: number): AsyncGenerator<Uint8Array> {
    if (this.file) {
      for (let at = 0; at < this.written; ) {
        const buffer = new Uint8Array(Math.min(chunkSize, this.written - at));
        const { bytesRead } = await this.file.read(buffer, 0, buffer.length, at);
        if (bytesRead === 0) throw new Error('export: the spool file is shorter than written');
        yield bytesRead === buffer.length ? buffer : buffer.subarray(0, bytesRead);
        at += bytesRead;
      }
    }
    for (const part of this.parts) yield part;
  }

  async dispose(): Promise<void> {
    this.parts = [];
    this.held = 0;
    const { file, dir } = this;
    this.file = null;
    this.dir = null;
    try {
      await file?.close();
    } finally {
      if (dir) await rm(dir, { recursive: true, force: true });
    }
  }
}
