import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { declaredCharset } from '@jianbao/core';
import { type BrowserContext, chromium, type Page, type Worker } from 'playwright-core';

// Helpers for the end-to-end test: the built extension in Debian's Chromium, the real API as a
// child process on embedded PGlite, the core's extraction fixtures served over HTTP.

export const EXTENSION_ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
export const REPO_ROOT = resolve(EXTENSION_ROOT, '../..');
export const EXTENSION_DIR = join(EXTENSION_ROOT, '.output/chrome-mv3');
export const FIXTURES_DIR = join(REPO_ROOT, 'packages/core/test/fixtures');
const CHROMIUM = '/usr/bin/chromium';

// ---------------------------------------------------------------------------------------------
// Build

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules') continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

/**
 * Builds the Chrome MV3 extension unless `.output/chrome-mv3/manifest.json` is newer than every
 * file it is built from (the extension's src/ and config, and the core it bundles).
 */
export function buildExtension({ force = false } = {}): string {
  const manifest = join(EXTENSION_DIR, 'manifest.json');
  const inputs = [
    join(EXTENSION_ROOT, 'src'),
    join(EXTENSION_ROOT, 'wxt.config.ts'),
    join(EXTENSION_ROOT, 'package.json'),
    join(REPO_ROOT, 'packages/core/src'),
  ].filter((path) => existsSync(path));
  const fresh =
    !force &&
    existsSync(manifest) &&
    statSync(manifest).mtimeMs > Math.max(...inputs.map((path) => newestMtime(path)));
  if (!fresh) {
    execFileSync('pnpm', ['exec', 'wxt', 'build'], { cwd: EXTENSION_ROOT, stdio: 'pipe' });
  }
  return EXTENSION_DIR;
}

const BUILT_FILES = ['manifest.json', 'background.js', 'clipper.js', 'popup.html', 'options.html'];

/**
 * Builds when needed, then copies the build to a temp dir and returns that: Chromium loads the
 * copy, so a `wxt build` run elsewhere while the test runs (it empties `.output`) cannot take
 * the extension's files away mid-test. The extension's id follows from the copy's path.
 */
export async function stageExtension(): Promise<string> {
  buildExtension();
  for (let attempt = 1; ; attempt++) {
    const dir = tempDir('extension');
    try {
      cpSync(EXTENSION_DIR, dir, { recursive: true });
      const missing = BUILT_FILES.filter((file) => !existsSync(join(dir, file)));
      if (missing.length === 0) return dir;
      throw new Error(`the build has no ${missing.join(', ')}`);
    } catch (error) {
      removeDir(dir);
      // Another build is writing .output: wait for it to finish and copy again.
      if (attempt >= 5) throw error;
      await sleep(5_000);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Ports, temp dirs, polling

export async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createNetServer();
    server.unref();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `jianbao-e2e-${prefix}-`));
}

export function removeDir(path: string | undefined): void {
  if (path) rmSync(path, { recursive: true, force: true });
}

export const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

/** Calls `probe` until it returns something other than undefined, or throws after `timeoutMs`. */
export async function poll<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  { timeoutMs = 60_000, intervalMs = 500 } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `Timed out after ${timeoutMs} ms waiting for ${what}${lastError ? ` (last error: ${String(lastError)})` : ''}`,
      );
    }
    await sleep(intervalMs);
  }
}

// ---------------------------------------------------------------------------------------------
// The API

export interface ApiServer {
  readonly base: string;
  readonly port: number;
  readonly dataDir: string;
  /** What the server printed, for failure messages. */
  output(): string;
  running(): boolean;
  /** Starts it again on the same port and DATA_DIR. */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Calls the API; throws with the status and body on anything but 2xx. */
  call<T>(method: string, path: string, token?: string, body?: unknown): Promise<T>;
}

