export {
  CLIP_LIMITS,
  type ClipDraft,
  type ClipEdit,
  completeClip,
  draftOf,
  zClipDraft,
  zClipEdit,
} from './clip-draft';
export * from './export';
export * from './requests';
export * from './responses';
