import type { TextExtractResult } from '../clip/schema';

export interface TextExtractOptions {
  url?: string;
  now?: Date;
}

/** A selection's or a PDF page's text → one clip per story, or why it is not an article. */
export function extractFromText(text: string, options: TextExtractOptions = {}): TextExtractResult {
  void text;
  void options;
  throw new Error('in progress');
}
