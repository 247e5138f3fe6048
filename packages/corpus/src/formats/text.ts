import { BOM, CHUNK_SIZE, utf8 } from '../bytes';
import { cellText, manifestColumns } from '../columns';
import { csvRow } from '../csv';
import { safeFileName } from '../names';
import { prepareRecord } from '../script';
import { Spool } from '../spool';
import { plainBody } from '../text';
import type { ExportRecord, FormatWriter } from '../types';
import { ZipWriter } from '../zip';

/** The title part of a text's file name, in characters. */
const MAX_TITLE = 30;
/** Manifest rows held in memory before they go to a temporary file. */
const MANIFEST_MEMORY = 1024 * 1024;

/**
 * A zip for corpus tools: README.txt, then `texts/000001_标题.txt`, one plain-text body a clip
 * in export order, then manifest.csv with each text's metadata. The manifest comes last, so its
 * rows are spooled (to a temporary file once past 1 MiB) while the texts stream out: a zip entry
 * must be written whole before the next begins.
 */
export const writeText: FormatWriter = async function* (records, options) {
  const zip = new ZipWriter({ tempDir: options.tempDir });
  const manifest = new Spool(MANIFEST_MEMORY, options.tempDir);
  const columns = manifestColumns();
  try {
    await zip.file('README.txt', README);
    await manifest.append(BOM);
    await manifest.append(utf8.encode(csvRow(['file', ...columns.map((c) => c.name)])));
    let n = 0;
    for await (const record of records) {
      const r = prepareRecord(record, { ...options, includeHtml: false });
      const file = textFileName(++n, r);
      await zip.file(file, plainBody(r.clip.text));
      await manifest.append(utf8.encode(csvRow([file, ...columns.map((c) => cellText(c, r))])));
      if (zip.pending >= CHUNK_SIZE) yield zip.take();
    }
    const entry = zip.entry('manifest.csv');
    for await (const chunk of manifest.read(CHUNK_SIZE)) {
      entry.write(chunk);
      if (zip.pending >= CHUNK_SIZE) yield zip.take();
    }
    await entry.end();
    yield* zip.finish();
  } finally {
    await Promise.all([zip.dispose(), manifest.dispose()]);
  }
};

/** `texts/000001_标题.txt`: the sequence number first, so that sorting by name keeps the order. */
export function textFileName(n: number, r: ExportRecord): string {
  const title = safeFileName(r.clip.title, MAX_TITLE);
  const seq = String(n).padStart(6, '0');
  return `texts/${seq}${title ? `_${title}` : ''}.txt`;
}

const README = `Jianbao export: plain texts for corpus tools
简报导出：供语料库工具使用的纯文本

texts/
  One file per clip, named NNNNNN_<title>.txt. NNNNNN is the clip's place in the export, so
  sorting the files by name keeps the export's order. Each file holds the body only: UTF-8
  without BOM, paragraphs separated by a blank line, LF line ends. Titles and metadata are in
  manifest.csv.
  每篇剪报一个文件，文件名为“序号_标题.txt”，按文件名排序即导出顺序。文件只含正文：UTF-8（无 BOM），
  段落之间空一行。标题及其他元数据见 manifest.csv。

manifest.csv
  One row per text: the file's path in this archive (column "file"), then the clip's metadata:
  id, collection, collection_id, title, subtitle, published_at, original_published_at, source,
  authors, editors, newspaper, edition, column, section, breadcrumb, site_name, url,
  canonical_url, original_url, source_kind, script, lang, word_count, topics, institutions,
  regions, tags, clipped_by, clipped_at, updated_at, excerpt.
  UTF-8 with BOM, comma-separated, RFC 4180 quoting. Lists are joined with "; "
  (the breadcrumb with " > "); an empty cell is a missing value.
  每篇一行：file 列为文本文件在压缩包中的路径，其后为元数据。UTF-8（带 BOM）。多值字段以“; ”分隔。

Opening it
  AntConc: File > Open Files (or Open Dir) on the texts folder.
  R:       readtext::readtext("texts/*.txt", encoding = "UTF-8"); its doc_id matches
           basename(file) of readr::read_csv("manifest.csv").
  Python:  pandas.read_csv("manifest.csv", encoding="utf-8-sig"), then
           open(row.file, encoding="utf-8") for each row.
  NVivo / Atlas.ti: import the texts folder as documents; the manifest as a classification sheet.
`.replaceAll('\n', '\r\n');
