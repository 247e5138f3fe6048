import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, call, seedDrafts, signUp, startApi, teamOfThree, uuidv7 } from './harness';

// The web pages through app.request, as a browser without script would use them: a cookie
// jar, forms posted with their Origin, redirects followed by hand.

const ORIGIN = 'http://localhost';

class Browser {
  cookies = new Map<string, string>();
  constructor(private readonly api: Api) {}

  async request(
    method: string,
    path: string,
    form?: Record<string, string | string[]>,
    headers: Record<string, string> = {},
  ) {
    const init: RequestInit = { method, headers: { accept: 'text/html', ...headers } };
    const all = init.headers as Record<string, string>;
    if (this.cookies.size > 0) {
      all.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    }
    if (form) {
      const body = new URLSearchParams();
      for (const [key, value] of Object.entries(form)) {
        for (const v of Array.isArray(value) ? value : [value]) body.append(key, v);
      }
      init.body = body.toString();
      all['content-type'] = 'application/x-www-form-urlencoded';
      all.origin ??= ORIGIN;
    }
    const response = await this.api.app.request(`${ORIGIN}${path}`, init);
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, ...rest] = pair!.split('=');
      const value = rest.join('=');
      if (/Max-Age=0|Expires=Thu, 01 Jan 1970/i.test(line) || value === '')
        this.cookies.delete(name!);
      else this.cookies.set(name!, value);
    }
    return {
      status: response.status,
      location: response.headers.get('location'),
      headers: response.headers,
      text: await response.text(),
    };
  }

  get(path: string) {
    return this.request('GET', path);
  }
  post(path: string, form: Record<string, string | string[]>, headers?: Record<string, string>) {
    return this.request('POST', path, form, headers);
  }

  async signIn(email: string) {
    const reply = await this.post('/app/signin', { email, password: 'correct horse battery' });
    expect(reply.status).toBe(303);
    return reply;
  }
}

let api: Api;
let people: Awaited<ReturnType<typeof teamOfThree>>;
let clipIds: string[];

beforeAll(async () => {
  api = await startApi();
  people = await teamOfThree(api.app);
  const drafts = seedDrafts();
  clipIds = drafts.map(() => uuidv7());
  const reply = await call(api.app, 'POST', `/collections/${people.collection.id}/clips/batch`, {
    token: people.editor.token,
    body: {
      items: drafts.map((draft, i) => ({ id: clipIds[i], draft, tags: i === 0 ? ['头版'] : [] })),
    },
  });
  expect(reply.status).toBe(200);
});
afterAll(() => api.close());

