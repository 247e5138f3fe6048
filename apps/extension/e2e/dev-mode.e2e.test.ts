// WXT's dev mode against the local API: `wxt` (the `dev` script) serving the extension with
// hot reload, its dev build loaded in Chromium, signed in to the API, a page clipped through the
// popup and stored.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiServer,
  createCollection,
  EXTENSION_ROOT,
  type ExtensionBrowser,
  type FixtureServer,
  freePort,
  launchBrowser,
  listClips,
  loadFixture,
  openPopup,
  poll,
  removeDir,
  serveFixtures,
  signInExtension,
  signUp,
  startApi,
  tabIdOf,
  tempDir,
} from './harness';

const haveChromium = existsSync('/usr/bin/chromium');
const DEV_DIR = join(EXTENSION_ROOT, '.output/chrome-mv3-dev');
const PAGE = '000-epaper';

let dev: ChildProcess | undefined;
let devLog = '';
let api: ApiServer;
let fixtures: FixtureServer;
let browser: ExtensionBrowser;
let profile: string;

/**
 * The environment of a developer's shell: without vitest's variables (WXT reads NODE_ENV and
 * VITEST as a test run) and without a display, so that the dev server opens no browser itself.
 */
function devEnv(): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^(VITEST|NODE_ENV$|TEST$)/.test(key)),
  );
  return { ...env, DISPLAY: '', WAYLAND_DISPLAY: '' };
}

describe.skipIf(!haveChromium)('WXT dev mode', () => {
  beforeAll(async () => {
    removeDir(DEV_DIR);
    const port = await freePort();
    const wxt = join(EXTENSION_ROOT, 'node_modules/wxt/bin/wxt.mjs');
    dev = spawn(process.execPath, [wxt, '--host', '127.0.0.1', '--port', String(port)], {
      cwd: EXTENSION_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
      // No display: the dev server builds and serves, and opens no browser of its own.
      env: devEnv(),
    });
    const collect = (chunk: Buffer) => {
      devLog += chunk.toString();
    };
    dev.stdout!.on('data', collect);
    dev.stderr!.on('data', collect);
    await poll(
      'the dev build',
      async () => {
        if (dev?.exitCode !== null) throw new Error(`wxt dev stopped:\n${devLog}`);
        return /Built extension/.test(devLog) && existsSync(join(DEV_DIR, 'manifest.json'))
          ? true
          : undefined;
      },
      { timeoutMs: 180_000, intervalMs: 500 },
    ).catch((error: Error) => {
      throw new Error(`${error.message}\nwxt dev said:\n${devLog}`);
    });
    api = await startApi();
    fixtures = await serveFixtures([PAGE]);
    profile = tempDir('dev-profile');
    browser = await launchBrowser(profile, DEV_DIR);
  });

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    // The dev server and its children, as a group.
    if (dev?.pid && dev.exitCode === null) process.kill(-dev.pid, 'SIGTERM');
    await api?.stop().catch(() => undefined);
    await fixtures?.close().catch(() => undefined);
    removeDir(profile);
    removeDir(api?.dataDir);
    removeDir(DEV_DIR);
  });

  it('serves the extension from its dev server, and the popup clips into the local API', async () => {
    expect(devLog).toMatch(
      /Started dev server @ http:\/\/localhost:\d+ \(listening on 127\.0\.0\.1\)/,
    );
    const user = await signUp(api);
    const collectionId = await createCollection(api, user.token, '开发模式');
    await signInExtension(browser, api, user, collectionId);
    const page = await browser.context.newPage();
    await page.goto(fixtures.urlOf(PAGE), { waitUntil: 'load' });
    const popup = await openPopup(browser, await tabIdOf(browser, fixtures.urlOf(PAGE)));
    // The dev popup loads its scripts from the dev server.
    const fromDevServer: string[] = [];
    popup.on('request', (request) => {
      if (/^http:\/\/(127\.0\.0\.1|localhost):\d+\//.test(request.url()))
        fromDevServer.push(request.url());
    });
    await popup.reload();
    await popup.locator('#app[data-preview-ms]').waitFor({ timeout: 120_000 });
    const expected = loadFixture(PAGE).expected.expect;
    expect(await popup.locator('[name="title"]').inputValue()).toBe(expected.title);
    expect(fromDevServer.length).toBeGreaterThan(0);
    await popup.locator('button.save').click();
    const stored = await poll('the clip on the local API', async () => {
      const clips = await listClips(api, user.token, collectionId);
      return clips.length > 0 ? clips : undefined;
    });
    expect(stored[0]!.clip.title).toBe(expected.title);
  });
});
