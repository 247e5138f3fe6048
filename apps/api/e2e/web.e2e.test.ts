import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { toTraditional } from '@jianbao/core';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, call, seedDrafts, startApi, teamOfThree, uuidv7 } from '../test/harness';

// The team's pages as a person uses them: Debian's Chromium against the API on a loopback
// port, a team of three, the seeds imported (with a traditional-script copy of one, so the
// collection has a near-duplicate group). Screenshots of each page go to docs/web/.

const SHOTS = fileURLToPath(new URL('../../../docs/web/', import.meta.url));
const PASSWORD = 'correct horse battery';

let api: Api;
let server: ReturnType<typeof serve>;
let base: string;
let browser: Browser;
let people: Awaited<ReturnType<typeof teamOfThree>>;
let ids: string[];
let traditionalId: string;
let hostileId: string;

beforeAll(async () => {
  api = await startApi({ deps: { rateLimit: { limit: 100_000, windowMs: 60_000 } } });
  server = serve({ fetch: api.app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  people = await teamOfThree(api.app);
  const drafts = seedDrafts();
  ids = drafts.map(() => uuidv7());
  const first = drafts[0]!;
  traditionalId = uuidv7();
  hostileId = uuidv7();
  const items = [
    ...drafts.map((draft, i) => ({ id: ids[i], draft, tags: i === 0 ? ['头版'] : [] })),
    {
      id: traditionalId,
      draft: {
        ...first,
        title: toTraditional(first.title),
        text: toTraditional(first.text),
        html: undefined,
        url: 'https://example.tw/repost',
      },
    },
    {
      id: hostileId,
      draft: {
        title: '<script>window.__pwned = "title"</script>带脚本的剪报',
        url: 'https://example.cn/hostile',
        text: '这是一篇带有恶意代码的文章。'.repeat(20),
        html:
          '<p>正文第一段。</p><script>window.__pwned = "script"</script>' +
          '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" onerror="window.__pwned = \'onerror\'">' +
          '<p><a id="bad" href="javascript:window.__pwned = \'link\'">点我</a></p>' +
          '<iframe src="javascript:parent.__pwned = \'iframe\'"></iframe>',
      },
    },
  ];
  const reply = await call(api.app, 'POST', `/collections/${people.collection.id}/clips/batch`, {
    token: people.editor.token,
    body: { items },
  });
  expect(reply.body.results.map((r: { status: string }) => r.status)).not.toContain('invalid');
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  mkdirSync(SHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  await api?.close();
});

async function signedIn(email: string, locale = 'zh-CN'): Promise<Page> {
  const context = await browser.newContext({ locale, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.on('dialog', (dialog) => dialog.accept());
  await page.goto(`${base}/app`);
  await page.waitForURL('**/app/signin**');
  await page.fill('input[name="email"]', email);
  await page.fill('input[name="password"]', PASSWORD);
  await page.click('main button[type="submit"]');
  await page.waitForURL(`${base}/app`);
  return page;
}

const shot = (page: Page, name: string) =>
  page.screenshot({ path: `${SHOTS}${name}.png`, fullPage: false });

describe('an editor of the team', () => {
  let page: Page;
  beforeAll(async () => {
    page = await signedIn(people.editor.email);
  });

  it('signs in and sees the team and its collection', async () => {
    await expect(page.locator('h2', { hasText: '健康报剪报组' })).toBeTruthy();
    await shot(page, 'home');
    await page.click('a:text("党建")');
    await page.waitForURL(`**/app/collections/${people.collection.id}`);
    expect(await page.locator('li.clip').count()).toBe(ids.length + 2);
    await shot(page, 'collection');
  });

  it('filters by a facet and by date', async () => {
    await page.click('.facet a:text("头版")');
    await expect.poll(() => page.locator('li.clip').count()).toBe(1);
    await page.click('a:text("清除筛选")');
    await expect.poll(() => page.locator('li.clip').count()).toBe(ids.length + 2);
    const kinds = page.locator('.facet').first().locator('li');
    expect(await kinds.count()).toBeGreaterThan(1);
  });

  it('searches in Chinese through an IME: nothing is sent until the composition ends', async () => {
    const searches: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('partial=browse'))
        searches.push(new URL(request.url()).searchParams.get('q') ?? '');
    });
    const box = page.locator('input[type="search"]');
    await box.click();
    const cdp = await page.context().newCDPSession(page);
    for (const text of ['y', 'yi', 'yiy', 'yiyu', 'yiyua', 'yiyuan']) {
      await cdp.send('Input.imeSetComposition', {
        text,
        selectionStart: text.length,
        selectionEnd: text.length,
      });
      await page.waitForTimeout(120);
    }
    await page.waitForTimeout(600);
    expect(searches).toEqual([]);
    await cdp.send('Input.insertText', { text: '医院' });
    await expect.poll(() => page.evaluate(() => document.body.dataset.searched)).toBe('医院');
    expect(searches.every((q) => !/[a-z]/.test(q))).toBe(true);
    expect(await box.inputValue()).toBe('医院');
    expect(page.url()).toContain(`q=${encodeURIComponent('医院')}`);
    expect(await page.locator('li.clip mark').count()).toBeGreaterThan(0);
    await shot(page, 'search');
  });

  it('opens a clip in the reader view with its near-duplicates', async () => {
    await page.goto(`${base}/app/clips/${ids[0]}`);
    expect(await page.locator('article.reader h1').textContent()).toBeTruthy();
    expect(await page.locator('form[action$="/delete"]').count()).toBe(1);
    await expect
      .poll(() => page.locator('ul.matches a').allTextContents())
      .toContain(toTraditional(seedDrafts()[0]!.title));
    await shot(page, 'clip');
  });

  it('resolves a duplicate group: keeps one and deletes the other', async () => {
    await page.goto(`${base}/app/collections/${people.collection.id}/duplicates`);
    const group = page.locator('section.group').first();
    expect(await group.locator('article.copy').count()).toBe(2);
    await shot(page, 'duplicates');
    await group.locator('button[value="delete-others"]').click();
    await page.waitForLoadState('load');
    await expect.poll(() => page.locator('p.flash').textContent()).toContain('1');
    const remaining = await Promise.all(
      [ids[0]!, traditionalId].map(
        async (id) =>
          (await call(api.app, 'GET', `/clips/${id}`, { token: people.owner.token })).status,
      ),
    );
    expect(remaining.sort()).toEqual([200, 404]);
  });

  it('shows the overview as charts', async () => {
    await page.goto(`${base}/app/collections/${people.collection.id}/overview`);
    expect(await page.locator('svg').count()).toBeGreaterThanOrEqual(2);
    await shot(page, 'overview');
  });

  it('exports from the dialog', async () => {
    await page.goto(`${base}/app/collections/${people.collection.id}`);
    await page.click('button[data-open-dialog="export-dialog"]');
    await page.check('input[name="format"][value="csv"]');
    await shot(page, 'export');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('#export-dialog button[type="submit"]'),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const path = await download.path();
    const { readFileSync } = await import('node:fs');
    const text = readFileSync(path, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text.split('\n').length).toBeGreaterThan(3);
  });
});

describe('stored HTML', () => {
  it('cannot run script: not as a <script>, not as onerror=, not as a javascript: link', async () => {
    const page = await signedIn(people.viewer.email);
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    await page.goto(`${base}/app/clips/${hostileId}`);
    expect(await page.locator('article.reader h1').textContent()).toContain('<script>');
    const bad = page.locator('#bad, article.reader a:text("点我")');
    if ((await bad.count()) > 0)
      await bad
        .first()
        .click({ noWaitAfter: true })
        .catch(() => undefined);
    await page.waitForTimeout(300);
    expect(
      await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned),
    ).toBeUndefined();
    expect(
      await page.locator('article.reader script, article.reader iframe, [onerror]').count(),
    ).toBe(0);
  });
});

describe('a viewer', () => {
  it('sees no editing controls', async () => {
    const page = await signedIn(people.viewer.email, 'en-US');
    await page.goto(`${base}/app/clips/${ids[1]}`);
    expect(await page.locator('form[action$="/delete"], input[name="title"]').count()).toBe(0);
    expect(await page.locator('.side').textContent()).toContain('You are a viewer');
    await page.goto(`${base}/app/collections/${people.collection.id}/duplicates`);
    expect(
      await page.locator('button[value="delete-others"], button[value="canonical"]').count(),
    ).toBe(0);
  });
});
