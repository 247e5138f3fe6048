export { fnv1a64, hashableText, hashOfNormalized, normalizeText, textHash } from './normalize-text';
export { detectScript, toSimplified, toTraditional } from './script';
export { normalizeUrl } from './url';
