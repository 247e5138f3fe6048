// Text mode: the layout of text selected on a page or copied out of a PDF newspaper page.
export { isHardWrapped, joinHardWraps, lineWidth, normalizeLine } from './hard-wraps';
export * from './rules';
export {
  isHeadline,
  type ParagraphRole,
  paragraphRole,
  splitStories,
  type TextStory,
} from './stories';
