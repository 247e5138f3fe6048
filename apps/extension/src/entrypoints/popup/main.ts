import { browser } from 'wxt/browser';
import { captureTab } from '../../capture/tab';
import { mountPopup } from '../../popup/popup';
import { Outbox } from '../../queue/outbox';

// Wiring only. Opened from the toolbar it clips the active tab; opened by the context menu in a
// window of its own, `?tab=` names the tab (and `selection=1` asks for the selected text).
const openedAt = performance.now();
const query = new URLSearchParams(location.search);

async function targetTab(): Promise<number> {
  const named = Number(query.get('tab'));
  if (Number.isInteger(named) && named > 0) return named;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  if (tab?.id === undefined) throw new Error('No tab to clip.');
  return tab.id;
}

void mountPopup(document.getElementById('app')!, {
  openedAt,
  async capture() {
    const tabId = await targetTab();
    const key = `selection:${tabId}`;
    const stored = query.get('selection') ? (await browser.storage.session.get(key))[key] : null;
    await browser.storage.session.remove(key);
    return captureTab(tabId, typeof stored === 'string' ? stored : null);
  },
  outbox: () => Outbox.open(),
  flush: () => browser.runtime.sendMessage({ type: 'flush' }),
  openOptions: () => void browser.runtime.openOptionsPage(),
});
