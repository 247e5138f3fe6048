import { parseHTML } from 'linkedom';
import { decodeHtml } from '../decode/decode-html';

/**
 * A saved page as a DOM, for the server, the command line and the benchmarks (the extension
 * passes the live document instead). linkedom: ~6x faster than jsdom on these pages (NOTES.md).
 */
export function parsePage(input: Uint8Array | string): { document: Document; charset: string } {
  const { text, charset } = typeof input === 'string' ? { text: input, charset: 'utf-8' } : decodeHtml(input);
  const { document } = parseHTML(text);
  return { document: document as unknown as Document, charset };
}
