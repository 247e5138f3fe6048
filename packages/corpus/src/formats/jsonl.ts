import { ByteQueue, CHUNK_SIZE } from '../bytes';
import { prepareRecord } from '../script';
import type { FormatWriter } from '../types';

/** One JSON object a line, LF ended, UTF-8 without BOM: the whole record, what `import` reads. */
export const writeJsonl: FormatWriter = async function* (records, options) {
  const out = new ByteQueue();
  for await (const record of records) {
    out.text(`${JSON.stringify(prepareRecord(record, options))}\n`);
    if (out.size >= CHUNK_SIZE) yield out.take();
  }
  if (out.size > 0) yield out.take();
};
