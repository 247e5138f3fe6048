import { detectScript, toSimplified } from '../normalize';

// A hard line break between two Han characters is a wrapped line (PDF pages: 周永\n飞说), not a break.
const wrappedLine = /(\p{Script=Han})[ \t]*\r?\n[ \t]*(?=\p{Script=Han})/gu;

/** The text the taxonomy rules read: NFKC, simplified, wrapped lines joined. */
export function prepareText(text: string): string {
  const nfkc = text.normalize('NFKC');
  const simplified = detectScript(nfkc) === 'Hant' ? toSimplified(nfkc) : nfkc;
  return simplified.replace(wrappedLine, '$1');
}
