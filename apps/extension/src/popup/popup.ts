import type { Clip } from '@jianbao/core/light';
import { ApiClient, type CollectionView } from '../api/client';
import type { Capture } from '../capture/capture';
import { enqueueClips } from '../queue/enqueue';
import type { Outbox } from '../queue/outbox';
import { type Account, accountItem, collectionItem } from '../settings/settings';
import { el } from './dom';
import {
  applyEdits,
  FORM_FIELDS,
  type FormKey,
  formValues,
  parseTags,
  tagSuggestions,
} from './form';
import { queueView } from './queue-view';
import { similarView } from './similar-view';

/** What the popup needs from the extension around it; tests give their own. */
export interface PopupDeps {
  /** Runs the clipper in the tab being clipped. */
  capture(): Promise<Capture>;
  outbox(): Promise<Outbox>;
  /** Asks the background to send the queue now; resolves when that flush has ended. */
  flush(): Promise<unknown>;
  openOptions(): void;
  /** performance.now() of the popup's opening: the preview's time is measured from it. */
  openedAt: number;
  now?: () => number;
  fetch?: typeof fetch;
}

interface ClipForm {
  clip: Clip;
  inputs: Record<FormKey, HTMLInputElement | HTMLTextAreaElement>;
  errors: Record<FormKey | 'form', HTMLElement>;
  tags: HTMLInputElement;
  similar: HTMLElement;
}

/**
 * The clip form: what will be saved, extracted from the live page, each field editable; the
 * collection (remembered); tags with the taxonomy's suggestions; whether the story is already in
 * the team's collections. Saving writes to the outbox first and then asks for delivery, so a clip
 * saved while the server is down is kept and sent later.
 */
export async function mountPopup(root: HTMLElement, deps: PopupDeps): Promise<void> {
  const now = deps.now ?? (() => performance.now());
  const status = el('p', { class: 'status', role: 'status' }, '读取页面… Reading the page…');
  const main = el('main', {});
  const queue = el('div', {});
  root.replaceChildren(el('header', {}, el('h1', {}, '剪报 Jianbao')), status, main, queue);

  const outbox = await deps.outbox();
  const showQueue = async () => {
    queue.replaceChildren(
      queueView(await outbox.all(), {
        retry: (id) => void outbox.retry(id).then(deps.flush).then(showQueue),
        discard: (id) => void outbox.discard(id).then(deps.flush).then(showQueue),
      }),
    );
  };
  void showQueue();

  const account = await accountItem.getValue();
  if (!account) {
    status.textContent = '请先登录 Sign in first: set the server and your token in the options.';
    main.replaceChildren(
      el('button', { type: 'button', onclick: () => deps.openOptions() }, '设置 Options'),
    );
    return;
  }
  const client = new ApiClient({
    baseUrl: account.server,
    token: account.token,
    fetch: deps.fetch,
  });

  let capture: Capture;
  try {
    capture = await deps.capture();
  } catch (error) {
    status.textContent = error instanceof Error ? error.message : String(error);
    status.dataset.kind = 'error';
    return;
  }
  if (capture.kind === 'not-article') {
    status.textContent = `不是文章 Not an article: ${capture.message}`;
    status.dataset.kind = 'not-article';
    root.dataset.reason = capture.reason;
    return;
  }

  const collections = await loadCollections(client, account);
  const collection = collectionPicker(collections.list, await collectionItem.getValue());
  const forms = capture.clips.map((clip) => clipForm(clip));
  const save = el(
    'button',
    { type: 'submit', class: 'save' },
    capture.clips.length > 1 ? `保存 Save ${capture.clips.length} clips` : '保存 Save',
  );
  const form = el(
    'form',
    {},
    collections.error ? el('p', { class: 'error' }, collections.error) : null,
    el('label', { class: 'field' }, '收藏夹 Collection', collection),
    ...forms.map((f, i) => clipSection(f, i, capture.clips.length)),
    save,
  );
  main.replaceChildren(form);
  status.textContent =
    capture.mode === 'selection'
      ? `选中文字 From the selection: ${capture.clips.length} stor${capture.clips.length > 1 ? 'ies' : 'y'}.`
      : '预览 Check the fields, then save.';
  root.dataset.previewMs = String(Math.round(now() - deps.openedAt));
  root.dataset.extractMs = String(Math.round(capture.extractMs));

  const check = () => {
    for (const f of forms) {
      f.similar.replaceChildren(el('p', { class: 'note' }, '查重… Checking your collections…'));
      const checked = applyEdits(f.clip, readValues(f));
      if (!checked.ok) continue;
      client
        .similarCheck(checked.draft, collection.value || undefined)
        .then((result) => f.similar.replaceChildren(similarView(result)))
        .catch((error: Error) =>
          f.similar.replaceChildren(
            el(
              'p',
              { class: 'note', 'data-similar': 'unknown' },
              `查重失败 Could not check: ${error.message}`,
            ),
          ),
        );
    }
  };
  collection.addEventListener('change', check);
  check();

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void (async () => {
      const outgoing = [];
      for (const f of forms) {
        for (const node of Object.values(f.errors)) node.textContent = '';
        const checked = applyEdits(f.clip, readValues(f));
        if (!checked.ok) {
          for (const [key, message] of Object.entries(checked.errors)) {
            f.errors[key as FormKey | 'form'].textContent = message;
          }
          status.textContent = '请改正 Fix the marked fields.';
          return;
        }
        outgoing.push({ draft: checked.draft, tags: parseTags(f.tags.value) });
      }
      if (!collection.value) {
        status.textContent = '请选择收藏夹 Pick a collection.';
        return;
      }
      save.disabled = true;
      await collectionItem.setValue(collection.value);
      const requests = await enqueueClips(outbox, collection.value, outgoing);
      status.textContent = '已存入队列 Saved in the extension; sending…';
      await deps.flush().catch(() => undefined);
      const left = new Set((await outbox.all()).map((item) => item.id));
      const sent = requests.filter((r) => !left.has(r.id)).length;
      status.textContent =
        sent === requests.length
          ? `已保存 Saved to the server (${sent}).`
          : `已存入队列 Kept in the queue: ${requests.length - sent} will be sent when the server answers.`;
      status.dataset.kind = sent === requests.length ? 'saved' : 'queued';
      await showQueue();
    })();
  });
}

