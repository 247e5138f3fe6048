// The Parquet and CSV exports as an analyst opens them: DuckDB (the engine behind many R and
// Python workflows) reading the files from disk, types and Chinese text checked.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportStream } from '../src/index';
import { collect, fromArray, testRecords } from './helpers';

const records = testRecords();
let dir: string;
let connection: Awaited<ReturnType<DuckDBInstance['connect']>>;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'jianbao-duckdb-'));
  await writeFile(
    join(dir, 'c.parquet'),
    await collect(exportStream(fromArray(records), 'parquet')),
  );
  await writeFile(join(dir, 'c.csv'), await collect(exportStream(fromArray(records), 'csv')));
  // Nothing fetched from the network: Parquet and CSV readers are built in.
  const instance = await DuckDBInstance.create(':memory:', {
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
  });
  connection = await instance.connect();
});
afterAll(async () => {
  connection?.closeSync();
  await rm(dir, { recursive: true, force: true });
});

async function rows(sql: string) {
  return (await connection.runAndReadAll(sql)).getRowObjectsJson();
}

describe('DuckDB reads the exports', () => {
  it('Parquet: typed columns, lists as lists, Chinese intact', async () => {
    const types = await rows(`describe select * from read_parquet('${dir}/c.parquet')`);
    const typeOf = Object.fromEntries(types.map((t) => [t.column_name, t.column_type]));
    expect(typeOf).toMatchObject({
      title: 'VARCHAR',
      word_count: 'INTEGER',
      authors: 'VARCHAR[]',
      tags: 'VARCHAR[]',
      clipped_at: 'TIMESTAMP WITH TIME ZONE',
    });
    const got = await rows(
      `select id, title, authors, word_count, text from read_parquet('${dir}/c.parquet')`,
    );
    expect(got).toHaveLength(records.length);
    for (const [i, row] of got.entries()) {
      const { clip } = records[i]!;
      expect(row.id).toBe(records[i]!.id);
      expect(row.title).toBe(clip.title);
      expect(row.authors).toEqual(clip.authors);
      expect(row.word_count).toBe(clip.wordCount);
      expect(row.text).toBe(clip.text === '' ? null : clip.text);
    }
    const [hits] = await rows(
      `select count(*)::int as n from read_parquet('${dir}/c.parquet') where text like '%医院%'`,
    );
    expect(hits!.n).toBe(records.filter((r) => r.clip.text.includes('医院')).length);
  });

  it('CSV: the header, one row a clip, the BOM not in the first column name', async () => {
    const got = await rows(
      `select * from read_csv('${dir}/c.csv', header = true, all_varchar = true)`,
    );
    expect(got).toHaveLength(records.length);
    expect(Object.keys(got[0]!)[0]).toBe('id');
    for (const [i, row] of got.entries()) {
      expect(row.title).toBe(records[i]!.clip.title);
      expect(row.authors ?? '').toBe(records[i]!.clip.authors.join('; '));
    }
  });
});
