import { defineConfig } from 'wxt';

/**
 * One source, two builds: `wxt build` (Chrome, MV3) and `wxt build -b firefox`. The manifest's
 * entrypoints come from src/entrypoints; what the extension may touch is declared here.
 */
export default defineConfig({
  srcDir: 'src',
  // The clipper carries the whole extraction core (Readability, OpenCC's tables, the GB/T 2260
  // region list): about 1.5 MB, loaded from disk, not the network.
  vite: () => ({ build: { chunkSizeWarningLimit: 2_000 } }),
  manifest: ({ browser, manifestVersion }) => ({
    name: '剪报 Jianbao',
    description: 'Clip Chinese articles into your team’s collections, with duplicates flagged.',
    // activeTab + scripting read the page the user clips; host permissions let the popup read a
    // tab it was opened for, fetch a linked page, and reach whichever server the user set.
    permissions: ['storage', 'activeTab', 'scripting', 'contextMenus', 'alarms'],
    host_permissions: ['http://*/*', 'https://*/*'],
    action: { default_title: '剪报: clip this page' },
    commands: {
      // MV2 (the Firefox build) names the toolbar button's command differently.
      [manifestVersion === 3 ? '_execute_action' : '_execute_browser_action']: {
        suggested_key: { default: 'Alt+Shift+J' },
        description: 'Open the clip form for this page',
      },
      'clip-page': {
        suggested_key: { default: 'Alt+Shift+K' },
        description: 'Clip this page straight into the default collection',
      },
    },
    // Firefox only (Chrome warns about the key): the add-on's id, which storage is tied to.
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: { id: 'jianbao@jianbao.local', strict_min_version: '115.0' },
          },
        }
      : {}),
  }),
});