describe('signing in', () => {
  it('sends a browser to the sign-in page, and back where it was going after', async () => {
    const browser = new Browser(api);
    expect((await browser.get('/')).location).toBe('/app');
    const first = await browser.get(`/app/collections/${people.collection.id}`);
    expect(first.status).toBe(302);
    expect(first.location).toBe(`/app/signin?next=%2Fapp%2Fcollections%2F${people.collection.id}`);
    const page = await browser.get(first.location!);
    expect(page.text).toContain('name="password"');
    const signedIn = await browser.post('/app/signin', {
      email: people.viewer.email,
      password: 'correct horse battery',
      next: `/app/collections/${people.collection.id}`,
    });
    expect(signedIn.location).toBe(`/app/collections/${people.collection.id}`);
    const cookie = signedIn.headers.getSetCookie().join('\n');
    expect(cookie).toMatch(/jianbao_session=.*HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect((await browser.get(signedIn.location!)).status).toBe(200);
  });

  it('says a wrong password plainly, and never redirects elsewhere', async () => {
    const browser = new Browser(api);
    const wrong = await browser.post('/app/signin', {
      email: people.owner.email,
      password: 'nope',
    });
    expect(wrong.status).toBe(401);
    expect(wrong.text).toContain('邮箱或密码不对');
    const away = await browser.post('/app/signin', {
      email: people.owner.email,
      password: 'correct horse battery',
      next: '//evil.example/',
    });
    expect(away.location).toBe('/app');
  });

  it('refuses a form from another origin', async () => {
    const browser = new Browser(api);
    await browser.signIn(people.owner.email);
    const forged = await browser.post(
      '/app/teams',
      { name: '伪造' },
      { origin: 'https://evil.example' },
    );
    expect(forged.status).toBe(403);
  });

  it('signs out by revoking the token', async () => {
    const browser = new Browser(api);
    await browser.signIn(people.owner.email);
    const cookie = browser.cookies.get('jianbao_session')!;
    const token = cookie.split('.').slice(1).join('.');
    expect((await call(api.app, 'GET', '/me', { token })).status).toBe(200);
    await browser.post('/app/signout', {});
    expect((await call(api.app, 'GET', '/me', { token })).status).toBe(401);
    expect((await browser.get('/app')).status).toBe(302);
  });
});

describe('a collection', () => {
  it('lists the clips with facets, searches in Chinese with hits marked, and filters', async () => {
    const browser = new Browser(api);
    await browser.signIn(people.viewer.email);
    const base = `/app/collections/${people.collection.id}`;
    const page = await browser.get(base);
    expect(page.status).toBe(200);
    expect(page.text).toContain('class="clip"');
    expect(page.text).toContain('来源类型');
    // The outlets facet: each links to the collection narrowed to that source.
    expect(page.text).toContain('<h3>来源</h3>');
    const outlet = /href="([^"]*[?&]amp;source=[^"]*|[^"]*\?source=[^"]*)"/.exec(page.text);
    expect(outlet).not.toBeNull();
    const narrowed = await browser.get(outlet![1]!.replaceAll('&amp;', '&'));
    const shown = (text: string) => text.match(/class="clip"/g)?.length ?? 0;
    expect(shown(narrowed.text)).toBeGreaterThan(0);
    expect(shown(narrowed.text)).toBeLessThan(shown(page.text));
    const search = await browser.get(`${base}?q=${encodeURIComponent('医院')}`);
    expect(search.text).toContain('<mark>');
    const english = await browser.get(`${base}?lang=en`);
    expect(english.text).toContain('Source kind');
    const tagged = await browser.get(`${base}?tag=${encodeURIComponent('头版')}`);
    expect(tagged.text.match(/class="clip"/g)?.length).toBe(1);
    const partial = await browser.get(`${base}?q=${encodeURIComponent('医院')}&partial=browse`);
    expect(partial.text.startsWith('<div class="browse" id="browse">')).toBe(true);
  });

  it('shows a viewer no editing controls, and the API refuses the write anyway', async () => {
    const browser = new Browser(api);
    await browser.signIn(people.viewer.email);
    const clip = await browser.get(`/app/clips/${clipIds[0]}`);
    expect(clip.status).toBe(200);
    expect(clip.text).not.toContain('name="title"');
    expect(clip.text).not.toContain('/delete');
    const forced = await browser.post(`/app/clips/${clipIds[0]}`, { title: '改', version: '1' });
    expect(forced.status).toBe(303);
    const after = await browser.get(forced.location!);
    expect(after.text).toContain('你的角色不能这样做');
    expect(
      (await call(api.app, 'GET', `/clips/${clipIds[0]}`, { token: people.owner.token })).body.clip
        .title,
    ).not.toBe('改');
  });

  it('lets an editor change metadata and tags, and names a wrong date', async () => {
    const browser = new Browser(api);
    await browser.signIn(people.editor.email);
    const page = await browser.get(`/app/clips/${clipIds[1]}`);
    expect(page.text).toContain('name="title"');
    const version = /name="version" value="(\d+)"/.exec(page.text)![1]!;
    const saved = await browser.post(`/app/clips/${clipIds[1]}`, {
      version,
      title: '新标题',
      publishedAt: '2024-03-05',
      authors: '张三、李四',
      tags: '医改，头版',
      sourceKind: 'news',
      topic: ['health'],
    });
    expect(saved.status).toBe(303);
    const stored = (
      await call(api.app, 'GET', `/clips/${clipIds[1]}`, { token: people.owner.token })
    ).body;
    expect(stored.clip.title).toBe('新标题');
    expect(stored.clip.authors).toEqual(['张三', '李四']);
    expect(stored.tags).toEqual(['医改', '头版']);
    const bad = await browser.post(`/app/clips/${clipIds[1]}`, {
      version: String(stored.version),
      title: 'x',
      publishedAt: '2024-02-30',
    });
    const shown = await browser.get(bad.location!);
    expect(shown.text).toMatch(/publishedAt/);
  });

  it('shows nothing of a team to someone outside it', async () => {
    const outsider = await signUp(api.app, '外人');
    const browser = new Browser(api);
    await browser.signIn(outsider.email);
    for (const path of [
      `/app/collections/${people.collection.id}`,
      `/app/clips/${clipIds[0]}`,
      `/app/collections/${people.collection.id}/duplicates`,
      `/app/collections/${people.collection.id}/overview`,
      `/app/collections/${people.collection.id}/export?format=jsonl`,
      `/app/teams/${people.team.id}`,
    ]) {
      const page = await browser.get(path);
      expect(page.status, path).toBe(404);
      expect(page.text).not.toContain('党建');
    }
  });

  it('exports from the dialog with the filters of the page', async () => {
    const browser = new Browser(api);
    await browser.signIn(people.viewer.email);
    const reply = await browser.get(
      `/app/collections/${people.collection.id}/export?format=jsonl&tag=${encodeURIComponent('头版')}`,
    );
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-disposition')).toMatch(/attachment/);
    expect(reply.text.trim().split('\n').length).toBe(2);
  });
});

describe('a team', () => {
  it('lets its owner invite by link, change a role and remove a member', async () => {
    const owner = new Browser(api);
    await owner.signIn(people.owner.email);
    const teamPage = `/app/teams/${people.team.id}`;
    const invited = await owner.post(`${teamPage}/invitations`, { role: 'viewer' });
    expect(invited.location).toMatch(/\?invited=/);
    const page = await owner.get(invited.location!);
    const link = /value="(http:\/\/localhost\/app\/invitations\/[^"]+)"/.exec(page.text)?.[1];
    expect(link).toBeTruthy();

    // The newcomer follows the link: sign-up first, then the invitation, then joined.
    const newcomer = new Browser(api);
    const path = new URL(link!).pathname;
    const first = await newcomer.get(path);
    expect(first.location).toBe(`/app/signin?next=${encodeURIComponent(path)}`);
    const signedUp = await newcomer.post('/app/signup', {
      name: '新人',
      email: `new-${Date.now()}@example.cn`,
      password: 'correct horse battery',
      next: path,
    });
    expect(signedUp.location).toBe(path);
    const invitation = await newcomer.get(path);
    expect(invitation.text).toContain('健康报剪报组');
    expect(invitation.text).toContain('只读');
    const joined = await newcomer.post(`${path}/accept`, {});
    expect(joined.location).toBe(teamPage);

    // The API's own invitation link, opened by a browser, lands on the same page.
    const code = path.split('/').pop()!;
    expect((await newcomer.get(`/invitations/${code}`)).location).toBe(path);

    const members = await owner.get(teamPage);
    expect(members.text).toContain('新人');
    const newcomerId = (
      await call(api.app, 'GET', `/teams/${people.team.id}`, { token: people.owner.token })
    ).body.members.find((m: { name: string }) => m.name === '新人').userId;
    await owner.post(`${teamPage}/members/${newcomerId}`, { action: 'role', role: 'editor' });
    const afterRole = (
      await call(api.app, 'GET', `/teams/${people.team.id}`, { token: people.owner.token })
    ).body;
    expect(afterRole.members.find((m: { userId: string }) => m.userId === newcomerId).role).toBe(
      'editor',
    );
    await owner.post(`${teamPage}/members/${newcomerId}`, { action: 'remove' });
    const afterRemove = (
      await call(api.app, 'GET', `/teams/${people.team.id}`, { token: people.owner.token })
    ).body;
    expect(afterRemove.members.some((m: { userId: string }) => m.userId === newcomerId)).toBe(
      false,
    );
  });

  it('shows an editor no member controls, and refuses them', async () => {
    const editor = new Browser(api);
    await editor.signIn(people.editor.email);
    const page = await editor.get(`/app/teams/${people.team.id}`);
    expect(page.text).not.toContain('name="role"');
    const forced = await editor.post(`/app/teams/${people.team.id}/members/${people.viewer.id}`, {
      action: 'role',
      role: 'owner',
    });
    expect((await editor.get(forced.location!)).text).toContain('你的角色不能这样做');
  });
});

describe('API tokens', () => {
  it('creates a token shown once, which works, and revokes it', async () => {
    const browser = new Browser(api);
    await browser.signIn(people.editor.email);
    const created = await browser.post('/app/tokens', { name: '脚本' });
    const page = await browser.get(created.location!);
    const token = /value="(jb_[^"]+)"/.exec(page.text)?.[1];
    expect(token).toBeTruthy();
    expect((await call(api.app, 'GET', '/me', { token })).status).toBe(200);
    expect((await browser.get('/app/tokens')).text).not.toContain(token!);
    const id = (await call(api.app, 'GET', '/tokens', { token })).body.tokens.find(
      (t: { name: string }) => t.name === '脚本',
    ).id;
    await browser.post(`/app/tokens/${id}/revoke`, {});
    expect((await call(api.app, 'GET', '/me', { token })).status).toBe(401);
  });
});