/** The real API (`node --import tsx apps/api/src/main.ts`) on a free port, PGlite in a temp dir. */
export async function startApi(
  options: { port?: number; dataDir?: string } = {},
): Promise<ApiServer> {
  const port = options.port ?? (await freePort());
  const dataDir = options.dataDir ?? tempDir('api');
  const base = `http://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;
  let log = '';

  const start = async () => {
    if (child) throw new Error('The API is already running.');
    const proc = spawn(process.execPath, ['--import', 'tsx', 'apps/api/src/main.ts'], {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        // The e2e makes many requests from one token in a few minutes.
        RATE_LIMIT_PER_MINUTE: '100000',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = proc;
    // Never outlive the test run, whatever way it ends.
    const orphanGuard = () => proc.kill('SIGKILL');
    process.once('exit', orphanGuard);
    proc.once('exit', () => process.off('exit', orphanGuard));
    proc.stdout?.on('data', (chunk: Buffer) => {
      log += chunk.toString();
    });
    proc.stderr?.on('data', (chunk: Buffer) => {
      log += chunk.toString();
    });
    proc.once('exit', () => {
      if (child === proc) child = null;
    });
    await poll(
      `the API on ${base}`,
      async () => {
        if (child !== proc) throw new Error(`the API exited:\n${log}`);
        const response = await fetch(`${base}/health`);
        return response.ok ? true : undefined;
      },
      { timeoutMs: 120_000, intervalMs: 300 },
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n--- API output ---\n${log}`);
    });
  };

  const stop = async () => {
    const proc = child;
    if (!proc) return;
    const exited = new Promise<void>((done) => proc.once('exit', () => done()));
    proc.kill('SIGTERM');
    const killed = await Promise.race([exited.then(() => true), sleep(20_000).then(() => false)]);
    if (!killed) {
      proc.kill('SIGKILL');
      await exited;
    }
    child = null;
    // Nothing answers on the port any more (the extension must see the server down).
    await poll(
      'the API port to close',
      async () => {
        try {
          await fetch(`${base}/health`);
          return undefined;
        } catch {
          return true;
        }
      },
      { timeoutMs: 20_000, intervalMs: 200 },
    );
  };

  const call = async <T>(method: string, path: string, token?: string, body?: unknown) => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: {
        accept: 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return JSON.parse(text) as T;
  };

  await start();
  return {
    base,
    port,
    dataDir,
    output: () => log,
    running: () => child !== null,
    start,
    stop,
    call,
  };
}

export interface TestUser {
  email: string;
  name: string;
  password: string;
  token: string;
}

/** Signs up a fresh user through the API. */
export async function signUp(api: ApiServer, name = '编辑甲'): Promise<TestUser> {
  const email = `e2e-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}@example.cn`;
  const password = 'correct horse battery staple';
  const session = await api.call<{ token: string }>('POST', '/auth/signup', undefined, {
    email,
    name,
    password,
  });
  return { email, name, password, token: session.token };
}

export async function createCollection(
  api: ApiServer,
  token: string,
  name: string,
): Promise<string> {
  return (await api.call<{ id: string }>('POST', '/collections', token, { name })).id;
}

export interface ClipView {
  id: string;
  collectionId: string;
  tags: string[];
  clip: Record<string, unknown> & { title: string; url: string | null };
}

