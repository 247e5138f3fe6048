import { browser } from 'wxt/browser';
import type { Capture } from './capture';

/**
 * Runs the clipper in a tab and returns what it found. `/clipper.js` is the one script that
 * carries the extraction core (Readability, OpenCC's tables, the region list); this module only
 * injects it, so the background and the popup, which import it, stay small. A page the extension
 * may not script (the browser's own pages, a PDF viewer, the web store) gives an Error saying so.
 */
export async function runClipper(tabId: number): Promise<Capture> {
  let capture: Capture | undefined;
  try {
    const [frame] = await browser.scripting.executeScript({
      target: { tabId },
      files: ['/clipper.js'],
    });
    capture = frame?.result as Capture | undefined;
  } catch (error) {
    throw new Error(`This page cannot be read by the extension (${errorText(error)}).`);
  }
  if (!capture) throw new Error('This page cannot be read by the extension (no answer).');
  return capture;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
