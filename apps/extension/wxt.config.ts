import { existsSync } from 'node:fs';
import { defineConfig } from 'wxt';

/** Linux with no display (a server, CI): Chromium cannot open a window there. */
const noDisplay =
  process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;

/**
 * One source, two builds: `wxt build` (Chrome, MV3) and `wxt build -b firefox`. The manifest's
 * entrypoints come from src/entrypoints; what the extension may touch is declared here.
 */
export default defineConfig({
  srcDir: 'src',
  // The clipper carries the whole extraction core (Readability, OpenCC's tables, the GB/T 2260
  // region list): about 1.4 MB, loaded from disk, not the network. So does the popup's `capture`
  // chunk, which it loads only to extract text no script could read in the page (a PDF viewer).
  // The background and the popup itself import none of it (`@jianbao/core/light` and `/draft`).
  vite: () => ({ build: { chunkSizeWarningLimit: 2_000 } }),
  // Dev mode (`pnpm --filter @jianbao/extension dev`) opens a browser with the extension loaded:
  // Debian's Chromium when it is there. Without a display it only builds and serves, and the
  // dev build (.output/chrome-mv3-dev) is loaded by hand.
  webExt: {
    disabled: noDisplay,
    ...(existsSync('/usr/bin/chromium') ? { binaries: { chrome: '/usr/bin/chromium' } } : {}),
  },
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
            gecko: {
              id: 'jianbao@jianbao.local',
              // The first with the consent above (ESR 140); Android has it from 142.
              strict_min_version: '140.0',
              // Firefox's built-in consent: a clip sends the page's content and address, and
              // sign-in the password, to the server the user sets (and nowhere else).
              data_collection_permissions: {
                required: ['websiteContent', 'browsingActivity', 'authenticationInfo'],
              },
            },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
});
