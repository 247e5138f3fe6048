// Node-side entry (`@jianbao/core/page`): parsing saved pages. Never imported by the extension.
export { parsePage, toDocumentHtml } from './parse-page';
export { decodeHtml, declaredCharset } from '../decode/decode-html';
