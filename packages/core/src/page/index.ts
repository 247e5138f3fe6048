// Node-side entry (`@jianbao/core/page`): parsing saved pages. Never imported by the extension.

export { declaredCharset, decodeHtml } from '../decode/decode-html';
export { parsePage, toDocumentHtml } from './parse-page';
