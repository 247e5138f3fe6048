import { createHash } from 'node:crypto';
import {
  type Clip,
  completeClip,
  extractArticle,
  type NotArticleReason,
  type zCreateClip,
} from '@jianbao/core';
import { parsePage } from '@jianbao/core/page';
import type { z } from 'zod';

export type ParsedCreateClip = z.output<typeof zCreateClip>;

export type Intake =
  | { kind: 'clip'; clipId: string; draftHash: string; data: Clip; tags: string[] }
  | { kind: 'not-article'; clipId: string; reason: NotArticleReason; message: string };

/**
 * Turns a create request into the clip to store: a draft is completed (derived fields
 * recomputed), a page is extracted here with linkedom; either way the HTML is sanitised. The
 * draft hash is of the request as sent, so the same request again is recognised as a retry.
 */
export function createIntake(sanitize: (html: string) => string) {
  return (item: ParsedCreateClip): Intake => {
    const draftHash = createHash('sha256')
      .update(JSON.stringify([item.draft ?? null, item.page ?? null, item.tags]))
      .digest('base64url');
    let clip: Clip;
    if (item.draft) {
      clip = completeClip(item.draft);
    } else {
      const page = item.page!;
      const result = extractArticle(parsePage(page.html).document, page.url, { mutate: true });
      if (result.kind === 'not-article') {
        return {
          kind: 'not-article',
          clipId: item.id,
          reason: result.reason,
          message: result.message,
        };
      }
      clip = result.clip;
    }
    return {
      kind: 'clip',
      clipId: item.id,
      draftHash,
      data: { ...clip, html: sanitize(clip.html) },
      tags: item.tags,
    };
  };
}
