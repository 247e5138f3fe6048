/*
 * Text measuring without a font: the server cannot lay out text, so widths are estimated in
 * em. East Asian wide characters (CJK ideographs, kana, Hangul, full-width forms) take about
 * 1em; everything else about 0.55em, which is a slight over-estimate for most Latin text in
 * the UI's sans-serif fonts, so labels err on the side of fitting.
 */

const WIDE =
  /[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6\u{1F300}-\u{1FAFF}\u{20000}-\u{3FFFD}]/u;
/** Combining marks (accents, variation selectors) and zero-width spaces and joiners. */
const ZERO_WIDTH = /\p{M}|[\u200B-\u200F]/u;

export const NARROW_EM = 0.55;
const ELLIPSIS = '…';

export function charEm(ch: string): number {
  if (ZERO_WIDTH.test(ch)) return 0;
  return WIDE.test(ch) ? 1 : NARROW_EM;
}

/** Estimated width of `text` in em. */
export function textEm(text: string): number {
  let em = 0;
  for (const ch of text) em += charEm(ch);
  return em;
}

/** Collapses runs of white space (labels come from users' clips) into single spaces. */
export function tidyLabel(text: string): string {
  return String(text ?? '')
    .replace(/\s+/gu, ' ')
    .trim();
}

/**
 * Shortens `text` to at most `maxEm` em, ending with "…" when anything was cut. The ellipsis is
 * counted as 1em (it is full-width in CJK fonts). Cuts at a code point, never inside a
 * surrogate pair.
 */
export function truncateToEm(text: string, maxEm: number): string {
  const label = tidyLabel(text);
  if (textEm(label) <= maxEm) return label;
  const room = maxEm - 1;
  let used = 0;
  let out = '';
  for (const ch of label) {
    const w = charEm(ch);
    if (used + w > room) break;
    used += w;
    out += ch;
  }
  return `${out.trimEnd()}${ELLIPSIS}`;
}
