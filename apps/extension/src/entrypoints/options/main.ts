import { browser } from 'wxt/browser';
import { mountOptions } from '../../options/options';

// Wiring only: the page is src/options/options.ts.
void mountOptions(document.getElementById('app')!, {
  shortcuts: () => browser.commands.getAll(),
  editShortcuts: () =>
    void browser.tabs.create({
      url: import.meta.env.FIREFOX ? 'about:addons' : 'chrome://extensions/shortcuts',
    }),
});
