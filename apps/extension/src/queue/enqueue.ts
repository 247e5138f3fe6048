import { type Clip, type ClipDraft, type CreateClip, draftOf, uuidv7 } from '@jianbao/core/light';
import type { Outbox } from './outbox';

/** One clip ready to queue: the draft (as extracted, perhaps edited) and its tags. */
export interface Outgoing {
  draft: ClipDraft;
  tags: string[];
}

/** A clip straight from extraction, unedited, as a draft the API takes. */
export function draftFromClip(clip: Clip): ClipDraft {
  return draftOf(clip) as ClipDraft;
}

/**
 * Puts clips in the outbox under fresh UUIDv7 ids: the ids are made here, once, so every retry
 * of the same clip carries the same id. Returns the requests queued.
 */
export async function enqueueClips(
  outbox: Outbox,
  collectionId: string,
  clips: Outgoing[],
): Promise<CreateClip[]> {
  const requests = clips.map(
    (clip): CreateClip => ({ id: uuidv7(), draft: clip.draft, tags: clip.tags }),
  );
  await outbox.add(
    requests.map((request, i) => ({
      collectionId,
      request,
      title: clips[i]!.draft.title,
      url: clips[i]!.draft.url ?? null,
    })),
  );
  return requests;
}

/** A linked page the server extracts itself (the context menu's "clip link"). */
export async function enqueuePage(
  outbox: Outbox,
  collectionId: string,
  page: { html: string; url: string; title: string },
): Promise<CreateClip> {
  const request: CreateClip = { id: uuidv7(), page: { html: page.html, url: page.url }, tags: [] };
  await outbox.add([{ collectionId, request, title: page.title, url: page.url }]);
  return request;
}
