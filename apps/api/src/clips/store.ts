import {
  type Clip,
  type ClipEdit,
  type ClipView,
  completeClip,
  draftOf,
  normalizeUrl,
  zClipDraft,
  zCreateClip,
} from '@jianbao/core';
import { type Database, exactMatches, type StoredClip, upsertClips } from '@jianbao/db';
import { z } from 'zod';
import { ApiError, validationError } from '../http/errors';
import { clipView } from '../http/views';
import { createIntake, type Intake, type ParsedCreateClip } from './intake';

/** What writing clips needs: the database and the intake (extraction, sanitising). */
export interface ClipStore {
  db: Database;
  intake: (item: ParsedCreateClip) => Intake;
  sanitize: (html: string) => string;
}

export function createClipStore(db: Database, sanitize: (html: string) => string): ClipStore {
  return { db, intake: createIntake(sanitize), sanitize };
}

/** One clip: 201 created, 200 a retry, 409 another draft under the id, 422 not an article. */
export async function storeOne(
  store: ClipStore,
  collectionId: string,
  userId: string,
  item: ParsedCreateClip,
): Promise<{ kind: 'created' | 'unchanged'; clip: StoredClip }> {
  const intake = store.intake(item);
  if (intake.kind === 'not-article') {
    throw new ApiError(422, 'not-article', `${intake.reason}: ${intake.message}`, 'page');
  }
  const written = await upsertClips(store.db, {
    collectionId,
    createdBy: userId,
    clips: [intake],
  });
  if (written.kind !== 'done') throw new ApiError(404, 'not-found', 'no such collection', 'id');
  const result = written.results[0]!;
  if (result.kind === 'conflict') {
    throw new ApiError(
      409,
      'id-conflict',
      'another clip is stored under this id: make a new id for a new clip',
      'id',
    );
  }
  return result;
}

type BatchItem = {
  id: string | null;
  status: 'created' | 'unchanged' | 'duplicate' | 'conflict' | 'invalid' | 'not-article';
  clip?: ClipView;
  duplicateOf?: { id: string; match: 'url' | 'text' };
  error?: { code: string; message: string; field?: string };
  reason?: Extract<Intake, { kind: 'not-article' }>['reason'];
};

/**
 * A batch: each item validated and extracted on its own, so one bad item fails alone; the
 * valid ones are written in one transaction. Sending the same batch again creates nothing. With
 * `skipDuplicates`, an item whose URL or text the collection (or an earlier item) already holds
 * under another id is answered `duplicate` and not written.
 */
export async function storeBatch(
  store: ClipStore,
  collectionId: string,
  userId: string,
  items: unknown[],
  options: { skipDuplicates?: boolean } = {},
): Promise<{ version: number; results: BatchItem[] }> {
  const results: BatchItem[] = [];
  let toWrite: { index: number; intake: Extract<Intake, { kind: 'clip' }> }[] = [];
  items.forEach((raw, index) => {
    const parsed = zCreateClip.safeParse(raw);
    if (!parsed.success) {
      const error = validationError(parsed.error as z.ZodError, `items.${index}`, raw);
      results[index] = {
        id: idOf(raw),
        status: 'invalid',
        error: { code: error.code, message: error.message, field: error.field },
      };
      return;
    }
    const intake = store.intake(parsed.data);
    if (intake.kind === 'not-article') {
      results[index] = {
        id: intake.clipId,
        status: 'not-article',
        reason: intake.reason,
        error: { code: 'not-article', message: intake.message },
      };
      return;
    }
    toWrite.push({ index, intake });
  });
  if (options.skipDuplicates) {
    toWrite = await withoutDuplicates(store.db, collectionId, toWrite, results);
  }
  const written = await upsertClips(store.db, {
    collectionId,
    createdBy: userId,
    clips: toWrite.map((w) => w.intake),
  });
  if (written.kind !== 'done') throw new ApiError(404, 'not-found', 'no such collection', 'id');
  written.results.forEach((result, i) => {
    const { index, intake } = toWrite[i]!;
    results[index] =
      result.kind === 'conflict'
        ? {
            id: intake.clipId,
            status: 'conflict',
            error: {
              code: 'id-conflict',
              message: 'another clip is stored under this id',
              field: `items.${index}.id`,
            },
          }
        : { id: intake.clipId, status: result.kind, clip: clipView(result.clip) };
  });
  return { version: written.version, results };
}

/**
 * The items to write once those the collection or an earlier item already holds (same URL after
 * normalisation, or same text) are answered `duplicate` in `results`. A retry of an item (its
 * own id stored) is no duplicate: it is written again and answered `unchanged`.
 */
async function withoutDuplicates<
  T extends { index: number; intake: Extract<Intake, { kind: 'clip' }> },
>(db: Database, collectionId: string, items: T[], results: BatchItem[]): Promise<T[]> {
  const seenUrls = new Map<string, string>();
  const seenTexts = new Map<string, string>();
  const kept: T[] = [];
  for (const item of items) {
    const { data: clip, clipId } = item.intake;
    const url = normalizeUrl(clip.canonicalUrl ?? clip.url);
    const text = clip.fingerprints.textHash;
    const exact = await exactMatches(db, {
      collectionIds: [collectionId],
      normalizedUrl: url,
      textHash: text,
      excludeClipId: clipId,
    });
    const byUrl = exact.sameUrl[0]?.clip.id ?? (url ? seenUrls.get(url) : undefined);
    const byText = exact.sameText[0]?.clip.id ?? (text ? seenTexts.get(text) : undefined);
    if (byUrl || byText) {
      results[item.index] = {
        id: clipId,
        status: 'duplicate',
        duplicateOf: byUrl ? { id: byUrl, match: 'url' } : { id: byText!, match: 'text' },
      };
      continue;
    }
    if (url) seenUrls.set(url, clipId);
    if (text) seenTexts.set(text, clipId);
    kept.push(item);
  }
  return kept;
}

function idOf(raw: unknown): string | null {
  const id = (raw as { id?: unknown } | null)?.id;
  return typeof id === 'string' && z.uuid().safeParse(id).success ? id : null;
}

/**
 * A stored clip with an edit merged in, validated as a whole (a field at fault is named under
 * `clip.`), completed again (derived fields follow the new text) and sanitised.
 */
export function editedClip(store: ClipStore, stored: Clip, edit: ClipEdit): Clip {
  const merged = zClipDraft.safeParse({ ...draftOf(stored), ...edit });
  if (!merged.success) throw validationError(merged.error, 'clip');
  const clip = completeClip(merged.data);
  return { ...clip, html: store.sanitize(clip.html) };
}
