import type { Clip } from '../clip/schema';
import type { ParsedDraft } from './draft';

/** A stored clip back as a draft, so an edit can be merged into it and completed again. */
export function draftOf(clip: Clip): ParsedDraft {
  const { normalizedText: _n, wordCount: _w, fingerprints: _f, ...rest } = clip;
  return rest;
}
