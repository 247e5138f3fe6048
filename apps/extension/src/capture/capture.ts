import { type Clip, extractArticle, extractFromText, type NotArticle } from '@jianbao/core/extract';

/** A selection shorter than this is a stray click, not text to clip: the page is clipped. */
export const MIN_SELECTION_CHARS = 40;

export type CaptureMode = 'page' | 'selection';

/** What clipping a tab found: the clip(s) to preview, or why there is nothing to clip. */
export type Capture =
  | { kind: 'clips'; mode: CaptureMode; url: string; clips: Clip[]; extractMs: number }
  | (NotArticle & { mode: CaptureMode; url: string; extractMs: number });

/**
 * Clips what the user is looking at: the selection when there is one worth clipping (text mode:
 * hard wraps joined, several stories split), otherwise the whole page through the extraction
 * core. Runs inside the page; only reads it.
 */
export function capturePage(
  doc: Document,
  url: string,
  selection: string | null,
  now = () => performance.now(),
): Capture {
  const start = now();
  const selected = selection?.trim() ?? '';
  if (selected.length >= MIN_SELECTION_CHARS) return captureText(selected, url, start, now);
  const result = extractArticle(doc, url);
  const extractMs = now() - start;
  if (result.kind === 'not-article') return { ...result, mode: 'page', url, extractMs };
  return { kind: 'clips', mode: 'page', url, clips: [result.clip], extractMs };
}

/** Text without a page around it: a selection, or text selected in a PDF viewer. */
export function captureText(
  text: string,
  url: string,
  start = performance.now(),
  now = () => performance.now(),
): Capture {
  const result = extractFromText(text, { url: /^https?:/.test(url) ? url : null });
  const extractMs = now() - start;
  if (result.kind === 'not-article') return { ...result, mode: 'selection', url, extractMs };
  return { kind: 'clips', mode: 'selection', url, clips: result.clips, extractMs };
}
