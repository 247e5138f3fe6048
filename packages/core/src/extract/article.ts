import type { ExtractResult } from '../clip/schema';

export interface ExtractOptions {
  /** "Now" for inferring a missing year (e-paper `日期:12-24`); defaults to the page's own clock or today. */
  now?: Date;
}

/** A page's DOM → a clip, or why it is not an article. Does not modify `doc`. */
export function extractArticle(doc: Document, url: string, options: ExtractOptions = {}): ExtractResult {
  void doc;
  void url;
  void options;
  throw new Error('in progress');
}
