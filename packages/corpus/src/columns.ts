import type { ExportRecord } from './types';

/**
 * How a column is typed in Parquet; in CSV every value is text (a list joined with its `join`).
 * - string: UTF-8 text, null when missing;
 * - int: a 32-bit integer;
 * - timestamp: an instant (the ISO text in CSV, TIMESTAMP(MILLIS, UTC) in Parquet);
 * - list: strings (joined in CSV, a LIST of strings in Parquet).
 */
export type ColumnType = 'string' | 'int' | 'timestamp' | 'list';

export type ColumnValue = string | number | string[] | null;

export interface Column {
  name: string;
  type: ColumnType;
  /** What a CSV cell joins a list with. */
  join?: string;
  /** For the README and anyone listing the columns. */
  description: string;
  value(record: ExportRecord): ColumnValue;
}

const JOIN = '; ';

/** Every column of the CSV and Parquet exports, in their order (html last, when kept). */
export const COLUMNS: readonly Column[] = [
  { name: 'id', type: 'string', description: 'clip id (UUID)', value: (r) => r.id },
  {
    name: 'collection',
    type: 'string',
    description: 'name of the collection',
    value: (r) => r.collectionName,
  },
  {
    name: 'collection_id',
    type: 'string',
    description: 'collection id (UUID)',
    value: (r) => r.collectionId,
  },
  { name: 'title', type: 'string', description: 'headline', value: (r) => r.clip.title },
  {
    name: 'subtitle',
    type: 'string',
    description: 'second headline line or subtitle',
    value: (r) => r.clip.subtitle,
  },
  {
    name: 'published_at',
    type: 'string',
    description:
      'publication date, ISO 8601 at the precision the page gives: 2024-11-20T23:46:40+08:00, 2023-08-09 or 1998-03',
    value: (r) => r.clip.publishedAt,
  },
  {
    name: 'original_published_at',
    type: 'string',
    description: 'date of the original, for a repost (same form as published_at)',
    value: (r) => r.clip.originalPublishedAt,
  },
  {
    name: 'source',
    type: 'string',
    description: '来源, the source credited',
    value: (r) => r.clip.source,
  },
  {
    name: 'authors',
    type: 'list',
    join: JOIN,
    description: 'authors (an anonymous 佚名 is no author)',
    value: (r) => r.clip.authors,
  },
  {
    name: 'editors',
    type: 'list',
    join: JOIN,
    description: 'editors (责任编辑, 编审 …)',
    value: (r) => r.clip.editors,
  },
  {
    name: 'newspaper',
    type: 'string',
    description: 'newspaper, for an e-paper or PDF page',
    value: (r) => r.clip.newspaper,
  },
  {
    name: 'edition',
    type: 'string',
    description: '版面, e.g. 第A15版',
    value: (r) => r.clip.edition,
  },
  { name: 'column', type: 'string', description: 'newspaper column', value: (r) => r.clip.column },
  { name: 'section', type: 'string', description: 'site section', value: (r) => r.clip.section },
  {
    name: 'breadcrumb',
    type: 'list',
    join: ' > ',
    description: 'the page’s breadcrumb, outermost first',
    value: (r) => r.clip.breadcrumb,
  },
  { name: 'site_name', type: 'string', description: 'site name', value: (r) => r.clip.siteName },
  { name: 'url', type: 'string', description: 'page clipped', value: (r) => r.clip.url },
  {
    name: 'canonical_url',
    type: 'string',
    description: 'the page’s canonical URL',
    value: (r) => r.clip.canonicalUrl,
  },
  {
    name: 'original_url',
    type: 'string',
    description: 'the original article, for a repost (原文链接)',
    value: (r) => r.clip.originalUrl,
  },
  {
    name: 'source_kind',
    type: 'string',
    description: 'epaper, pdf-newspaper, government, hospital, wechat, news, university or other',
    value: (r) => r.clip.sourceKind,
  },
  {
    name: 'script',
    type: 'string',
    description: 'Hans (simplified) or Hant (traditional), after any conversion',
    value: (r) => r.clip.script,
  },
  { name: 'lang', type: 'string', description: 'BCP 47 language tag', value: (r) => r.clip.lang },
  {
    name: 'word_count',
    type: 'int',
    description: 'length of the body: Han characters plus runs of other letters or digits',
    value: (r) => r.clip.wordCount,
  },
  {
    name: 'topics',
    type: 'list',
    join: JOIN,
    description: 'topic labels, strongest first',
    value: (r) => r.clip.taxonomy.topics.map((t) => t.label),
  },
  {
    name: 'institutions',
    type: 'list',
    join: JOIN,
    description: 'institutions named in the text',
    value: (r) => r.clip.taxonomy.institutions.map((i) => i.name),
  },
  {
    name: 'regions',
    type: 'list',
    join: JOIN,
    description: 'regions named in the text (province, city, county)',
    value: (r) => r.clip.taxonomy.regions.map((g) => g.name),
  },
  {
    name: 'tags',
    type: 'list',
    join: JOIN,
    description: 'tags given by the team',
    value: (r) => r.tags,
  },
  {
    name: 'clipped_by',
    type: 'string',
    description: 'name of who clipped it',
    value: (r) => r.clippedByName,
  },
  {
    name: 'clipped_at',
    type: 'timestamp',
    description: 'when it was clipped',
    value: (r) => r.createdAt,
  },
  {
    name: 'updated_at',
    type: 'timestamp',
    description: 'when it was last changed',
    value: (r) => r.updatedAt,
  },
  {
    name: 'excerpt',
    type: 'string',
    description: 'lead paragraph or summary',
    value: (r) => r.clip.excerpt,
  },
  {
    name: 'text',
    type: 'string',
    description: 'the body: paragraphs separated by a blank line',
    value: (r) => r.clip.text,
  },
];

const HTML: Column = {
  name: 'html',
  type: 'string',
  description: 'the body as sanitised HTML (only with includeHtml)',
  value: (r) => r.clip.html,
};

/** The columns of the CSV and Parquet exports. */
export function exportColumns(includeHtml: boolean): Column[] {
  return includeHtml ? [...COLUMNS, HTML] : [...COLUMNS];
}

/** The metadata columns (no body): the text export's manifest. */
export function manifestColumns(): Column[] {
  return COLUMNS.filter((c) => c.name !== 'text');
}

/** A value as a CSV cell: missing is empty, a list joined. */
export function cellText(column: Column, record: ExportRecord): string {
  const v = column.value(record);
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return v.join(column.join ?? JOIN);
  return String(v);
}
