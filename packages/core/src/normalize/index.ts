export { fnv1a64, hashableText, normalizeText, textHash } from './normalize-text';
export { detectScript, toSimplified, toTraditional } from './script';
