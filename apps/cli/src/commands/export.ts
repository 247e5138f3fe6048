import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ApiClient } from '../server/client';
import { resolveCollection } from '../server/collections';
import type { CommandIo } from './extract';

export interface ExportOptions {
  collection?: string;
  format: string;
  /** Filters of `GET /export`, passed as they are: the server checks them. */
  filters: Record<string, string | undefined>;
  dedupe: boolean;
  script?: string;
  html: boolean;
  /** A file, `-` for stdout, or undefined: the server's file name in the current folder. */
  output?: string;
  tty: boolean;
}

/**
 * Downloads an export, streamed to its file (written under a temporary name and renamed once
 * complete, so a cut download never looks like a whole file), with progress on stderr.
 */
export async function runExport(
  client: ApiClient,
  options: ExportOptions,
  io: CommandIo,
): Promise<number> {
  const params = new URLSearchParams({ format: options.format });
  if (options.collection) {
    params.set('collection', (await resolveCollection(client, options.collection)).id);
  }
  for (const [key, value] of Object.entries(options.filters)) {
    if (value !== undefined) params.set(key, value);
  }
  if (options.dedupe) params.set('dedupe', 'true');
  if (options.script) params.set('script', options.script);
  if (options.html) params.set('html', 'true');
  const response = await client.request('GET', `/export?${params}`, {
    headers: { accept: '*/*' },
  });
  const target = options.output ?? fileNameOf(response.headers.get('content-disposition'));
  const body = Readable.fromWeb(response.body as import('node:stream/web').ReadableStream);
  const meter = new ByteMeter(io.stderr, options.tty);
  if (target === '-') {
    await pipeline(body, meter, io.stdout);
    meter.finish('stdout');
    return 0;
  }
  const partial = `${target}.part`;
  try {
    await pipeline(body, meter, createWriteStream(partial));
    await rename(partial, target);
  } catch (error) {
    await rm(partial, { force: true });
    io.stderr.write(`jianbao export: the download broke off: ${(error as Error).message}\n`);
    return 1;
  }
  meter.finish(target);
  return 0;
}

/** The file name of `Content-Disposition` (its UTF-8 form first), made safe for a local path. */
export function fileNameOf(header: string | null): string {
  const star = /filename\*=UTF-8''([^;]+)/i.exec(header ?? '');
  const plain = /filename="([^"]+)"/i.exec(header ?? '');
  let name = 'jianbao-export';
  try {
    name = star ? decodeURIComponent(star[1]!) : (plain?.[1] ?? name);
  } catch {
    name = plain?.[1] ?? name;
  }
  return name.replace(/[/\\\0]/g, '_').replace(/^\.+/, '') || 'jianbao-export';
}

/** Counts the bytes going through; on a terminal shows them with the rate. */
class ByteMeter extends Transform {
  #bytes = 0;
  #last = 0;
  readonly #started = performance.now();

  constructor(
    private readonly out: NodeJS.WritableStream,
    private readonly tty: boolean,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: string, done: () => void): void {
    this.#bytes += chunk.length;
    const now = performance.now();
    if (this.tty && now - this.#last > 100) {
      this.#last = now;
      this.out.write(`\r\x1b[2K${this.#describe(now)}`);
    }
    this.push(chunk);
    done();
  }

  finish(target: string): void {
    if (this.tty) this.out.write('\r\x1b[2K');
    this.out.write(`export: ${this.#describe(performance.now())} → ${target}\n`);
  }

  #describe(now: number): string {
    const seconds = Math.max((now - this.#started) / 1000, 1e-3);
    const mb = this.#bytes / 1024 / 1024;
    return `${mb.toFixed(1)} MB in ${seconds.toFixed(1)} s (${(mb / seconds).toFixed(1)} MB/s)`;
  }
}
