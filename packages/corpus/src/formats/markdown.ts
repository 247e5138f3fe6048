import { stringify } from 'yaml';
import { CHUNK_SIZE } from '../bytes';
import { safeFileName, UniqueNames } from '../names';
import { prepareRecord } from '../script';
import { oneLine, paragraphs } from '../text';
import type { ExportRecord, FormatWriter } from '../types';
import { ZipWriter } from '../zip';

/** File names: `YYYY-MM-DD 标题` cut to this many characters, before ` (2)` and `.md`. */
const MAX_STEM = 80;

/**
 * A zip of Markdown notes, one a clip, for Obsidian and the like: YAML front matter with the
 * metadata, the title as a heading, the body's paragraphs. Never holds html.
 */
export const writeMarkdown: FormatWriter = async function* (records, options) {
  const zip = new ZipWriter({ tempDir: options.tempDir });
  const names = new UniqueNames();
  try {
    for await (const record of records) {
      const r = prepareRecord(record, { ...options, includeHtml: false });
      await zip.file(names.claim(noteStem(r), '.md'), note(r));
      if (zip.pending >= CHUNK_SIZE) yield zip.take();
    }
    yield* zip.finish();
  } finally {
    await zip.dispose();
  }
};

/** `2024-11-20 标题`: the day (or month) of publication, else `undated`, then the title. */
export function noteStem(r: ExportRecord): string {
  const date = r.clip.publishedAt?.slice(0, 10) ?? 'undated';
  return safeFileName(`${date} ${r.clip.title}`, MAX_STEM);
}

/** The front matter's fields, in this order; missing values are empty (null), lists []. */
export function frontMatter(r: ExportRecord): Record<string, unknown> {
  const c = r.clip;
  return {
    title: c.title,
    subtitle: c.subtitle,
    date: c.publishedAt,
    source: c.source,
    authors: c.authors,
    editors: c.editors,
    newspaper: c.newspaper,
    edition: c.edition,
    url: c.url,
    original_url: c.originalUrl,
    site: c.siteName,
    source_kind: c.sourceKind,
    topics: c.taxonomy.topics.map((t) => t.label),
    institutions: c.taxonomy.institutions.map((i) => i.name),
    regions: c.taxonomy.regions.map((g) => g.name),
    tags: r.tags,
    collection: r.collectionName,
    clipped_by: r.clippedByName,
    clipped_at: r.createdAt,
    id: r.id,
  };
}

export function note(r: ExportRecord): string {
  // lineWidth 0: long titles stay on one line instead of being folded.
  const yaml = stringify(frontMatter(r), { lineWidth: 0, nullStr: '' });
  const body = paragraphs(r.clip.text).join('\n\n');
  return `---\n${yaml}---\n\n# ${oneLine(r.clip.title)}\n\n${body}\n`;
}
