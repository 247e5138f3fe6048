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
  const { text, charset } =
    typeof input === 'string' ? { text: input, charset: 'utf-8' } : decodeHtml(input);
  const { document } = parseHTML(toDocumentHtml(text)) as unknown as { document: Document };
  adoptStrayBody(document);
  return { document, charset };
}

/**
 * On some malformed pages (content between </head> and <body>) linkedom's `document.body`
 * is a fresh empty element while the page's own <body> sits beside it: move the content over.
 */
function adoptStrayBody(document: Document): void {
  const body = document.body;
  const real = Array.from(document.querySelectorAll('body')).find((b) => b !== body);
  if (!body || !real) return;
  while (real.firstChild) body.appendChild(real.firstChild);
  for (const attr of Array.from(real.attributes)) body.setAttribute(attr.name, attr.value);
  real.remove();
}
