import { BOM, ByteQueue, CHUNK_SIZE } from '../bytes';
import { cellText, exportColumns } from '../columns';
import { csvRow } from '../csv';
import { prepareRecord } from '../script';
import type { FormatWriter } from '../types';

/**
 * One row per clip under a header row: UTF-8 with a BOM (so that Excel reads the Chinese right),
 * RFC 4180 quoting, CRLF row ends. Values are written as they are: no quote is put before a
 * leading = + - @, since researchers load the file into pandas or R, where that would change
 * the data.
 */
export const writeCsv: FormatWriter = async function* (records, options) {
  const columns = exportColumns(options.includeHtml);
  const out = new ByteQueue();
  out.push(BOM);
  out.text(csvRow(columns.map((c) => c.name)));
  for await (const record of records) {
    const r = prepareRecord(record, options);
    out.text(csvRow(columns.map((c) => cellText(c, r))));
    if (out.size >= CHUNK_SIZE) yield out.take();
  }
  if (out.size > 0) yield out.take();
};
