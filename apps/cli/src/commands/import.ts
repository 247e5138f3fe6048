import type { ClipDraft } from '@jianbao/core';
import { expandPaths, type ImportUnit, unitsOf } from '../import/sources';
import { IsolatedExtractor } from '../io/isolated-extractor';
import { JsonLineWriter } from '../io/json-lines';
import { Progress } from '../io/progress';
import type { ApiClient } from '../server/client';
import { ApiCallError } from '../server/client';
import { resolveCollection } from '../server/collections';
import type { CommandIo } from './extract';

export interface ImportOptions {
  /** The collection's id or name. */
  collection: string;
  tags: string[];
  text: boolean;
  url?: string;
  timeoutSeconds: number;
  /** stderr is a terminal: draw a bar. */
  tty: boolean;
}

/** One line of `jianbao import` output: what became of a clip, or of a file that gave none. */
export interface ImportLine {
  file: string;
  part?: number;
  line?: number;
  status: 'created' | 'skipped' | 'not-article' | 'failed';
  id?: string;
  title?: string;
  /** For `skipped`: already imported, or the clip that holds the same URL or text. */
  reason?: 'already-imported' | 'duplicate';
  duplicateOf?: { id: string; match: 'url' | 'text' };
  error?: { code: string; message: string; field?: string };
}

const MAX_ITEMS = 100;
/** Well under the API's 10 MB body limit. */
const MAX_BATCH_BYTES = 4 * 1024 * 1024;

type ClipUnit = Extract<ImportUnit, { kind: 'clip' }>;

interface BatchResult {
  id: string | null;
  status: 'created' | 'unchanged' | 'duplicate' | 'conflict' | 'invalid' | 'not-article';
  duplicateOf?: { id: string; match: 'url' | 'text' };
  error?: { code: string; message: string; field?: string };
}

/**
 * Imports saved pages, text files and JSONL into a collection, in batches through the API,
 * reporting each clip on stdout. Ids come from what is imported, and the batch asks the server
 * to skip what the collection holds, so a second run creates nothing. Exit status: 0 when nothing
 * failed, 1 otherwise (or when the server refuses the whole import).
 */
export async function runImport(
  paths: readonly string[],
  client: ApiClient,
  options: ImportOptions,
  io: CommandIo,
): Promise<number> {
  const out = new JsonLineWriter(io.stdout);
  const collection = await resolveCollection(client, options.collection);
  const { files, ignored, missing } = await expandPaths(paths);
  const progress = new Progress(io.stderr, {
    unit: 'files',
    total: files.length + missing.length,
    tty: options.tty,
    every: 50,
  });
  if (ignored > 0)
    progress.note(`import: ${ignored} files in the folders are not pages, text or JSONL: left out`);
  const report = async (line: ImportLine) => {
    progress.add(line.status);
    if (line.status === 'failed') {
      const where = line.line ? `${line.file}:${line.line}` : line.file;
      progress.note(`import: ${where}: ${line.error?.code}: ${line.error?.message}`);
    }
    await out.write(line);
  };
  for (const file of missing) {
    await report({
      file,
      status: 'failed',
      error: { code: 'not-found', message: 'no such file or folder' },
    });
    progress.tick();
  }
  let batch: ClipUnit[] = [];
  let batchBytes = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const sent = batch;
    batch = [];
    batchBytes = 0;
    for (const line of await sendBatch(client, collection.id, sent)) await report(line);
  };
  const extractor = new IsolatedExtractor(options.timeoutSeconds * 1000);
  try {
    for (const file of files) {
      for await (const unit of unitsOf(file, extractor, {
        collectionId: collection.id,
        tags: options.tags,
        text: options.text,
        url: options.url,
      })) {
        if (unit.kind !== 'clip') {
          await report({
            file: unit.file,
            part: unit.part,
            line: unit.line,
            status: unit.kind,
            error: { code: unit.code, message: unit.message },
          });
          continue;
        }
        const size = Buffer.byteLength(JSON.stringify(unit.draft));
        if (
          batch.length >= MAX_ITEMS ||
          (batch.length > 0 && batchBytes + size > MAX_BATCH_BYTES)
        ) {
          await flush();
        }
        batch.push(unit);
        batchBytes += size;
      }
      progress.tick();
    }
    await flush();
  } catch (error) {
    progress.finish();
    if (error instanceof ApiCallError) {
      io.stderr.write(
        `jianbao import: the server refused the import: ${error.message} (${error.code})\n`,
      );
      return 1;
    }
    throw error;
  } finally {
    await extractor.close();
  }
  progress.finish();
  const failed = progress.count('failed');
  io.stderr.write(
    `import into '${collection.name}': created ${progress.count('created')}, skipped ${progress.count('skipped')} (already there), ` +
      `not an article ${progress.count('not-article')}, failed ${failed}\n`,
  );
  return failed > 0 ? 1 : 0;
}

async function sendBatch(
  client: ApiClient,
  collectionId: string,
  units: ClipUnit[],
): Promise<ImportLine[]> {
  const { results } = await client.json<{ results: BatchResult[] }>(
    'POST',
    `/collections/${collectionId}/clips/batch`,
    {
      items: units.map((u) => ({ id: u.id, draft: u.draft, tags: u.tags })),
      ifDuplicate: 'skip',
    },
  );
  return units.map((unit, i) => lineOf(unit, results[i]));
}

function lineOf(unit: ClipUnit, result: BatchResult | undefined): ImportLine {
  const base = {
    file: unit.file,
    ...(unit.part ? { part: unit.part } : {}),
    ...(unit.line ? { line: unit.line } : {}),
    id: unit.id,
    title: (unit.draft as ClipDraft & { title: string }).title,
  };
  if (!result) {
    return {
      ...base,
      status: 'failed',
      error: { code: 'no-result', message: 'the server gave no result for this clip' },
    };
  }
  switch (result.status) {
    case 'created':
      return { ...base, status: 'created' };
    case 'unchanged':
      return { ...base, status: 'skipped', reason: 'already-imported' };
    case 'duplicate':
      return { ...base, status: 'skipped', reason: 'duplicate', duplicateOf: result.duplicateOf };
    case 'not-article':
      return { ...base, status: 'not-article', error: result.error };
    default:
      return {
        ...base,
        status: 'failed',
        error: result.error ?? {
          code: result.status,
          message: `the server answered ${result.status}`,
        },
      };
  }
}
