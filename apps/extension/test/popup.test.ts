import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ApiClient } from '../src/api/client';
import { type Capture, capturePage, captureText } from '../src/capture/capture';
import { mountPopup, type PopupDeps } from '../src/popup/popup';
import { flushOutbox } from '../src/queue/deliver';
import { Outbox } from '../src/queue/outbox';
import { accountItem, collectionItem } from '../src/settings/settings';
import { SERVER, startApi, type TestApi } from './api';
import { installDom, until } from './dom';
import { fixturePage, seedText } from './seeds';

let api: TestApi;
let user: Awaited<ReturnType<TestApi['member']>>;
let boxes = 0;

beforeAll(async () => {
  api = await startApi();
  user = await api.member('编辑乙');
});
afterAll(() => api.close());
beforeEach(async () => {
  api.network.offline = false;
  await accountItem.setValue({
    server: SERVER,
    token: user.token,
    user: { id: user.user.id, email: user.email, name: user.user.name },
  });
  await collectionItem.setValue(user.collectionId);
});

/** The popup on a page, with its own outbox, delivering through the real API. */
async function open(capture: () => Capture) {
  const root = installDom();
  const outbox = await Outbox.open(`popup-${++boxes}`);
  const client = new ApiClient({ baseUrl: SERVER, token: user.token, fetch: api.fetch });
  const deps: PopupDeps = {
    capture: async () => capture(),
    outbox: async () => outbox,
    flush: () => flushOutbox(outbox, client),
    openOptions: () => undefined,
    openedAt: performance.now(),
    fetch: api.fetch,
  };
  await mountPopup(root, deps);
  const input = (name: string, index = 0) =>
    root.querySelectorAll<HTMLInputElement>(`fieldset.clip [name="${name}"]`)[index]!;
  const status = () => root.querySelector<HTMLElement>('p.status')!;
  const save = () =>
    root
      .querySelector('form')!
      .dispatchEvent(new document.defaultView!.Event('submit', { cancelable: true }));
  return { root, outbox, input, status, save };
}

const page = (name: string) => () =>
  capturePage(fixturePage(name), `https://example.cn/${name}.html`, null);

describe('the clip form', () => {
  it('previews the extracted fields, saves the edited clip, and the server has it', async () => {
    const popup = await open(page('000-epaper'));
    expect(popup.root.dataset.previewMs).toMatch(/^\d+$/);
    expect(popup.input('title').value).toBe('校地共建筑峰提质');
    expect(popup.input('subtitle').value).toBe('党建赋能加速发展');
    expect(popup.input('newspaper').value).not.toBe('');
    await until(() => popup.root.querySelector('[data-similar="none"]'));
    // Tag suggestions come from the taxonomy.
    const chip = popup.root.querySelector<HTMLButtonElement>('button.chip');
    expect(chip).not.toBeNull();
    chip!.click();
    popup.input('title').value = '校地共建 筑峰提质';
    popup.save();
    await until(() => popup.status().dataset.kind === 'saved');
    const stored = await api.clipsIn(user.collectionId, user.token);
    const mine = stored.find((c) => c.clip.title === '校地共建 筑峰提质');
    expect(mine).toBeDefined();
    const full = await api.call<{ tags: string[]; clip: { subtitle: string } }>(
      'GET',
      `/clips/${mine!.id}`,
      user.token,
    );
    expect(full.tags).toEqual([chip!.textContent]);
    expect(full.clip.subtitle).toBe('党建赋能加速发展');
    expect(await popup.outbox.all()).toEqual([]);
  });

  it('warns that a story is already in the collection', async () => {
    const first = await open(page('001-portal'));
    first.save();
    await until(() => first.status().dataset.kind === 'saved');
    const again = await open(page('001-portal'));
    const warning = await until(() =>
      again.root.querySelector<HTMLElement>('[data-similar="already"]'),
    );
    expect(warning.textContent).toContain('编辑乙');
    // Found by URL and by text, the stored clip is listed once.
    expect(warning.querySelectorAll('li').length).toBe(1);
  });

  it('keeps the clip in the queue while the server is unreachable, and says so', async () => {
    const popup = await open(page('002-gov-hant'));
    await until(() => popup.root.querySelector('[data-similar]'));
    api.network.offline = true;
    popup.save();
    await until(() => popup.status().dataset.kind === 'queued');
    const queued = await until(() => popup.root.querySelector<HTMLElement>('li.queued'));
    expect(queued.dataset.state).toBe('waiting');
    expect(queued.textContent).toContain('cannot be reached');
    expect((await popup.outbox.all()).length).toBe(1);
  });

  it('refuses an impossible date in the form and queues nothing', async () => {
    const popup = await open(page('004-hospital-wechat'));
    popup.input('publishedAt').value = '2024-02-30';
    popup.save();
    await until(() => popup.root.querySelector('.error')?.textContent);
    expect(popup.root.querySelector('label.field .error:not(:empty)')?.textContent).toContain(
      '2024-05-01',
    );
    expect(await popup.outbox.all()).toEqual([]);
  });

  it('says when the page is not an article', async () => {
    const home = 'https://www.jkzg.example.cn/';
    const popup = await open(() => capturePage(fixturePage('not-article-home', home), home, null));
    expect(popup.status().dataset.kind).toBe('not-article');
    expect(popup.root.dataset.reason).toBe('home-page');
    expect(popup.root.querySelector('form')).toBeNull();
  });

  it('makes several clips of a selection holding several stories (a PDF page)', async () => {
    const popup = await open(() =>
      captureText(seedText('003_b5fd25ce164c3633.txt'), 'https://example.cn/page.pdf'),
    );
    const sections = popup.root.querySelectorAll('fieldset.clip');
    expect(sections.length).toBeGreaterThan(3);
    popup.save();
    await until(() => popup.status().dataset.kind === 'saved');
    const titles = (await api.clipsIn(user.collectionId, user.token)).map((c) => c.clip.title);
    expect(titles).toContain(popup.input('title', 1).value);
  });

  it('asks to sign in first', async () => {
    await accountItem.setValue(null);
    const popup = await open(page('000-epaper'));
    expect(popup.status().textContent).toContain('Sign in');
  });
});
