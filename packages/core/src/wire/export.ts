import { z } from 'zod';
import { zListClipsQuery } from './requests';

/** The formats of `GET /export` (what each is for: packages/corpus/README.md). */
export const zExportFormat = z.enum(['jsonl', 'csv', 'markdown', 'text', 'parquet']);
export type ExportFormatName = z.infer<typeof zExportFormat>;

/** A query-string flag: `true`/`1`/`yes` or `false`/`0`/`no`. */
const zFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/**
 * Query of `GET /export`: the filters of `GET /clips` (over every collection the caller can
 * read, or one), the format and what to keep. No paging: the answer streams every clip.
 */
export const zExportQuery = zListClipsQuery.omit({ cursor: true, limit: true, sort: true }).extend({
  format: zExportFormat.default('jsonl'),
  /** One clip per near-duplicate group: its canonical (and every clip that has no copy). */
  dedupe: zFlag.default(false),
  /** Convert the text to simplified or traditional characters, or keep it as clipped. */
  script: z.enum(['as-clipped', 'Hans', 'Hant']).default('as-clipped'),
  /** Keep each clip's sanitised HTML (JSONL, CSV and Parquet). */
  html: zFlag.default(false),
});
export type ExportQuery = z.input<typeof zExportQuery>;
