// `@jianbao/core/extract`: extraction alone, for a script that runs in the page (the extension's
// clipper). Unlike `@jianbao/core` it does not load the wire's zod schemas, which extracting does
// not use; it still carries what extracting does (Readability, OpenCC, the region list).

export type { Clip, ExtractResult, NotArticle, TextExtractResult } from '../clip/schema';
export { type ExtractOptions, extractArticle } from './article';
export { extractFromText, type TextExtractOptions } from './text';
