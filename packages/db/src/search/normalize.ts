// The same normalisation the clip's `normalizedText` was made with (NFKC, traditional→simplified,
// whitespace between Han characters dropped), so a query meets the stored text in one form.
export { normalizeText } from '@jianbao/core';
