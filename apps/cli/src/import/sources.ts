import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { type Clip, type ClipDraft, draftOf, zClip } from '@jianbao/core';
import type { IsolatedExtractor } from '../io/isolated-extractor';
import { importId, sha256 } from './ids';

/** One clip to send, or why a file (or a line of one) gives none. */
export type ImportUnit =
  | {
      kind: 'clip';
      file: string;
      /** The story of a text file, or the line of a JSONL file. */
      part?: number;
      line?: number;
      id: string;
      draft: ClipDraft;
      tags: string[];
    }
  | {
      kind: 'not-article' | 'failed';
      file: string;
      line?: number;
      part?: number;
      code: string;
      message: string;
    };

const PAGE = /\.(html?|shtml|xhtml)$/i;
const TEXT = /\.(txt|text)$/i;
const JSONL = /\.(jsonl|ndjson)$/i;

/**
 * The files to import: each FILE as given, and in each folder (recursively, in name order) the
 * saved pages, text files and JSONL files; other files in a folder are left out and counted.
 */
export async function expandPaths(
  paths: readonly string[],
): Promise<{ files: string[]; ignored: number; missing: string[] }> {
  const files: string[] = [];
  const missing: string[] = [];
  let ignored = 0;
  const walk = async (dir: string) => {
    const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    );
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (PAGE.test(entry.name) || TEXT.test(entry.name) || JSONL.test(entry.name)) {
        files.push(path);
      } else ignored++;
    }
  };
  for (const path of paths) {
    const info = await stat(path).catch(() => null);
    if (!info) missing.push(path);
    else if (info.isDirectory()) await walk(path);
    else files.push(path);
  }
  return { files, ignored, missing };
}

export interface UnitOptions {
  collectionId: string;
  /** Tags added to every clip. */
  tags: string[];
  /** Read every non-JSONL file as text. */
  text: boolean;
  /** The page's address, for every page. */
  url?: string;
}

/**
 * A file's clips as units, streamed: a JSONL file line by line (each line one exported record,
 * a `jianbao extract` line or a bare clip), any other file through core's extraction in the
 * isolated worker (saved pages with their charset detected; text files in text mode, a PDF
 * page's stories each a clip).
 */
export async function* unitsOf(
  file: string,
  extractor: IsolatedExtractor,
  options: UnitOptions,
): AsyncGenerator<ImportUnit> {
  const info = await stat(file).catch(() => null);
  const mtime = info?.mtimeMs ?? 0;
  if (JSONL.test(extname(file))) {
    yield* jsonlUnits(file, options, mtime);
    return;
  }
  const { lines } = await extractor.extract(file, { url: options.url, text: options.text });
  for (const line of lines) {
    const part = 'part' in line ? line.part : undefined;
    if ('error' in line) {
      yield { kind: 'failed', file, code: line.error.code, message: line.error.message };
    } else if ('notArticle' in line) {
      yield {
        kind: 'not-article',
        file,
        code: line.notArticle.reason,
        message: line.notArticle.message,
      };
    } else {
      yield clipUnit(file, line.clip, options, mtime, { part });
    }
  }
}

function clipUnit(
  file: string,
  clip: Clip,
  options: UnitOptions,
  timeMs: number,
  at: { part?: number; line?: number },
  own: { id?: string; tags?: string[] } = {},
): ImportUnit {
  const draft = draftOf(clip) as ClipDraft;
  const tags = [...new Set([...(own.tags ?? []), ...options.tags])];
  // An exported record is known by its id; anything else by what would be stored.
  const key = own.id ? `record:${own.id}` : `draft:${sha256(JSON.stringify([draft, tags]))}`;
  return {
    kind: 'clip',
    file,
    ...at,
    id: importId(options.collectionId, key, timeMs),
    draft,
    tags,
  };
}

async function* jsonlUnits(
  file: string,
  options: UnitOptions,
  mtime: number,
): AsyncGenerator<ImportUnit> {
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let number = 0;
  try {
    for await (const text of lines) {
      number++;
      if (text.trim() === '') continue;
      let value: unknown;
      try {
        value = JSON.parse(text.replace(/^\uFEFF/, ''));
      } catch (error) {
        yield failedLine(file, number, 'invalid-json', (error as Error).message);
        continue;
      }
      const record = value as Record<string, unknown>;
      // An export's record or an extract line carries the clip under `clip`; a bare clip is one.
      const candidate =
        record && typeof record === 'object' && 'clip' in record ? record.clip : record;
      const parsed = zClip.safeParse(candidate);
      if (!parsed.success) {
        if (record && typeof record === 'object' && 'notArticle' in record) continue;
        const issue = parsed.error.issues[0];
        const where = issue?.path.length ? ` at clip.${issue.path.join('.')}` : '';
        yield failedLine(file, number, 'invalid-clip', `not a clip${where}: ${issue?.message}`);
        continue;
      }
      const id = typeof record.id === 'string' ? record.id : undefined;
      const tags = Array.isArray(record.tags)
        ? record.tags.filter((t) => typeof t === 'string')
        : [];
      const created = typeof record.createdAt === 'string' ? Date.parse(record.createdAt) : NaN;
      yield clipUnit(
        file,
        parsed.data,
        options,
        Number.isFinite(created) ? created : mtime,
        { line: number },
        { id, tags },
      );
    }
  } catch (error) {
    yield failedLine(file, number, 'unreadable', (error as Error).message);
  } finally {
    lines.close();
  }
}

function failedLine(file: string, line: number, code: string, message: string): ImportUnit {
  return { kind: 'failed', file, line, code, message };
}
