import { readFileSync } from 'node:fs';
import { decodeHtml } from '@jianbao/core/page';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, call, seedDrafts, signUp, startApi, teamOfThree, uuidv7 } from './harness';

let api: Api;
const drafts = seedDrafts();

beforeAll(async () => {
  api = await startApi();
});
afterAll(() => api.close());

describe('accounts and tokens', () => {
  it('signs up, signs in, lists and revokes tokens; a revoked token stops at once', async () => {
    const { app } = api;
    const me = await signUp(app, '王编辑');
    expect((await call(app, 'GET', '/me', { token: me.token })).body.user.email).toBe(me.email);

    const again = await call(app, 'POST', '/auth/signup', {
      body: { email: me.email.toUpperCase(), name: 'x', password: 'another password' },
    });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'email-taken', field: 'email' });

    const wrong = await call(app, 'POST', '/auth/signin', {
      body: { email: me.email, password: 'not the password' },
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('wrong-credentials');

    const signedIn = await call(app, 'POST', '/auth/signin', {
      body: { email: me.email, password: 'correct horse battery', tokenName: 'Chrome' },
    });
    expect(signedIn.status).toBe(200);
    const script = await call(app, 'POST', '/tokens', { token: me.token, body: { name: '脚本' } });
    expect(script.status).toBe(201);
    expect(script.body.token).toMatch(/^jb_/);

    const list = await call(app, 'GET', '/tokens', { token: me.token });
    expect(list.body.tokens.map((t: { name: string }) => t.name)).toEqual([
      'first sign-in',
      'Chrome',
      '脚本',
    ]);
    expect(JSON.stringify(list.body)).not.toContain(script.body.token);
    expect(list.body.tokens[0].lastUsedAt).not.toBeNull();

    const revoked = await call(app, 'DELETE', `/tokens/${script.body.tokenInfo.id}`, {
      token: me.token,
    });
    expect(revoked.status).toBe(204);
    const dead = await call(app, 'GET', '/me', { token: script.body.token });
    expect(dead.status).toBe(401);
    expect(dead.body.error.code).toBe('invalid-token');
  });

  it('stores only a scrypt hash of the password and a hash of each token', async () => {
    const me = await signUp(api.app);
    const rows = await api.handle.db.execute(
      `select password_hash from users where email = '${me.email}'`,
    );
    const stored = JSON.stringify(rows);
    expect(stored).toContain('scrypt$32768$8$1$');
    expect(stored).not.toContain('correct horse battery');
    const tokens = JSON.stringify(await api.handle.db.execute('select token_hash from api_tokens'));
    expect(tokens).not.toContain(me.token);
  });
});

