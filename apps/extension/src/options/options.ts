import { ApiClient, ApiFailure, normalizeServerUrl } from '../api/client';
import { el } from '../popup/dom';
import { accountItem, collectionItem, serverItem } from '../settings/settings';

export interface OptionsDeps {
  /** The extension's shortcuts as the browser has them (commands.getAll). */
  shortcuts(): Promise<Array<{ name?: string; description?: string; shortcut?: string }>>;
  /** Opens the browser's own shortcut settings (chrome://extensions/shortcuts). */
  editShortcuts(): void;
  fetch?: typeof fetch;
}

/** A failure as the options page says it: what went wrong and what to do. */
export function explainSignInFailure(error: unknown, server: string): string {
  if (!(error instanceof ApiFailure)) return String(error);
  if (error.code === 'invalid-server') return error.message;
  if (error.status === 0) {
    return `No answer from ${server}. Is the server running (pnpm start) and the address right?`;
  }
  if (error.status === 401) {
    return error.code === 'invalid-credentials' || error.code === 'bad-credentials'
      ? 'Wrong email or password.'
      : 'The server did not accept these credentials (wrong password, or a revoked token).';
  }
  if (error.status === 400)
    return `The server refused the ${error.field ?? 'request'}: ${error.message}`;
  if (error.status === 429) return 'Too many attempts: wait a minute and try again.';
  return `The server answered ${error.status}: ${error.message}`;
}

/**
 * Options: the server's address, signing in (email and password, which get a token named for
 * this browser, or a token made elsewhere), the default collection, the shortcuts.
 */
export async function mountOptions(root: HTMLElement, deps: OptionsDeps): Promise<void> {
  const account = await accountItem.getValue();
  const server = el('input', {
    name: 'server',
    value: account?.server ?? (await serverItem.getValue()),
  });
  const email = el('input', { name: 'email', type: 'email', autocomplete: 'username' });
  const password = el('input', {
    name: 'password',
    type: 'password',
    autocomplete: 'current-password',
  });
  const token = el('input', { name: 'token', placeholder: 'jb_… (instead of email and password)' });
  const message = el('p', { class: 'status', role: 'status' });
  const who = el('p', { class: 'who' });
  const collections = el('select', { name: 'collection' });
  const shortcuts = el('ul', {});

  const say = (text: string, kind: 'error' | 'ok') => {
    message.textContent = text;
    message.dataset.kind = kind;
  };

  const showAccount = async () => {
    const current = await accountItem.getValue();
    who.textContent = current
      ? `已登录 Signed in to ${current.server} as ${current.user.name} <${current.user.email}>.`
      : '未登录 Not signed in.';
    collections.replaceChildren();
    if (!current) return;
    try {
      const client = new ApiClient({
        baseUrl: current.server,
        token: current.token,
        fetch: deps.fetch,
      });
      const list = (await client.collections()).filter((c) => c.role !== 'viewer');
      const chosen = await collectionItem.getValue();
      for (const c of list) collections.append(el('option', { value: c.id }, c.name));
      if (chosen && list.some((c) => c.id === chosen)) collections.value = chosen;
      else if (list[0]) await collectionItem.setValue(list[0].id);
    } catch (error) {
      say(explainSignInFailure(error, current.server), 'error');
    }
  };

  const signIn = async (event: Event) => {
    event.preventDefault();
    let base: string;
    try {
      base = normalizeServerUrl(server.value);
    } catch (error) {
      return say(explainSignInFailure(error, server.value), 'error');
    }
    await serverItem.setValue(base);
    try {
      let secret = token.value.trim();
      if (!secret) {
        if (!email.value || !password.value) {
          return say('Give your email and password, or paste a token.', 'error');
        }
        const client = new ApiClient({ baseUrl: base, fetch: deps.fetch });
        secret = (
          await client.signIn(
            email.value.trim(),
            password.value,
            `Extension on ${navigator.userAgent.includes('Firefox') ? 'Firefox' : 'Chrome'}`,
          )
        ).token;
      }
      const user = await new ApiClient({ baseUrl: base, token: secret, fetch: deps.fetch }).me();
      await accountItem.setValue({ server: base, token: secret, user });
      password.value = '';
      token.value = '';
      say('已登录 Signed in.', 'ok');
      await showAccount();
    } catch (error) {
      say(explainSignInFailure(error, base), 'error');
    }
  };

  collections.addEventListener('change', () => void collectionItem.setValue(collections.value));
  for (const command of await deps.shortcuts()) {
    shortcuts.append(
      el(
        'li',
        {},
        `${command.description ?? command.name}: `,
        el('kbd', {}, command.shortcut || 'not set'),
      ),
    );
  }

  root.replaceChildren(
    el('h1', {}, '剪报 Jianbao: options'),
    el(
      'form',
      { onsubmit: (event: Event) => void signIn(event) },
      el('label', { class: 'field' }, '服务器 Server', server),
      el('label', { class: 'field' }, '邮箱 Email', email),
      el('label', { class: 'field' }, '密码 Password', password),
      el('label', { class: 'field' }, '令牌 Or a token', token),
      el('button', { type: 'submit' }, '登录 Sign in'),
      el(
        'button',
        { type: 'button', onclick: () => void accountItem.setValue(null).then(showAccount) },
        '退出 Sign out',
      ),
    ),
    message,
    who,
    el('label', { class: 'field' }, '默认收藏夹 Default collection', collections),
    el('h2', {}, '快捷键 Shortcuts'),
    shortcuts,
    el('button', { type: 'button', onclick: () => deps.editShortcuts() }, 'Change shortcuts'),
  );
  await showAccount();
}
