import { browser } from 'wxt/browser';
import type { Capture } from './capture';
import { runClipper } from './run-clipper';

/**
 * What the popup clips: the clipper's answer from the tab, unless text was selected where no
 * script may read it (a PDF viewer; the context menu's selectionText) and the clipper did not
 * find it: that text is clipped in text mode here. Only then does the popup load the extraction
 * core, as a chunk of its own: opening the popup on a web page does not parse it.
 */
export async function captureTab(tabId: number, selectionText?: string | null): Promise<Capture> {
  try {
    const capture = await runClipper(tabId);
    if (!selectionText || capture.mode === 'selection') return capture;
  } catch (error) {
    if (!selectionText) throw error;
  }
  const [tab, { captureText }] = await Promise.all([browser.tabs.get(tabId), import('./capture')]);
  return captureText(selectionText, tab.url ?? '');
}
