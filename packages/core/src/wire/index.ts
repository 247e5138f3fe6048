export {
  CLIP_LIMITS,
  type ClipDraft,
  type ClipEdit,
  completeClip,
  draftOf,
  zClipDraft,
  zClipEdit,
} from './clip-draft';
export * from './requests';
export * from './responses';