async function loadCollections(
  client: ApiClient,
  account: Account,
): Promise<{ list: CollectionView[]; error?: string }> {
  try {
    const list = (await client.collections()).filter((c) => c.role !== 'viewer');
    if (list.length === 0) {
      return {
        list,
        error: `No collection you can write to on ${account.server}: create one first.`,
      };
    }
    return { list };
  } catch (error) {
    // Offline: the remembered collection still takes the clip into the queue.
    return {
      list: [],
      error: `收藏夹读取失败 Collections unavailable: ${(error as Error).message}`,
    };
  }
}

function collectionPicker(list: CollectionView[], remembered: string | null): HTMLSelectElement {
  const select = el('select', { name: 'collection' });
  const known = list.some((c) => c.id === remembered);
  if (remembered && !known)
    select.append(el('option', { value: remembered }, '上次的收藏夹 Last used collection'));
  for (const c of list) select.append(el('option', { value: c.id }, c.name));
  if (remembered) select.value = remembered;
  return select;
}

function clipForm(clip: Clip): ClipForm {
  const values = formValues(clip);
  const inputs = {} as ClipForm['inputs'];
  const errors = { form: el('p', { class: 'error' }) } as Partial<ClipForm['errors']>;
  for (const field of FORM_FIELDS) {
    inputs[field.key] =
      field.kind === 'body'
        ? el('textarea', { name: field.key, rows: 6 }, values[field.key])
        : el('input', { name: field.key, value: values[field.key] });
    errors[field.key] = el('span', { class: 'error' });
  }
  return {
    clip,
    inputs,
    errors: errors as ClipForm['errors'],
    tags: el('input', { name: 'tags', placeholder: '标签 tags, separated by ，' }),
    similar: el('div', { class: 'similar-box' }),
  };
}

function clipSection(f: ClipForm, index: number, count: number): HTMLElement {
  const suggestions = tagSuggestions(f.clip);
  const addTag = (tag: string) => {
    f.tags.value = [...parseTags(f.tags.value), tag]
      .filter((t, i, all) => all.indexOf(t) === i)
      .join('，');
  };
  return el(
    'fieldset',
    { class: 'clip', 'data-index': index },
    count > 1 ? el('legend', {}, `${index + 1} / ${count}`) : null,
    f.similar,
    ...FORM_FIELDS.map((field) =>
      el(
        'label',
        { class: `field ${field.kind}` },
        field.label,
        f.inputs[field.key],
        f.errors[field.key],
      ),
    ),
    el('label', { class: 'field' }, '标签 Tags', f.tags),
    suggestions.length > 0
      ? el(
          'p',
          { class: 'suggestions' },
          ...suggestions.map((tag) =>
            el('button', { type: 'button', class: 'chip', onclick: () => addTag(tag) }, tag),
          ),
        )
      : null,
    f.errors.form,
  );
}

function readValues(f: ClipForm): Record<FormKey, string> {
  const values = {} as Record<FormKey, string>;
  for (const field of FORM_FIELDS) values[field.key] = f.inputs[field.key].value;
  return values;
}
