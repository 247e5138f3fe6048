// @jianbao/corpus: the export formats, streamed from an async iterable of records.
import { WRITERS } from './formats';
import type { ExportFormat, ExportOptions, ExportRecord } from './types';

export { COLUMNS, type Column, exportColumns, manifestColumns } from './columns';
export { EXPORT_FORMATS } from './formats';
export { convertScript } from './script';
export type { ExportFormat, ExportOptions, ExportRecord, ExportScript } from './types';

/**
 * The bytes of an export file, in chunks of about 64 KiB, pulled from `records` only as the
 * chunks are asked for: memory stays flat whatever the number of records. Returning the
 * generator early (a client that went away) stops reading the records (their iterator is
 * returned) and removes any temporary file.
 */
export async function* exportStream(
  records: AsyncIterable<ExportRecord>,
  format: ExportFormat,
  options: ExportOptions = {},
): AsyncGenerator<Uint8Array> {
  const writer = WRITERS[format];
  if (!writer) throw new Error(`export: no format ${String(format)}`);
  yield* writer(records, {
    includeHtml: options.includeHtml ?? false,
    script: options.script ?? 'as-clipped',
    tempDir: options.tempDir,
  });
}
