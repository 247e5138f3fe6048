import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { Courier, RETRY_ALARM } from '../src/background/courier';
import { clipTabNow, MENU, onMenuClick } from '../src/background/menus';
import { draftFromClip, enqueueClips } from '../src/queue/enqueue';
import { Outbox } from '../src/queue/outbox';
import { accountItem, collectionItem } from '../src/settings/settings';
import { fixtureClip } from './seeds';

let boxes = 0;
let outbox: Outbox;
let site: Server;
let siteUrl: string;

beforeAll(async () => {
  // A GBK news page on a local server: the link menu fetches it for real.
  site = createServer((req, res) => {
    const html = `<!doctype html><html><head><meta charset="gbk"><title>卫健委发布通知</title></head><body><article><h1>卫健委发布通知</h1><p>${'本报讯 全省医院开展党建工作。'.repeat(20)}</p></article></body></html>`;
    res.writeHead(req.url === '/gone' ? 404 : 200, { 'content-type': 'text/html' });
    res.end(iconv.encode(html, 'gbk'));
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => site.close(resolve)));
beforeEach(async () => {
  fakeBrowser.reset();
  outbox = await Outbox.open(`background-${++boxes}`);
});

const signIn = async () => {
  await accountItem.setValue({
    server: 'http://127.0.0.1:9',
    token: 'jb_x',
    user: { id: '0190f5c2-0000-7000-8000-000000000009', email: 'a@example.cn', name: '甲' },
  });
  await collectionItem.setValue('0190f5c2-0000-7000-8000-00000000000c');
};

describe('the courier', () => {
  it('shows how many clips wait on the badge, and schedules the next retry', async () => {
    const courier = new Courier(async () => outbox);
    await courier.showQueue();
    expect(await fakeBrowser.action.getBadgeText({})).toBe('');
    await enqueueClips(outbox, 'c1', [
      { draft: draftFromClip(fixtureClip('000-epaper')), tags: [] },
    ]);
    await courier.showQueue();
    expect(await fakeBrowser.action.getBadgeText({})).toBe('1');
    expect(await fakeBrowser.action.getTitle({})).toContain('1 waiting');
    expect(await fakeBrowser.alarms.get(RETRY_ALARM)).toBeDefined();
  });

  it('sends nothing and keeps everything while signed out', async () => {
    await enqueueClips(outbox, 'c1', [
      { draft: draftFromClip(fixtureClip('000-epaper')), tags: [] },
    ]);
    expect(await new Courier(async () => outbox).flush()).toBeNull();
    expect((await outbox.all()).length).toBe(1);
  });

  it('postpones delivery when the server is down (a closed port)', async () => {
    await signIn();
    await enqueueClips(outbox, 'c1', [
      { draft: draftFromClip(fixtureClip('000-epaper')), tags: [] },
    ]);
    const report = await new Courier(async () => outbox).flush();
    expect(report).toEqual({ delivered: 0, failed: 0, postponed: 1 });
    expect((await outbox.all())[0]!.lastError?.code).toBe('network');
  });
});

describe('the context menu', () => {
  it('queues a linked page, decoded from GBK, for the server to extract', async () => {
    await signIn();
    const outcome = await onMenuClick(
      {
        menuItemId: MENU.link,
        linkUrl: `${siteUrl}/news`,
        editable: false,
        frameId: 0,
        pageUrl: siteUrl,
      },
      undefined,
      async () => outbox,
    );
    expect(outcome).toEqual({ kind: 'queued', count: 1 });
    const [item] = await outbox.all();
    expect(item!.title).toBe('卫健委发布通知');
    expect(item!.request.page?.html).toContain('全省医院开展党建工作');
    expect(item!.collectionId).toBe(await collectionItem.getValue());
  });

  it('says why a link cannot be clipped, and asks for setup when signed out', async () => {
    const click = {
      menuItemId: MENU.link,
      linkUrl: `${siteUrl}/gone`,
      editable: false,
      frameId: 0,
      pageUrl: siteUrl,
    };
    expect(await onMenuClick(click, undefined, async () => outbox)).toEqual({
      kind: 'needs-setup',
    });
    await signIn();
    const outcome = await onMenuClick(click, undefined, async () => outbox);
    expect(outcome.kind).toBe('error');
    expect(outcome.kind === 'error' && outcome.message).toContain('404');
    expect(await outbox.all()).toEqual([]);
  });

  it('the shortcut asks for setup before anything is clipped', async () => {
    expect(await clipTabNow(1, async () => outbox)).toEqual({ kind: 'needs-setup' });
  });
});