/** Every clip summary in a collection (follows the cursor). */
export async function listClips(
  api: ApiServer,
  token: string,
  collectionId: string,
): Promise<ClipView[]> {
  const all: ClipView[] = [];
  let cursor: string | null = null;
  do {
    const query = new URLSearchParams({ collection: collectionId, limit: '100' });
    if (cursor) query.set('cursor', cursor);
    const page: { clips: ClipView[]; nextCursor: string | null } = await api.call(
      'GET',
      `/clips?${query}`,
      token,
    );
    all.push(...page.clips);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}

export async function getClip(api: ApiServer, token: string, id: string): Promise<ClipView> {
  return api.call<ClipView>('GET', `/clips/${id}`, token);
}

// ---------------------------------------------------------------------------------------------
// Fixtures

export interface Fixture {
  /** `000-epaper` */
  name: string;
  file: string;
  bytes: Buffer;
  /** From the page's own `<meta charset>` / `http-equiv` declaration. */
  charset: string;
  /** The page's address in the expected file (`url`), where the extraction expects it. */
  url: string;
  expected: {
    url: string;
    now?: string;
    notes?: string;
    expect: Record<string, unknown> & { kind: 'article' | 'not-article' };
  };
}

export function loadFixture(name: string): Fixture {
  const file = join(FIXTURES_DIR, `${name}.html`);
  const bytes = readFileSync(file);
  const expected = JSON.parse(
    readFileSync(join(FIXTURES_DIR, `${name}.expected.json`), 'utf8'),
  ) as Fixture['expected'];
  // The charset the page declares (`<meta charset>` or http-equiv), read as core reads it.
  const charset = declaredCharset(bytes) ?? 'utf-8';
  return { name, file, bytes, charset, url: expected.url, expected };
}

export interface FixtureServer {
  readonly origin: string;
  /**
   * Where a fixture is served: its expected URL's path and query on this server (so a home
   * page is at `/`, and what the extractor reads from a path is still there).
   */
  urlOf(name: string): string;
  close(): Promise<void>;
}

/**
 * Serves the fixture pages with node:http, each as its bytes (GBK pages stay GBK) with the
 * charset its `<meta>` declares in Content-Type. A page is at its expected URL's path and query,
 * and also at `/fixtures/<name>.html`.
 */
export async function serveFixtures(names: string[]): Promise<FixtureServer> {
  const fixtures = names.map(loadFixture);
  const routes = new Map<string, Fixture>();
  for (const fixture of fixtures) {
    const url = new URL(fixture.url);
    const path = `${url.pathname}${url.search}`;
    if (routes.has(path)) throw new Error(`Two fixtures at ${path}`);
    routes.set(path, fixture);
    routes.set(`/fixtures/${fixture.name}.html`, fixture);
  }
  const server: Server = createHttpServer((request, response) => {
    const fixture = routes.get(request.url ?? '');
    if (!fixture) {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      response.end('not found');
      return;
    }
    response.writeHead(200, {
      'content-type': `text/html; charset=${fixture.charset}`,
      'content-length': fixture.bytes.length,
      'cache-control': 'no-store',
    });
    response.end(fixture.bytes);
  });
  const port = await freePort();
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => done());
  });
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    urlOf(name) {
      const fixture = fixtures.find((f) => f.name === name);
      if (!fixture) throw new Error(`No fixture ${name}`);
      const url = new URL(fixture.url);
      return `${origin}${url.pathname}${url.search}`;
    },
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

// ---------------------------------------------------------------------------------------------
// Chromium with the extension

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  userDataDir: string;
  /** The extension's service worker, woken when it has stopped. */
  serviceWorker(): Promise<Worker>;
  /** `chrome-extension://<id>/<path>` */
  extensionUrl(path: string): string;
  close(): Promise<void>;
}

/**
 * Chromium (Debian's) with the built extension loaded, on a persistent profile: headless, or
 * with a window on an X display (`display`, an Xvfb's) where real key presses reach it.
 */
export async function launchBrowser(
  userDataDir: string,
  extensionDir = EXTENSION_DIR,
  options: { display?: string } = {},
): Promise<ExtensionBrowser> {
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: options.display === undefined,
    ...(options.display ? { env: { ...process.env, DISPLAY: options.display } } : {}),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
    ],
  });
  const isOurs = (worker: Worker) => worker.url().startsWith('chrome-extension://');
  const first =
    context.serviceWorkers().find(isOurs) ??
    (await context.waitForEvent('serviceworker', { predicate: isOurs, timeout: 60_000 }));
  const extensionId = new URL(first.url()).host;
  const extensionUrl = (path: string) =>
    `chrome-extension://${extensionId}/${path.replace(/^\//, '')}`;

  const serviceWorker = async (): Promise<Worker> => {
    const live = context
      .serviceWorkers()
      .find((w) => w.url().startsWith(`chrome-extension://${extensionId}/`));
    if (live) return live;
    // Stopped while idle: a message from an extension page wakes it.
    const waking = context.waitForEvent('serviceworker', { timeout: 30_000 });
    const page = await context.newPage();
    try {
      await page.goto(extensionUrl('options.html'));
      await page.evaluate(() =>
        (globalThis as unknown as ChromeGlobal).chrome.runtime
          .sendMessage({ type: 'queue-changed' })
          .catch(() => undefined),
      );
      return await waking;
    } finally {
      await page.close();
    }
  };

  return {
    context,
    extensionId,
    userDataDir,
    serviceWorker,
    extensionUrl,
    close: () => context.close(),
  };
}

