import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Clip, extractArticle, extractFromText, type NotArticle } from '@jianbao/core';
import { decodeHtml, parsePage } from '@jianbao/core/page';
import { type InputErrorCode, readInput } from '../io/read-input';

export interface ExtractFileOptions {
  /** The page's address; otherwise core reads the page's own canonical link. */
  url?: string;
  /** Treat the file as plain text (a selection, a PDF's text), whatever its name. */
  text: boolean;
}

export type ExtractErrorCode = InputErrorCode | 'extract-failed';

/** One line of `jianbao extract` output. */
export type ExtractLine =
  | { file: string; charset: string; clip: Clip; part?: number; parts?: number }
  | { file: string; charset: string; notArticle: { reason: NotArticle['reason']; message: string } }
  | { file: string; error: { code: ExtractErrorCode; message: string } };

export interface FileResult {
  lines: ExtractLine[];
  /** The stack of an exception from core, for --verbose. */
  stack?: string;
}

/** Files with these endings are read as text, not HTML. */
const TEXT_FILE = /\.(txt|text)$/i;

/** One file's lines: a clip (one per story in text mode), a not-article answer, or an error. */
export async function extractFile(file: string, options: ExtractFileOptions): Promise<FileResult> {
  const input = await readInput(file);
  if (!input.ok) return { lines: [{ file, error: { code: input.code, message: input.message } }] };
  const url = options.url ?? pathToFileURL(resolve(file)).href;
  try {
    const { text, charset } = decodeHtml(input.bytes);
    if (text.trim() === '') return { lines: [emptyFile(file, charset)] };
    if (options.text || TEXT_FILE.test(file)) {
      const result = extractFromText(text, { url });
      if (result.kind === 'not-article') return { lines: [notArticle(file, charset, result)] };
      const parts = result.clips.length;
      if (parts === 0) {
        return {
          lines: [notArticle(file, charset, { reason: 'empty', message: 'no story in the text' })],
        };
      }
      if (parts === 1) return { lines: [{ file, charset, clip: result.clips[0]! }] };
      return {
        lines: result.clips.map((clip, i) => ({ file, charset, clip, part: i + 1, parts })),
      };
    }
    // Decoded once above; parsePage takes the text so the bytes are not decoded twice.
    const { document } = parsePage(text);
    const result = extractArticle(document, url, { mutate: true });
    if (result.kind === 'not-article') return { lines: [notArticle(file, charset, result)] };
    return { lines: [{ file, charset, clip: result.clip }] };
  } catch (thrown) {
    const error = thrown instanceof Error ? thrown : new Error(String(thrown));
    return {
      lines: [{ file, error: { code: 'extract-failed', message: error.message } }],
      stack: error.stack,
    };
  }
}

function notArticle(
  file: string,
  charset: string,
  { reason, message }: Pick<NotArticle, 'reason' | 'message'>,
): ExtractLine {
  return { file, charset, notArticle: { reason, message } };
}

function emptyFile(file: string, charset: string): ExtractLine {
  return notArticle(file, charset, { reason: 'empty', message: 'the file has no content' });
}
