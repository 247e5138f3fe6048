import type { MAX_BATCH as BATCH_LIMIT } from './requests';

// `@jianbao/core/light`: what a client of the API needs at run time besides zod schemas, without
// the extraction core. Nothing here loads Readability, OpenCC's tables, the GB/T 2260 region list
// or the taxonomy rules, nor builds a zod schema: the extension's background imports only this.
// The draft's schema is `@jianbao/core/draft`; extracting (`extractArticle`, `extractFromText`)
// and completing drafts (`completeClip`) need `@jianbao/core`.
//
// The schemas come as types only (`export type` leaves no import behind): their modules build
// zod objects when loaded, and ./requests and ./responses import ./clip-draft, whose
// `completeClip` part would bring the taxonomy's tables along.

export type * from '../clip/schema';
export { type DecodedPage, declaredCharset, decodeHtml } from '../decode/decode-html';
export { uuidv7 } from '../ids/uuidv7';
export { normalizeUrl } from '../normalize/url';
export type * from './draft';
export { draftOf } from './draft-of';
export type * from './requests';
export type * from './responses';

/** `MAX_BATCH` of ./requests, restated so as not to import it; typecheck fails if they differ. */
export const MAX_BATCH: typeof BATCH_LIMIT = 100;
