import { type Clip, toSimplified, toTraditional } from '@jianbao/core';
import type { ExportRecord, ExportScript } from './types';

/**
 * The record with its clip's reading text in one script: title, subtitle, text, excerpt,
 * source, authors, editors, newspaper, column, section, breadcrumb, siteName and html are
 * converted (OpenCC, through core), and `clip.script` says the result. `normalizedText` and the
 * fingerprints are left as they are (they are computed on simplified text already), and so are
 * tags, names and the taxonomy. 'as-clipped' gives the record back unchanged. The record passed
 * in is never modified.
 */
export function convertScript<R extends ExportRecord>(record: R, script: ExportScript): R {
  if (script === 'as-clipped') return record;
  const convert = script === 'Hans' ? toSimplified : toTraditional;
  const text = (s: string) => (s === '' ? s : convert(s));
  const maybe = (s: string | null) => (s === null ? null : text(s));
  const list = (l: string[]) => l.map(text);
  const c = record.clip;
  const clip: Clip = {
    ...c,
    title: text(c.title),
    subtitle: maybe(c.subtitle),
    text: text(c.text),
    excerpt: text(c.excerpt),
    source: maybe(c.source),
    authors: list(c.authors),
    editors: list(c.editors),
    newspaper: maybe(c.newspaper),
    column: maybe(c.column),
    section: maybe(c.section),
    breadcrumb: list(c.breadcrumb),
    siteName: maybe(c.siteName),
    html: text(c.html),
    script,
  };
  return { ...record, clip };
}

/**
 * What every format exports for a record: html dropped unless asked for (before converting, so
 * that dropped html costs nothing), then the script converted.
 */
export function prepareRecord(
  record: ExportRecord,
  options: { includeHtml: boolean; script: ExportScript },
): ExportRecord {
  let r = record;
  if (!options.includeHtml && r.clip.html !== '') r = { ...r, clip: { ...r.clip, html: '' } };
  return convertScript(r, options.script);
}