/** The little of `chrome.*` the harness calls inside the browser. */
export interface ChromeGlobal {
  chrome: {
    runtime: { sendMessage(message: unknown): Promise<unknown> };
    tabs: {
      query(query: object): Promise<Array<{ id?: number; url?: string; pendingUrl?: string }>>;
    };
    storage: { local: { get(keys: string[] | null): Promise<Record<string, unknown>> } };
  };
}

/** The id of the tab showing `url`, as the extension sees it. */
export async function tabIdOf(browser: ExtensionBrowser, url: string): Promise<number> {
  return poll(`a tab at ${url}`, async () => {
    const worker = await browser.serviceWorker();
    const tabs = await worker.evaluate(() =>
      (globalThis as unknown as ChromeGlobal).chrome.tabs.query({}),
    );
    return tabs.find((tab) => tab.url === url)?.id;
  });
}

/** What the extension keeps in `chrome.storage.local`. */
export async function extensionStorage(
  browser: ExtensionBrowser,
): Promise<Record<string, unknown>> {
  const worker = await browser.serviceWorker();
  return worker.evaluate(() =>
    (globalThis as unknown as ChromeGlobal).chrome.storage.local.get(null),
  );
}

/** The outbox (IndexedDB `jianbao`, store `outbox`) as an extension page reads it. */
export async function outboxItems(
  page: Page,
): Promise<Array<{ id: string; title: string; state: string }>> {
  return page.evaluate(
    () =>
      new Promise<Array<{ id: string; title: string; state: string }>>((done, fail) => {
        const open = indexedDB.open('jianbao');
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('outbox')) {
            db.close();
            return done([]);
          }
          const all = db.transaction('outbox').objectStore('outbox').getAll();
          all.onerror = () => fail(all.error);
          all.onsuccess = () => {
            db.close();
            done(all.result as Array<{ id: string; title: string; state: string }>);
          };
        };
      }),
  );
}

/**
 * Signs the extension in the way a user does: the options page, server address, email and
 * password, Sign in; then picks the default collection there.
 */
export async function signInExtension(
  browser: ExtensionBrowser,
  api: ApiServer,
  user: TestUser,
  collectionId: string,
): Promise<void> {
  const page = await browser.context.newPage();
  try {
    await page.goto(browser.extensionUrl('options.html'));
    await page.locator('input[name="server"]').fill(api.base);
    await page.locator('input[name="email"]').fill(user.email);
    await page.locator('input[name="password"]').fill(user.password);
    await page.getByRole('button', { name: /Sign in/ }).click();
    const status = page.locator('p.status[data-kind]');
    await status.waitFor({ timeout: 60_000 });
    if ((await status.getAttribute('data-kind')) !== 'ok') {
      throw new Error(`Sign-in failed on the options page: ${await status.textContent()}`);
    }
    await chooseCollection(browser, collectionId, page);
  } finally {
    await page.close();
  }
}

