import type { Writable } from 'node:stream';

/**
 * One JSON value a line on a stream, waiting for 'drain' when the reader is slower than us, so
 * hundreds of clips never pile up in memory. When the reader goes away (EPIPE: piped to `head`)
 * it closes quietly and tells the caller to stop.
 */
export class JsonLineWriter {
  #closed = false;
  #error: Error | null = null;
  readonly #stream: Writable;

  constructor(stream: Writable) {
    this.#stream = stream;
    stream.on('error', (error: NodeJS.ErrnoException) => {
      this.#closed = true;
      // The reader closing early is a normal end, not a failure.
      if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') this.#error = error;
    });
    stream.on('close', () => {
      this.#closed = true;
    });
  }

  /** True while lines can still be written. */
  get open(): boolean {
    return !this.#closed;
  }

  /** A write error other than the reader going away, if one happened. */
  get error(): Error | null {
    return this.#error;
  }

  /** Writes one line; resolves false once the stream has closed. */
  async write(value: unknown): Promise<boolean> {
    if (this.#closed) return false;
    const ready = this.#stream.write(`${JSON.stringify(value)}\n`);
    if (!ready && !this.#closed) await this.#drained();
    return !this.#closed;
  }

  #drained(): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        this.#stream.off('drain', done);
        this.#stream.off('close', done);
        this.#stream.off('error', done);
        resolve();
      };
      this.#stream.on('drain', done);
      this.#stream.on('close', done);
      this.#stream.on('error', done);
    });
  }
}
