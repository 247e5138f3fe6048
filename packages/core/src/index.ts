// @jianbao/core: pure TypeScript, no I/O. The DOM comes in as a parameter.
export * from './clip/schema';
export { extractArticle, type ExtractOptions } from './extract/article';
export { extractFromText, type TextExtractOptions } from './extract/text';
export { decodeHtml, declaredCharset, type DecodedPage } from './decode/decode-html';
