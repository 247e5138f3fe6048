import { parseHTML } from 'linkedom';
import { decodeHtml } from '../decode/decode-html';

/**
 * Saved pages often carry something before `<html>` (a crawler's wrapper element, a stray
 * comment) or are bare fragments; linkedom takes the first element as the document root, so
 * hand it a proper document.
 */
export function toDocumentHtml(text: string): string {
  const start = text.search(/<!doctype\s+html|<html[\s>]/i);
  if (start > 0) return text.slice(start);
  if (start < 0) return `<!DOCTYPE html><html><head></head><body>${text}</body></html>`;
  return text;
}

/**
 * A saved page as a DOM, for the server, the command line and the benchmarks (the extension
 * passes the live document instead). linkedom: ~6x faster than jsdom on these pages (NOTES.md).
 */
export function parsePage(input: Uint8Array | string): { document: Document; charset: string } {
  const { text, charset } = typeof input === 'string' ? { text: input, charset: 'utf-8' } : decodeHtml(input);
  const { document } = parseHTML(toDocumentHtml(text));
  return { document: document as unknown as Document, charset };
}
