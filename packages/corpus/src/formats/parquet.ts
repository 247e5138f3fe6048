import { ByteWriter, ParquetWriter } from 'hyparquet-writer';
import { ByteQueue } from '../bytes';
import { type Column, exportColumns } from '../columns';
import { prepareRecord } from '../script';
import type { ExportRecord, FormatWriter } from '../types';

// hyparquet-writer brings its own hyparquet (for the schema types): take the type from it.
type SchemaElement = ConstructorParameters<typeof ParquetWriter>[0]['schema'][number];

/** Rows a row group: what is held in memory at once, and the first bytes wait for. */
export const ROW_GROUP_SIZE = 1000;

/**
 * hyparquet-writer's writer over a queue: after each row group the writer calls `flush()`, and
 * the group's bytes move to the queue, which the export drains. Only the group being encoded
 * is ever in the buffer.
 */
class QueueWriter extends ByteWriter {
  constructor(private readonly out: ByteQueue) {
    super(64 * 1024);
  }

  flush(): void {
    if (this.index === 0) return;
    this.out.push(new Uint8Array(this.buffer.slice(0, this.index)));
    this.index = 0;
  }

  override finish(): void {
    this.flush();
  }
}

const STRING = {
  type: 'BYTE_ARRAY',
  converted_type: 'UTF8',
  logical_type: { type: 'STRING' },
} as const;

/** A column's schema elements: nullable throughout; a list is the standard 3-level LIST. */
function schemaOf(column: Column): SchemaElement[] {
  const name = column.name;
  switch (column.type) {
    case 'string':
      return [{ name, ...STRING, repetition_type: 'OPTIONAL' }];
    case 'int':
      return [{ name, type: 'INT32', repetition_type: 'OPTIONAL' }];
    case 'timestamp':
      return [
        {
          name,
          type: 'INT64',
          converted_type: 'TIMESTAMP_MILLIS',
          logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'MILLIS' },
          repetition_type: 'OPTIONAL',
        },
      ];
    case 'list':
      return [
        {
          name,
          repetition_type: 'OPTIONAL',
          converted_type: 'LIST',
          logical_type: { type: 'LIST' },
          num_children: 1,
        },
        { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
        { name: 'element', ...STRING, repetition_type: 'REQUIRED' },
      ];
  }
}

export function parquetSchema(columns: readonly Column[]): SchemaElement[] {
  return [{ name: 'schema', num_children: columns.length }, ...columns.flatMap(schemaOf)];
}

/** A value as the writer takes it: '' and unparsable instants are null. */
function cell(column: Column, record: ExportRecord): unknown {
  const v = column.value(record);
  if (v === null || v === undefined || v === '') return null;
  if (column.type === 'timestamp') {
    const ms = Date.parse(String(v));
    return Number.isNaN(ms) ? null : new Date(ms);
  }
  return v;
}

/**
 * Typed columns (see README.md), snappy-compressed, in row groups of 1,000 rows, each written
 * out as soon as it is full.
 */
export const writeParquet: FormatWriter = async function* (records, options) {
  const columns = exportColumns(options.includeHtml);
  const out = new ByteQueue();
  const writer = new ParquetWriter({
    writer: new QueueWriter(out),
    schema: parquetSchema(columns),
    codec: 'SNAPPY',
    createdBy: 'jianbao export (hyparquet-writer 0.17.0)',
  });
  let data: unknown[][] = columns.map(() => []);
  let rows = 0;
  const writeGroup = async () => {
    // With QueueWriter's synchronous flush the writer returns nothing to wait for; a promise
    // would only come from an asynchronous flush, and is awaited so its errors surface.
    await writer.write({
      columnData: columns.map((c, i) => ({ name: c.name, data: data[i]! })),
      rowGroupSize: rows,
    });
    data = columns.map(() => []);
    rows = 0;
  };
  for await (const record of records) {
    const r = prepareRecord(record, options);
    for (const [i, c] of columns.entries()) data[i]!.push(cell(c, r));
    if (++rows === ROW_GROUP_SIZE) {
      await writeGroup();
      yield out.take();
    }
  }
  if (rows > 0) await writeGroup();
  await writer.finish();
  yield out.take();
};
