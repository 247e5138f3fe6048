import { writeCsv } from './formats/csv';
import { writeJsonl } from './formats/jsonl';
import { writeMarkdown } from './formats/markdown';
import { writeParquet } from './formats/parquet';
import { writeText } from './formats/text';
import type { ExportFormat, FormatWriter } from './types';

export const WRITERS: Record<ExportFormat, FormatWriter> = {
  jsonl: writeJsonl,
  csv: writeCsv,
  markdown: writeMarkdown,
  text: writeText,
  parquet: writeParquet,
};

/**
 * What `GET /export` answers with, per format. `extension` ends the file name, without its
 * leading dot; the two zips say which they are (`export.markdown.zip`, `export.text.zip`).
 */
export const EXPORT_FORMATS: Record<
  ExportFormat,
  { contentType: string; extension: string; description: string }
> = {
  jsonl: {
    contentType: 'application/x-ndjson; charset=utf-8',
    extension: 'jsonl',
    description:
      'JSON Lines: one clip a line with every field, lossless; what `jianbao import` reads back.',
  },
  csv: {
    contentType: 'text/csv; charset=utf-8',
    extension: 'csv',
    description:
      'CSV (UTF-8 with BOM) for Excel, pandas and R: one row per clip, metadata and body.',
  },
  markdown: {
    contentType: 'application/zip',
    extension: 'markdown.zip',
    description:
      'A zip of Markdown notes with YAML front matter, one per clip, to unzip into an Obsidian vault.',
  },
  text: {
    contentType: 'application/zip',
    extension: 'text.zip',
    description:
      'A zip of plain-text bodies with a manifest.csv of their metadata, for AntConc, NVivo, Atlas.ti, R readtext.',
  },
  parquet: {
    contentType: 'application/vnd.apache.parquet',
    extension: 'parquet',
    description: 'Apache Parquet with typed columns, for pandas, R arrow, DuckDB and Spark.',
  },
};