describe('teams, roles and invitations', () => {
  it('invites by code, changes and removes roles, keeps an owner, lets members leave', async () => {
    const { app } = api;
    const { owner, editor, viewer, team } = await teamOfThree(app);
    const detail = await call(app, 'GET', `/teams/${team.id}`, { token: viewer.token });
    expect(detail.body.members.map((m: { role: string }) => m.role)).toEqual([
      'owner',
      'editor',
      'viewer',
    ]);

    const promote = await call(app, 'PATCH', `/teams/${team.id}/members/${viewer.id}`, {
      token: owner.token,
      body: { role: 'editor' },
    });
    expect(promote.body.role).toBe('editor');

    const lastOwner = await call(app, 'DELETE', `/teams/${team.id}/members/${owner.id}`, {
      token: owner.token,
    });
    expect(lastOwner.status).toBe(409);
    expect(lastOwner.body.error.code).toBe('last-owner');

    const leave = await call(app, 'DELETE', `/teams/${team.id}/members/${editor.id}`, {
      token: editor.token,
    });
    expect(leave.status).toBe(204);
    expect((await call(app, 'GET', `/teams/${team.id}`, { token: editor.token })).status).toBe(404);

    const invitation = await call(app, 'POST', `/teams/${team.id}/invitations`, {
      token: owner.token,
      body: { role: 'viewer' },
    });
    expect(invitation.body.code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const stranger = await signUp(app);
    // The link shows what joining means before joining.
    const link = new URL(invitation.body.link);
    expect(link.pathname).toBe(`/invitations/${invitation.body.code}`);
    const preview = await call(app, 'GET', link.pathname, { token: stranger.token });
    expect(preview.body).toMatchObject({
      team: { id: team.id, name: '健康报剪报组' },
      role: 'viewer',
      status: 'open',
    });
    const joined = await call(
      app,
      'POST',
      `/invitations/${invitation.body.code.toLowerCase()}/accept`,
      { token: stranger.token },
    );
    expect(joined.body).toMatchObject({ id: team.id, role: 'viewer' });
    const reused = await call(app, 'POST', `/invitations/${invitation.body.code}/accept`, {
      token: (await signUp(app)).token,
    });
    expect(reused.body.error.code).toBe('invitation-used');
    const usedPreview = await call(app, 'GET', `/invitations/${invitation.body.code}`, {
      token: stranger.token,
    });
    expect(usedPreview.body.status).toBe('used');
  });

  it('refuses an expired invitation', async () => {
    let now = new Date('2026-01-01T00:00:00Z');
    const timed = await startApi({ deps: { now: () => now } });
    try {
      const owner = await signUp(timed.app);
      const team = (
        await call(timed.app, 'POST', '/teams', { token: owner.token, body: { name: 't' } })
      ).body;
      const invitation = await call(timed.app, 'POST', `/teams/${team.id}/invitations`, {
        token: owner.token,
        body: { expiresInHours: 1 },
      });
      now = new Date('2026-01-01T02:00:00Z');
      const late = await call(timed.app, 'POST', `/invitations/${invitation.body.code}/accept`, {
        token: (await signUp(timed.app)).token,
      });
      expect(late.status).toBe(409);
      expect(late.body.error.code).toBe('invitation-expired');
    } finally {
      await timed.close();
    }
  });
});

describe('clips', () => {
  it('creates from a draft, idempotently by id; another draft under the id is a 409', async () => {
    const { app } = api;
    const { editor, collection } = await teamOfThree(app);
    const id = uuidv7();
    const path = `/collections/${collection.id}/clips`;
    const body = { id, draft: drafts[0], tags: ['党建', '广州'] };
    const first = await call(app, 'POST', path, { token: editor.token, body });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      id,
      collectionId: collection.id,
      version: 1,
      tags: ['党建', '广州'],
    });
    expect(first.body.clip.title).toBe(drafts[0]!.title);
    expect(first.body.clip.fingerprints.textHash).toMatch(/\w+/);
    expect(first.headers.get('etag')).toBe('"1"');

    const retry = await call(app, 'POST', path, { token: editor.token, body });
    expect(retry.status).toBe(200);
    expect(retry.body.version).toBe(1);

    const other = await call(app, 'POST', path, {
      token: editor.token,
      body: { id, draft: drafts[1] },
    });
    expect(other.status).toBe(409);
    expect(other.body.error).toMatchObject({ code: 'id-conflict', field: 'id' });
  });

  it('recomputes what is derived from the text, whatever the client claims', async () => {
    const { app } = api;
    const { editor, collection } = await teamOfThree(app);
    const draft = {
      ...drafts[2]!,
      normalizedText: 'forged',
      wordCount: 1,
      fingerprints: { textHash: 'forged' },
    };
    const reply = await call(app, 'POST', `/collections/${collection.id}/clips`, {
      token: editor.token,
      body: { id: uuidv7(), draft },
    });
    expect(reply.status).toBe(201);
    expect(reply.body.clip.normalizedText).not.toBe('forged');
    expect(reply.body.clip.fingerprints.textHash).not.toBe('forged');
    expect(reply.body.clip.wordCount).toBeGreaterThan(100);
  });

  it('extracts a page on the server and sanitises its HTML', async () => {
    const { app } = api;
    const { editor, collection } = await teamOfThree(app);
    // The page is GBK, as served; a client sends it decoded.
    const html = decodeHtml(
      readFileSync(
        new URL('../../../packages/core/test/fixtures/001-portal.html', import.meta.url),
      ),
    ).text.replace(
      '。</p>',
      '。<img src="x" onerror="alert(1)"><a href="javascript:alert(2)">链接</a><script>alert(3)</script></p>',
    );
    expect(html).toContain('onerror');
    const reply = await call(app, 'POST', `/collections/${collection.id}/clips`, {
      token: editor.token,
      body: {
        id: uuidv7(),
        page: { html, url: 'https://www.fflz.example.cn/a/fanfuzhuanti/2024/1120/52731.html' },
      },
    });
    expect(reply.status).toBe(201);
    expect(reply.body.clip.source).toBe('中共辽宁省委组织部');
    expect(reply.body.clip.html).not.toMatch(/onerror|javascript:|<script/i);

    const home = readFileSync(
      new URL('../../../packages/core/test/fixtures/not-article-home.html', import.meta.url),
      'utf8',
    );
    const notArticle = await call(app, 'POST', `/collections/${collection.id}/clips`, {
      token: editor.token,
      body: { id: uuidv7(), page: { html: home, url: 'https://www.example.cn/' } },
    });
    expect(notArticle.status).toBe(422);
    expect(notArticle.body.error.code).toBe('not-article');
  });

  it('answers a batch item by item; the same batch again creates nothing', async () => {
    const { app } = api;
    const { editor, collection } = await teamOfThree(app);
    const items = drafts.map((draft) => ({ id: uuidv7(), draft }));
    const path = `/collections/${collection.id}/clips/batch`;
    const body = { items: [...items, { id: 'not-a-uuid', draft: drafts[0] }, { id: uuidv7() }] };
    const first = await call(app, 'POST', path, { token: editor.token, body });
    expect(first.status).toBe(200);
    const statuses = first.body.results.map((r: { status: string }) => r.status);
    expect(statuses).toEqual([...items.map(() => 'created'), 'invalid', 'invalid']);
    expect(first.body.results.at(-2).error.field).toBe(`items.${items.length}.id`);
    expect(first.body.version).toBe(1);

    const second = await call(app, 'POST', path, { token: editor.token, body });
    expect(
      second.body.results.slice(0, items.length).map((r: { status: string }) => r.status),
    ).toEqual(items.map(() => 'unchanged'));
    expect(second.body.version).toBe(1);
    const all = await call(app, 'GET', `/clips?collection=${collection.id}&limit=100`, {
      token: editor.token,
    });
    expect(all.body.clips).toHaveLength(items.length);
  });

  it('skips what the collection already holds when asked (an import re-run)', async () => {
    const { app } = api;
    const { editor, collection } = await teamOfThree(app);
    const path = `/collections/${collection.id}/clips/batch`;
    const [a, b] = drafts;
    const stored = { id: uuidv7(), draft: { ...a, url: 'https://example.cn/a.html' } };
    await call(app, 'POST', path, { token: editor.token, body: { items: [stored] } });
    const items = [
      stored, // a retry of itself: no duplicate
      // The same address (tracking parameters dropped), with another text.
      { id: uuidv7(), draft: { ...b, url: 'http://www.example.cn/a.html?utm_source=wx' } },
      { id: uuidv7(), draft: { ...b, url: 'https://example.cn/copy-a', canonicalUrl: null } },
      { id: uuidv7(), draft: { ...b, url: 'https://example.cn/copy-b', canonicalUrl: null } },
    ];
    const reply = await call(app, 'POST', path, {
      token: editor.token,
      body: { items, ifDuplicate: 'skip' },
    });
    expect(reply.status).toBe(200);
    const results = reply.body.results;
    expect(results.map((r: { status: string }) => r.status)).toEqual([
      'unchanged',
      'duplicate',
      'created',
      'duplicate',
    ]);
    expect(results[1].duplicateOf).toEqual({ id: stored.id, match: 'url' });
    expect(results[3].duplicateOf).toEqual({ id: items[2]!.id, match: 'text' });
    const all = await call(app, 'GET', `/clips?collection=${collection.id}`, {
      token: editor.token,
    });
    expect(all.body.clips).toHaveLength(2);
    const unknown = await call(app, 'POST', path, {
      token: editor.token,
      body: { items, ifDuplicate: 'maybe' },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.field).toBe('ifDuplicate');
  });

  it('updates with If-Match: one of two writers from the same version wins, the other gets 412', async () => {
    const { app } = api;
    const { editor, owner, collection } = await teamOfThree(app);
    const id = uuidv7();
    await call(app, 'POST', `/collections/${collection.id}/clips`, {
      token: editor.token,
      body: { id, draft: drafts[0] },
    });
    const path = `/clips/${id}`;
    const without = await call(app, 'PATCH', path, { token: editor.token, body: { tags: ['x'] } });
    expect(without.status).toBe(428);

    const [a, b] = await Promise.all([
      call(app, 'PATCH', path, {
        token: editor.token,
        headers: { 'if-match': '"1"' },
        body: { clip: { title: '编辑甲的标题' } },
      }),
      call(app, 'PATCH', path, {
        token: owner.token,
        headers: { 'if-match': '"1"' },
        body: { clip: { title: '主任的标题' } },
      }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 412]);
    const loser = a.status === 412 ? a : b;
    expect(loser.body.error.code).toBe('stale-version');
    const winner = a.status === 200 ? a : b;
    const stored = await call(app, 'GET', path, { token: editor.token });
    expect(stored.body.clip.title).toBe(winner.body.clip.title);
    expect(stored.body.version).toBe(2);

    // The loser merges and retries at the version it now reads.
    const retry = await call(app, 'PATCH', path, {
      token: loser === a ? editor.token : owner.token,
      headers: { 'if-match': stored.headers.get('etag')! },
      body: { tags: ['两人都改了'] },
    });
    expect(retry.status).toBe(200);
    expect(retry.body).toMatchObject({ version: 3, tags: ['两人都改了'] });
    expect(retry.body.clip.title).toBe(winner.body.clip.title);

    const badDate = await call(app, 'PATCH', path, {
      token: editor.token,
      headers: { 'if-match': '3' },
      body: { clip: { publishedAt: '2023-02-30' } },
    });
    expect(badDate.status).toBe(400);
    expect(badDate.body.error.field).toBe('clip.publishedAt');
  });

  it('syncs by version: changes since V, tombstones, 304 when nothing changed', async () => {
    const { app } = api;
    const { editor, viewer, collection } = await teamOfThree(app);
    const base = `/collections/${collection.id}`;
    const ids = [uuidv7(), uuidv7(), uuidv7()];
    for (const [i, id] of ids.entries()) {
      await call(app, 'POST', `${base}/clips`, {
        token: editor.token,
        body: { id, draft: drafts[i] },
      });
    }
    const all = await call(app, 'GET', `${base}/changes?since=0`, { token: viewer.token });
    expect(all.body.version).toBe(3);
    expect(all.body.clips.map((c: { id: string }) => c.id)).toEqual(ids);
    expect(all.headers.get('last-modified-version')).toBe('3');

    const unchanged = await call(app, 'GET', `${base}/changes?since=3`, {
      token: viewer.token,
      headers: { 'if-modified-since-version': '3' },
    });
    expect(unchanged.status).toBe(304);

    expect((await call(app, 'DELETE', `/clips/${ids[1]}`, { token: editor.token })).status).toBe(
      204,
    );
    const after = await call(app, 'GET', `${base}/changes?since=3`, {
      token: viewer.token,
      headers: { 'if-modified-since-version': '3' },
    });
    expect(after.status).toBe(200);
    expect(after.body).toMatchObject({
      version: 4,
      clips: [],
      tombstones: [{ id: ids[1], version: 4 }],
    });
    expect((await call(app, 'GET', `/clips/${ids[1]}`, { token: viewer.token })).status).toBe(404);
  });

  it('lists with filters and cursor pages, and searches Chinese in either script', async () => {
    const { app } = api;
    const { editor, viewer, collection } = await teamOfThree(app);
    const items = drafts.map((draft, i) => ({ id: uuidv7(), draft, tags: i % 2 ? ['偶数'] : [] }));
    await call(app, 'POST', `/collections/${collection.id}/clips/batch`, {
      token: editor.token,
      body: { items },
    });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { clips: { id: string }[]; nextCursor: string | null } } = await call(
        app,
        'GET',
        `/clips?collection=${collection.id}&limit=3${cursor ? `&cursor=${cursor}` : ''}`,
        { token: viewer.token },
      );
      seen.push(...page.body.clips.map((c) => c.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(items.length);
    const summary = await call(app, 'GET', `/clips?collection=${collection.id}&limit=1`, {
      token: viewer.token,
    });
    // Lists carry metadata, not bodies: the body comes with GET /clips/{id}.
    expect(summary.body.clips[0].clip.title).toBeTruthy();
    expect(summary.body.clips[0].clip).not.toHaveProperty('text');
    expect(summary.body.clips[0].clip).not.toHaveProperty('html');
    expect(seen).toHaveLength(items.length);

    const tagged = await call(
      app,
      'GET',
      `/clips?collection=${collection.id}&tag=${encodeURIComponent('偶数')}`,
      {
        token: viewer.token,
      },
    );
    expect(tagged.body.clips).toHaveLength(items.filter((i) => i.tags.length).length);

    const hant = drafts.find((d) => /黨/.test(d.text))!;
    const bySimplified = await call(
      app,
      'GET',
      `/clips?collection=${collection.id}&q=${encodeURIComponent('党建')}`,
      { token: viewer.token },
    );
    const titles = bySimplified.body.clips.map((c: { clip: { title: string } }) => c.clip.title);
    expect(titles).toContain(hant.title);
    expect(bySimplified.body.clips[0].match.snippet).toContain('党建');

    const kind = hant.sourceKind;
    const filtered = await call(
      app,
      'GET',
      `/clips?collection=${collection.id}&q=${encodeURIComponent('黨建')}&sourceKind=${kind}`,
      { token: viewer.token },
    );
    expect(filtered.body.clips.length).toBeGreaterThan(0);
    for (const c of filtered.body.clips) expect(c.clip.sourceKind).toBe(kind);

    const dated = await call(
      app,
      'GET',
      `/clips?collection=${collection.id}&publishedFrom=2024-01-01&publishedTo=2024-12-31`,
      { token: viewer.token },
    );
    for (const c of dated.body.clips) expect(c.clip.publishedAt.slice(0, 4)).toBe('2024');
  });
});

describe('the server itself', () => {
  it('says which database it runs on and serves its OpenAPI document and reference', async () => {
    const health = await call(api.app, 'GET', '/health');
    expect(health.body).toEqual({
      status: 'ok',
      database: 'pglite',
      migrations: { applied: 8, latest: '0007_search_statistics' },
    });
    const doc = await call(api.app, 'GET', '/openapi.json');
    expect(doc.body.openapi).toBe('3.1.0');
    const paths = Object.keys(doc.body.paths);
    for (const path of [
      '/auth/signup',
      '/collections/{id}/changes',
      '/clips/{id}',
      '/collections/{id}/clips/batch',
    ]) {
      expect(paths).toContain(path);
    }
    const page = await call(api.app, 'GET', '/reference');
    expect(page.status).toBe(200);
    expect(page.body).toContain('/collections/{id}/changes');
  });

  it('admits extension origins by CORS and no web origin', async () => {
    const ext = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';
    const allowed = await call(api.app, 'OPTIONS', '/clips', {
      headers: { origin: ext, 'access-control-request-method': 'GET' },
    });
    expect(allowed.headers.get('access-control-allow-origin')).toBe(ext);
    const refused = await call(api.app, 'OPTIONS', '/clips', {
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' },
    });
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
  });
});
