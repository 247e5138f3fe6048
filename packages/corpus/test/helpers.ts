// Records for the tests: real clips from the seed texts (core's text mode), in ClipView
// envelopes, plus the awkward cases every format must survive; and readers of what comes out.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Clip, extractFromText, uuidv7 } from '@jianbao/core';
import { parse } from 'csv-parse/sync';
import yauzl from 'yauzl';
import type { ExportRecord } from '../src/index';

const seeds = join(import.meta.dirname, '..', '..', '..', 'seeds');

let cached: Clip[] | null = null;

/** Every clip text mode finds in the seeds (11: 003 is a newspaper page of several stories). */
export function seedClips(): Clip[] {
  cached ??= readdirSync(seeds)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .flatMap((f) => {
      const result = extractFromText(readFileSync(join(seeds, f), 'utf8'));
      if (result.kind !== 'articles') throw new Error(`${f}: ${result.message}`);
      return result.clips;
    });
  return structuredClone(cached);
}

export function envelope(clip: Clip, overrides: Partial<ExportRecord> = {}): ExportRecord {
  return {
    id: uuidv7(),
    collectionId: '01930000-0000-7000-8000-000000000001',
    version: 3,
    createdBy: '01930000-0000-7000-8000-0000000000aa',
    createdAt: '2025-03-01T08:30:00.000Z',
    updatedAt: '2025-03-02T09:45:30.500Z',
    tags: ['党建', '测试'],
    canonicalPick: false,
    collectionName: '医院党建研究',
    clippedByName: '王研究员',
    clip,
    ...overrides,
  };
}

export const NASTY_TITLE = 'A "quoted", title\nwith: colon/slash #hash |pipe 医院';

/**
 * The seeds' clips, then the awkward ones: a title with quotes, comma, newline, colon, slash,
 * hash and pipe; two clips whose file names collide (one only by case); no tags; a long title.
 * Among the seeds: null publishedAt (003), no authors (001), traditional script (002).
 */
export function testRecords(): ExportRecord[] {
  const clips = seedClips();
  const records = clips.map((clip) => envelope(clip));
  const base = clips[1]!; // 001: 2024-11-20, no authors
  const titled = (title: string, extra: Partial<Clip> = {}) =>
    envelope({ ...structuredClone(base), title, ...extra });
  records.push(
    titled(NASTY_TITLE, { authors: ['甲', '乙, 丙'], breadcrumb: ['首页', '专题 > 子'] }),
    titled(base.title),
    titled('Report ABC'),
    titled('report abc'),
    envelope({ ...structuredClone(base), title: '长'.repeat(120) }, { tags: [] }),
  );
  return records;
}

/** `n` records made up from the seeds, counting how many have been taken. */
export function counted(n: number, options: { bodyChars?: number } = {}) {
  const clips = seedClips();
  const state = { produced: 0, finished: false };
  async function* records(): AsyncGenerator<ExportRecord> {
    try {
      for (let i = 0; i < n; i++) {
        const clip = clips[i % clips.length]!;
        state.produced++;
        yield envelope({
          ...clip,
          title: `${clip.title} ${i}`,
          text: options.bodyChars ? clip.text.slice(0, options.bodyChars) : clip.text,
        });
      }
    } finally {
      state.finished = true;
    }
  }
  return { records: records(), state };
}

export async function* fromArray<T>(items: T[]): AsyncGenerator<T> {
  yield* items;
}

export async function collect(chunks: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for await (const chunk of chunks) parts.push(chunk);
  return Buffer.concat(parts);
}

export function parseCsv(bytes: Buffer): Record<string, string>[] {
  return parse(bytes, { bom: true, columns: true, relax_quotes: false }) as Record<
    string,
    string
  >[];
}

export interface ZipEntry {
  name: string;
  data: Buffer;
  flags: number;
}

/** Every entry of a zip, read with yauzl (not with the library that wrote it). */
export async function readZip(bytes: Buffer): Promise<ZipEntry[]> {
  const zip = await yauzl.fromBufferPromise(bytes, { lazyEntries: true, strictFileNames: true });
  const entries: ZipEntry[] = [];
  await new Promise<void>((resolve, reject) => {
    zip.on('error', reject);
    zip.on('end', () => resolve());
    zip.on('entry', (entry: yauzl.Entry) => {
      zip.openReadStream(entry, (err, stream) => {
        if (err) return reject(err);
        const parts: Buffer[] = [];
        stream.on('data', (d: Buffer) => parts.push(d));
        stream.on('error', reject);
        stream.on('end', () => {
          entries.push({
            name: entry.fileName,
            data: Buffer.concat(parts),
            flags: entry.generalPurposeBitFlag,
          });
          zip.readEntry();
        });
      });
    });
    zip.readEntry();
  });
  return entries;
}
