// @jianbao/core: pure TypeScript, no I/O. The DOM comes in as a parameter.
export * from './clip/schema';
export { type DecodedPage, declaredCharset, decodeHtml } from './decode/decode-html';
export { type ExtractOptions, extractArticle } from './extract/article';
export { extractFromText, type TextExtractOptions } from './extract/text';
export { uuidv7 } from './ids/uuidv7';
export {
  detectScript,
  normalizeText,
  normalizeUrl,
  textHash,
  toSimplified,
  toTraditional,
} from './normalize';
export * from './similarity';
export {
  allDivisions,
  classifyTaxonomy,
  type Division,
  detectSourceKind,
  rulesV1,
} from './taxonomy';
export * from './wire';