/** Picks the default collection on the options page and waits until the extension stored it. */
export async function chooseCollection(
  browser: ExtensionBrowser,
  collectionId: string,
  open?: Page,
): Promise<void> {
  const page = open ?? (await browser.context.newPage());
  try {
    if (!open) await page.goto(browser.extensionUrl('options.html'));
    const select = page.locator('select[name="collection"]');
    await select
      .locator(`option[value="${collectionId}"]`)
      .waitFor({ state: 'attached', timeout: 60_000 });
    await select.selectOption(collectionId);
    await poll('the default collection in storage', async () =>
      (await extensionStorage(browser)).collection === collectionId ? true : undefined,
    );
  } finally {
    if (!open) await page.close();
  }
}

/** The popup page for a tab, as the context menu opens it: `popup.html?tab=<id>`. */
export async function openPopup(
  browser: ExtensionBrowser,
  tabId: number,
  page?: Page,
): Promise<Page> {
  const popup = page ?? (await browser.context.newPage());
  await popup.goto(browser.extensionUrl(`popup.html?tab=${tabId}`));
  return popup;
}

/** An X display of its own (Xvfb), where a headed Chromium gets real key presses. */
export interface Display {
  name: string;
  /** Presses keys as a keyboard would (xdotool), on whatever window has the focus. */
  press(keys: string): void;
  stop(): Promise<void>;
}

/** Are Xvfb and xdotool installed (`apt-get install xvfb xdotool`; .ci/run installs them)? */
export const haveDisplayTools = ['/usr/bin/Xvfb', '/usr/bin/xdotool'].every((f) => existsSync(f));

/** Starts Xvfb on a free display number and waits for its socket. */
export async function startDisplay(): Promise<Display> {
  let number = 90 + Math.floor(Math.random() * 400);
  while (existsSync(`/tmp/.X11-unix/X${number}`) || existsSync(`/tmp/.X${number}-lock`)) number++;
  const name = `:${number}`;
  const server = spawn('/usr/bin/Xvfb', [name, '-screen', '0', '1280x900x24', '-nolisten', 'tcp'], {
    stdio: 'ignore',
  });
  await poll(`Xvfb on ${name}`, async () =>
    existsSync(`/tmp/.X11-unix/X${number}`) ? true : undefined,
  );
  const xdotool = (...args: string[]) =>
    execFileSync('/usr/bin/xdotool', args, { env: { ...process.env, DISPLAY: name } });
  return {
    name,
    press(keys) {
      // No window manager: the focus follows the pointer, so it goes over the browser first.
      xdotool('mousemove', '640', '450');
      xdotool('key', '--clearmodifiers', keys);
    },
    stop: () =>
      new Promise<void>((done) => {
        if (server.exitCode !== null) return done();
        server.once('exit', () => done());
        server.kill();
      }),
  };
}

/** The toolbar popup, if it is open: its URL and what its form shows, read from another page. */
export async function toolbarPopup(control: Page): Promise<{
  url: string;
  previewMs: number | null;
  title: string | null;
  status: string | null;
} | null> {
  return control.evaluate(() => {
    const chrome = (
      globalThis as unknown as {
        chrome: { extension: { getViews(filter: { type: string }): Window[] } };
      }
    ).chrome;
    const [view] = chrome.extension.getViews({ type: 'popup' });
    if (!view) return null;
    const doc = view.document;
    const ms = doc.querySelector('#app')?.getAttribute('data-preview-ms');
    return {
      url: view.location.href,
      previewMs: ms ? Number(ms) : null,
      title: (doc.querySelector('[name="title"]') as HTMLInputElement | null)?.value ?? null,
      status: doc.querySelector('p.status[data-kind]')?.getAttribute('data-kind') ?? null,
    };
  });
}

/** Clicks a button of the open toolbar popup. */
export async function clickInToolbarPopup(control: Page, selector: string): Promise<void> {
  await control.evaluate((sel) => {
    const chrome = (
      globalThis as unknown as {
        chrome: { extension: { getViews(filter: { type: string }): Window[] } };
      }
    ).chrome;
    const [view] = chrome.extension.getViews({ type: 'popup' });
    const button = view?.document.querySelector(sel) as HTMLButtonElement | null;
    if (!button) throw new Error(`no ${sel} in the toolbar popup`);
    button.click();
  }, selector);
}
