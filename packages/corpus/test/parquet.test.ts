import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { describe, expect, it } from 'vitest';
import { type ExportRecord, exportStream } from '../src/index';
import { collect, counted, fromArray, NASTY_TITLE, testRecords } from './helpers';

async function read(bytes: Buffer) {
  const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer;
  return { metadata: parquetMetadata(file), rows: await parquetReadObjects({ file }) };
}

/** What a row should hold: typed, '' and missing as null. */
function expected(r: ExportRecord): Record<string, unknown> {
  const c = r.clip;
  const s = (v: string | null) => (v === '' ? null : v);
  return {
    id: r.id,
    collection: r.collectionName,
    collection_id: r.collectionId,
    title: c.title,
    subtitle: s(c.subtitle),
    published_at: s(c.publishedAt),
    original_published_at: s(c.originalPublishedAt),
    source: s(c.source),
    authors: c.authors,
    editors: c.editors,
    newspaper: s(c.newspaper),
    edition: s(c.edition),
    column: s(c.column),
    section: s(c.section),
    breadcrumb: c.breadcrumb,
    site_name: s(c.siteName),
    url: s(c.url),
    canonical_url: s(c.canonicalUrl),
    original_url: s(c.originalUrl),
    source_kind: c.sourceKind,
    script: c.script,
    lang: c.lang,
    word_count: c.wordCount,
    topics: c.taxonomy.topics.map((t) => t.label),
    institutions: c.taxonomy.institutions.map((x) => x.name),
    regions: c.taxonomy.regions.map((x) => x.name),
    tags: r.tags,
    clipped_by: r.clippedByName,
    clipped_at: new Date(r.createdAt),
    updated_at: new Date(r.updatedAt),
    excerpt: s(c.excerpt),
    text: s(c.text),
  };
}

describe('parquet', async () => {
  const records = testRecords();
  const { metadata, rows } = await read(await collect(exportStream(fromArray(records), 'parquet')));

  it('has one row per clip, every column typed and filled', () => {
    expect(metadata.num_rows).toBe(BigInt(records.length));
    expect(rows).toHaveLength(records.length);
    for (const [i, row] of rows.entries()) expect({ ...row }).toEqual(expected(records[i]!));
  });

  it('keeps Chinese, the traditional clip, a nasty title, nulls and empty lists', () => {
    expect(rows[0]).toMatchObject({ title: '校地共建筑峰提质', authors: ['汪万里', '张子珊'] });
    expect(rows[2]!.script).toBe('Hant');
    expect(rows[3]!.published_at).toBeNull();
    expect(rows[1]!.authors).toEqual([]);
    expect(rows.find((r) => r.title === NASTY_TITLE)?.authors).toEqual(['甲', '乙, 丙']);
    expect(rows.at(-1)!.tags).toEqual([]);
  });

  it('declares strings as UTF8/STRING, lists as LIST, instants as UTC millis, snappy', () => {
    const byName = new Map(metadata.schema.map((e) => [e.name, e]));
    expect(byName.get('title')).toMatchObject({
      type: 'BYTE_ARRAY',
      converted_type: 'UTF8',
      logical_type: { type: 'STRING' },
      repetition_type: 'OPTIONAL',
    });
    expect(byName.get('published_at')).toMatchObject({
      type: 'BYTE_ARRAY',
      converted_type: 'UTF8',
    });
    expect(byName.get('word_count')).toMatchObject({ type: 'INT32' });
    expect(byName.get('clipped_at')).toMatchObject({
      type: 'INT64',
      converted_type: 'TIMESTAMP_MILLIS',
      logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'MILLIS' },
    });
    expect(byName.get('tags')).toMatchObject({ converted_type: 'LIST', num_children: 1 });
    expect(byName.has('html')).toBe(false);
    for (const column of metadata.row_groups[0]!.columns) {
      expect(column.meta_data?.codec).toBe('SNAPPY');
    }
  });

  it('adds an html column with includeHtml', async () => {
    const out = await read(
      await collect(exportStream(fromArray(records), 'parquet', { includeHtml: true })),
    );
    expect(out.rows.map((r) => r.html)).toEqual(records.map((r) => r.clip.html));
  });

  it('writes row groups of 1,000 rows', async () => {
    const { records: many } = counted(2500, { bodyChars: 200 });
    const out = await read(await collect(exportStream(many, 'parquet')));
    expect(out.metadata.row_groups.map((g) => g.num_rows)).toEqual([1000n, 1000n, 500n]);
    expect(out.rows).toHaveLength(2500);
    expect(out.rows[2499]!.title).toMatch(/ 2499$/);
  });

  it('is a valid empty file for no records', async () => {
    const out = await read(await collect(exportStream(fromArray([]), 'parquet')));
    expect(out.metadata.num_rows).toBe(0n);
    expect(out.rows).toEqual([]);
  });
});
