import { JSDOM } from 'jsdom';

/**
 * A jsdom document as the popup's global one. The tests run in Node (the database code needs
 * Node's URL), so the DOM is installed by hand, for the views, which only use `document`.
 */
export function installDom(url = 'chrome-extension://jianbao/popup.html'): HTMLElement {
  const dom = new JSDOM('<!doctype html><html><body><div id="app"></div></body></html>', { url });
  globalThis.document = dom.window.document;
  return dom.window.document.getElementById('app')!;
}

/** Polls until `probe` gives a value (not null/undefined/false), or fails after `ms`. */
export async function until<T>(probe: () => T | Promise<T>, ms = 20_000): Promise<NonNullable<T>> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== null && value !== undefined && value !== false) return value as NonNullable<T>;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${probe}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
