import { browser } from 'wxt/browser';
import { type Capture, captureText } from './capture';

/**
 * Runs the clipper in a tab and returns what it found. A page the extension may not script (the
 * browser's own pages, a PDF viewer, the web store) gives an Error saying so, unless the text
 * selected there is known (a context menu's selectionText), which is clipped in text mode.
 */
export async function captureTab(tabId: number, selectionText?: string | null): Promise<Capture> {
  try {
    const [frame] = await browser.scripting.executeScript({
      target: { tabId },
      files: ['/clipper.js'],
    });
    const capture = frame?.result as Capture | undefined;
    if (capture && (!selectionText || capture.mode === 'selection')) return capture;
  } catch (error) {
    if (!selectionText) {
      throw new Error(`This page cannot be read by the extension (${errorText(error)}).`);
    }
  }
  const tab = await browser.tabs.get(tabId);
  return captureText(selectionText!, tab.url ?? '');
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
