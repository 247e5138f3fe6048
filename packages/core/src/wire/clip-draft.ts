// The clip draft, in parts: its schema (./draft, zod only: what clients check drafts with), a
// stored clip back as a draft (./draft-of), and completing a draft (./complete-clip: OpenCC and
// the taxonomy, what servers store). Importers of this module get all three; the extension's
// popup and background take the light parts through `@jianbao/core/draft` and `/light`.

export { completeClip } from './complete-clip';
export {
  CLIP_LIMITS,
  type ClipDraft,
  type ClipEdit,
  type ParsedDraft,
  zClipDraft,
  zClipEdit,
} from './draft';
export { draftOf } from './draft-of';
