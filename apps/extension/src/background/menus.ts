import { decodeHtml } from '@jianbao/core/light';
import { type Browser, browser } from 'wxt/browser';
import { runClipper } from '../capture/run-clipper';
import { draftFromClip, enqueueClips, enqueuePage } from '../queue/enqueue';
import type { Outbox } from '../queue/outbox';
import { accountItem, collectionItem } from '../settings/settings';

export const MENU = {
  page: 'jianbao-clip-page',
  selection: 'jianbao-clip-selection',
  link: 'jianbao-clip-link',
} as const;

export async function createMenus(): Promise<void> {
  await browser.contextMenus.removeAll();
  browser.contextMenus.create({
    id: MENU.page,
    title: '剪报: clip this page…',
    contexts: ['page'],
  });
  browser.contextMenus.create({
    id: MENU.selection,
    title: '剪报: clip the selected text…',
    contexts: ['selection'],
  });
  browser.contextMenus.create({
    id: MENU.link,
    title: '剪报: clip the linked page',
    contexts: ['link'],
  });
}

/** The popup's page, opened in a window of its own for a given tab (context menu clips). */
export function popupUrl(tabId: number, selection = false): string {
  const query = new URLSearchParams({ tab: String(tabId) });
  if (selection) query.set('selection', '1');
  return browser.runtime.getURL(`/popup.html?${query}` as '/popup.html');
}

export type MenuOutcome =
  | { kind: 'opened-form' }
  | { kind: 'queued'; count: number }
  | { kind: 'needs-setup' }
  | { kind: 'error'; message: string };

/**
 * A context-menu click. Page and selection open the clip form for that tab (the selected text,
 * which a PDF viewer does not let a script read, travels through session storage); a link is
 * fetched here and queued for the server to extract, into the default collection.
 */
export async function onMenuClick(
  info: Browser.contextMenus.OnClickData,
  tab: Browser.tabs.Tab | undefined,
  outbox: () => Promise<Outbox>,
  fetchImpl: typeof fetch = fetch,
): Promise<MenuOutcome> {
  if (info.menuItemId === MENU.link && info.linkUrl) {
    const [account, collection] = await Promise.all([
      accountItem.getValue(),
      collectionItem.getValue(),
    ]);
    if (!account || !collection) return { kind: 'needs-setup' };
    try {
      const response = await fetchImpl(info.linkUrl, { credentials: 'include' });
      if (!response.ok) throw new Error(`the page answered ${response.status}`);
      const page = decodeHtml(new Uint8Array(await response.arrayBuffer()));
      const title = /<title[^>]*>([^<]*)/i.exec(page.text)?.[1]?.trim() || info.linkUrl;
      await enqueuePage(await outbox(), collection, {
        html: page.text,
        url: response.url || info.linkUrl,
        title,
      });
      return { kind: 'queued', count: 1 };
    } catch (error) {
      return { kind: 'error', message: `The linked page could not be read: ${String(error)}` };
    }
  }
  if (tab?.id === undefined) return { kind: 'error', message: 'No tab to clip.' };
  const selection = info.menuItemId === MENU.selection;
  if (selection && info.selectionText) {
    await browser.storage.session.set({ [`selection:${tab.id}`]: info.selectionText });
  }
  await browser.windows.create({
    url: popupUrl(tab.id, selection),
    type: 'popup',
    width: 460,
    height: 720,
  });
  return { kind: 'opened-form' };
}

/**
 * The "clip this page" shortcut: no form, the page goes straight to the default collection.
 * Returns what happened, for the badge's title.
 */
export async function clipTabNow(
  tabId: number,
  outbox: () => Promise<Outbox>,
): Promise<MenuOutcome> {
  const [account, collection] = await Promise.all([
    accountItem.getValue(),
    collectionItem.getValue(),
  ]);
  if (!account || !collection) return { kind: 'needs-setup' };
  try {
    const capture = await runClipper(tabId);
    if (capture.kind === 'not-article') return { kind: 'error', message: capture.message };
    await enqueueClips(
      await outbox(),
      collection,
      capture.clips.map((clip) => ({ draft: draftFromClip(clip), tags: [] })),
    );
    return { kind: 'queued', count: capture.clips.length };
  } catch (error) {
    return { kind: 'error', message: error instanceof Error ? error.message : String(error) };
  }
}
