import { crc32 } from 'node:zlib';
import { Deflate, deflateSync } from 'fflate';
import { ByteQueue, CHUNK_SIZE, utf8 } from './bytes';
import { Spool } from './spool';

// A streaming ZIP writer (APPNOTE 6.3.x): entries are written as they come, the central
// directory is spooled (to disk past a few MiB) and written at the end. fflate deflates; the
// container is written here because fflate's `Zip` writes no ZIP64, so an archive of more than
// 65,535 entries or 4 GiB would come out corrupt, and exports have no such bound.

const LOCAL_HEADER = 0x04034b50;
const DATA_DESCRIPTOR = 0x08074b50;
const CENTRAL_HEADER = 0x02014b50;
const ZIP64_END = 0x06064b50;
const ZIP64_LOCATOR = 0x07064b50;
const END = 0x06054b50;
const ZIP64_EXTRA = 0x0001;

const MAX16 = 0xffff;
const MAX32 = 0xffffffff;

const FLAG_DATA_DESCRIPTOR = 0x0008;
/** Language encoding flag (bit 11): the name is UTF-8, so readers show 标题.md, not mojibake. */
const FLAG_UTF8 = 0x0800;
const STORED = 0;
const DEFLATED = 8;
const VERSION = 20;
const VERSION_ZIP64 = 45;
/** Made by Unix (3), spec 4.5, so that the file mode below is read. */
const MADE_BY = (3 << 8) | VERSION_ZIP64;
/** A regular file, rw-r--r--. */
const FILE_ATTRIBUTES = (0o100644 << 16) >>> 0;

const CENTRAL_MEMORY = 4 * 1024 * 1024;

export interface ZipOptions {
  /** Base directory for the spooled central directory (default os.tmpdir()). */
  tempDir?: string;
  /** Modification time of every entry (default: now). */
  mtime?: Date;
  /** Write the ZIP64 records even when no size calls for them (to test readers on them). */
  forceZip64?: boolean;
}

/** Little-endian fields into a fixed-size buffer. */
class Fields {
  readonly bytes: Uint8Array;
  private readonly view: DataView;
  private at = 0;

  constructor(size: number) {
    this.bytes = new Uint8Array(size);
    this.view = new DataView(this.bytes.buffer);
  }
  u16(v: number): this {
    this.view.setUint16(this.at, v, true);
    this.at += 2;
    return this;
  }
  u32(v: number): this {
    this.view.setUint32(this.at, v >>> 0, true);
    this.at += 4;
    return this;
  }
  u64(v: number): this {
    this.view.setBigUint64(this.at, BigInt(v), true);
    this.at += 8;
    return this;
  }
  raw(b: Uint8Array): this {
    this.bytes.set(b, this.at);
    this.at += b.length;
    return this;
  }
}

