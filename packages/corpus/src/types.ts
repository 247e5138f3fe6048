import type { ClipView } from '@jianbao/core';

/** A clip as exported: its view, with the names a reader needs instead of ids alone. */
export interface ExportRecord extends ClipView {
  collectionName: string;
  clippedByName: string;
}

export type ExportFormat = 'jsonl' | 'csv' | 'markdown' | 'text' | 'parquet';

export type ExportScript = 'Hans' | 'Hant' | 'as-clipped';

export interface ExportOptions {
  /**
   * Keep `clip.html` (JSONL, Parquet: the html field/column; Markdown: ignored; CSV: an `html`
   * column). Default false: html is '' / column absent.
   */
  includeHtml?: boolean;
  /**
   * Convert the clip's text fields to simplified ('Hans') or traditional ('Hant') characters, or
   * leave them as clipped ('as-clipped', default). See `convertScript`.
   */
  script?: ExportScript;
  /**
   * Where the zip formats spill what they must keep until the end (the text format's
   * manifest.csv, a large archive's central directory) once it outgrows memory. Default
   * `os.tmpdir()`; a directory `jianbao-export-*` is made in it and removed when the stream ends,
   * fails or is returned early.
   */
  tempDir?: string;
}

/** What a format's writer gets: the options with their defaults filled in. */
export interface ResolvedOptions {
  includeHtml: boolean;
  script: ExportScript;
  tempDir: string | undefined;
}

export type FormatWriter = (
  records: AsyncIterable<ExportRecord>,
  options: ResolvedOptions,
) => AsyncGenerator<Uint8Array>;