function dosDateTime(d: Date): { date: number; time: number } {
  // DOS dates are local time and run from 1980 to 2107.
  const year = Math.min(Math.max(d.getFullYear(), 1980), 2107);
  return {
    date: ((year - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | (d.getSeconds() >> 1),
  };
}

interface EntryRecord {
  name: Uint8Array;
  flags: number;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  offset: number;
}

export class ZipWriter {
  /** Archive bytes written and not yet taken: drain it with `take()`. */
  private readonly queue = new ByteQueue();
  private offset = 0;
  private entries = 0;
  private streaming = false;
  private finished = false;
  private readonly central: Spool;
  private readonly when: { date: number; time: number };
  private readonly forceZip64: boolean;

  constructor(options: ZipOptions = {}) {
    this.central = new Spool(CENTRAL_MEMORY, options.tempDir);
    this.when = dosDateTime(options.mtime ?? new Date());
    this.forceZip64 = options.forceZip64 ?? false;
  }

  /** Bytes waiting to be taken. */
  get pending(): number {
    return this.queue.size;
  }

  take(): Uint8Array {
    return this.queue.take();
  }

  private emit(bytes: Uint8Array): void {
    this.queue.push(bytes);
    this.offset += bytes.length;
  }

  private localHeader(
    name: Uint8Array,
    flags: number,
    method: number,
    crc: number,
    compressedSize: number,
    size: number,
  ): Uint8Array {
    return new Fields(30 + name.length)
      .u32(LOCAL_HEADER)
      .u16(VERSION)
      .u16(flags)
      .u16(method)
      .u16(this.when.time)
      .u16(this.when.date)
      .u32(crc)
      .u32(compressedSize)
      .u32(size)
      .u16(name.length)
      .u16(0)
      .raw(name).bytes;
  }

  private checkOpen(): void {
    if (this.finished) throw new Error('zip: the archive is finished');
    if (this.streaming) throw new Error('zip: an entry is still being written');
  }

  /** A whole entry: deflated, or stored when deflating does not make it smaller. */
  async file(name: string, content: string | Uint8Array): Promise<void> {
    this.checkOpen();
    const data = typeof content === 'string' ? utf8.encode(content) : content;
    if (data.length >= MAX32) throw new Error('zip: a whole entry must be under 4 GiB');
    const nameBytes = utf8.encode(name);
    const crc = crc32(data);
    const deflated = deflateSync(data, { level: 6 });
    const [method, body] = deflated.length < data.length ? [DEFLATED, deflated] : [STORED, data];
    const offset = this.offset;
    this.emit(this.localHeader(nameBytes, FLAG_UTF8, method, crc, body.length, data.length));
    this.emit(body);
    await this.record({
      name: nameBytes,
      flags: FLAG_UTF8,
      method,
      crc,
      compressedSize: body.length,
      size: data.length,
      offset,
    });
  }

  /**
   * An entry written in pieces, its size unknown up front (sizes and CRC follow the data in a
   * data descriptor). Only one may be open at a time, and no other entry while it is.
   */
  entry(name: string): ZipEntryWriter {
    this.checkOpen();
    this.streaming = true;
    const nameBytes = utf8.encode(name);
    const flags = FLAG_UTF8 | FLAG_DATA_DESCRIPTOR;
    const offset = this.offset;
    this.emit(this.localHeader(nameBytes, flags, DEFLATED, 0, 0, 0));
    let crc = 0;
    let size = 0;
    let compressedSize = 0;
    let ended = false;
    const deflate = new Deflate({ level: 6 }, (chunk) => {
      compressedSize += chunk.length;
      this.emit(chunk);
    });
    return {
      write: (bytes: Uint8Array) => {
        if (ended) throw new Error('zip: the entry is ended');
        if (bytes.length === 0) return;
        crc = crc32(bytes, crc);
        size += bytes.length;
        deflate.push(bytes, false);
      },
      end: async () => {
        if (ended) return;
        ended = true;
        deflate.push(new Uint8Array(0), true);
        const zip64 = size >= MAX32 || compressedSize >= MAX32;
        const descriptor = new Fields(zip64 ? 24 : 16).u32(DATA_DESCRIPTOR).u32(crc);
        if (zip64) descriptor.u64(compressedSize).u64(size);
        else descriptor.u32(compressedSize).u32(size);
        this.emit(descriptor.bytes);
        this.streaming = false;
        await this.record({
          name: nameBytes,
          flags,
          method: DEFLATED,
          crc,
          compressedSize,
          size,
          offset,
        });
      },
    };
  }

  /** Its central directory header, spooled until the end. */
  private async record(e: EntryRecord): Promise<void> {
    this.entries++;
    const zip64Sizes = this.forceZip64 || e.size >= MAX32 || e.compressedSize >= MAX32;
    const zip64Offset = this.forceZip64 || e.offset >= MAX32;
    const extraSize = (zip64Sizes ? 16 : 0) + (zip64Offset ? 8 : 0);
    const extraLength = extraSize > 0 ? 4 + extraSize : 0;
    const header = new Fields(46 + e.name.length + extraLength)
      .u32(CENTRAL_HEADER)
      .u16(MADE_BY)
      .u16(extraSize > 0 ? VERSION_ZIP64 : VERSION)
      .u16(e.flags)
      .u16(e.method)
      .u16(this.when.time)
      .u16(this.when.date)
      .u32(e.crc)
      .u32(zip64Sizes ? MAX32 : e.compressedSize)
      .u32(zip64Sizes ? MAX32 : e.size)
      .u16(e.name.length)
      .u16(extraLength)
      .u16(0) // comment
      .u16(0) // disk
      .u16(0) // internal attributes
      .u32(FILE_ATTRIBUTES)
      .u32(zip64Offset ? MAX32 : e.offset)
      .raw(e.name);
    if (extraSize > 0) {
      header.u16(ZIP64_EXTRA).u16(extraSize);
      // In this order, and only the fields whose header value is 0xFFFFFFFF.
      if (zip64Sizes) header.u64(e.size).u64(e.compressedSize);
      if (zip64Offset) header.u64(e.offset);
    }
    await this.central.append(header.bytes);
  }

  /**
   * The end of the archive: what is still queued, the central directory and the end records,
   * in chunks. Call `dispose()` afterwards (in a finally) whether or not it ran to the end.
   */
  async *finish(): AsyncGenerator<Uint8Array> {
    this.checkOpen();
    this.finished = true;
    const centralOffset = this.offset;
    const centralSize = this.central.size;
    for await (const chunk of this.central.read(CHUNK_SIZE)) {
      this.emit(chunk);
      if (this.queue.size >= CHUNK_SIZE) yield this.queue.take();
    }
    const zip64 =
      this.forceZip64 || this.entries >= MAX16 || centralSize >= MAX32 || centralOffset >= MAX32;
    if (zip64) {
      const endOffset = this.offset;
      this.emit(
        new Fields(56)
          .u32(ZIP64_END)
          .u64(44) // size of the rest of this record
          .u16(MADE_BY)
          .u16(VERSION_ZIP64)
          .u32(0) // this disk
          .u32(0) // disk of the central directory
          .u64(this.entries)
          .u64(this.entries)
          .u64(centralSize)
          .u64(centralOffset).bytes,
      );
      this.emit(new Fields(20).u32(ZIP64_LOCATOR).u32(0).u64(endOffset).u32(1).bytes);
    }
    this.emit(
      new Fields(22)
        .u32(END)
        .u16(0)
        .u16(0)
        .u16(zip64 ? MAX16 : this.entries)
        .u16(zip64 ? MAX16 : this.entries)
        .u32(zip64 ? MAX32 : centralSize)
        .u32(zip64 ? MAX32 : centralOffset)
        .u16(0).bytes, // comment
    );
    yield this.queue.take();
  }

  /** Removes the spooled central directory, if it went to disk. */
  async dispose(): Promise<void> {
    await this.central.dispose();
  }
}

export interface ZipEntryWriter {
  write(bytes: Uint8Array): void;
  end(): Promise<void>;
}
