import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryRateLimitStore } from '../src/limits/rate-limit';
import {
  type Api,
  call,
  type Person,
  seedDrafts,
  signUp,
  startApi,
  teamOfThree,
  uuidv7,
} from './harness';

// Bad input gets a 4xx with a machine-readable code and the field at fault; never a 500, and
// nothing half-written.

let api: Api;
let editor: Person;
let clipsPath: string;
let collectionId: string;
const draft = seedDrafts()[0]!;

beforeAll(async () => {
  api = await startApi({ deps: { maxBodyBytes: 5 * 1024 * 1024 } });
  const team = await teamOfThree(api.app);
  editor = team.editor;
  collectionId = team.collection.id;
  clipsPath = `/collections/${collectionId}/clips`;
}, 240_000);
afterAll(() => api.close());

async function clipCount(): Promise<number> {
  const reply = await call(api.app, 'GET', `/collections/${collectionId}/changes?since=0`, {
    token: editor.token,
  });
  return reply.body.clips.length;
}

describe('a clip request that is wrong', () => {
  const cases: [
    string,
    () => { raw?: string | Uint8Array; body?: unknown; headers?: Record<string, string> },
    number,
    string,
    string | undefined,
  ][] = [
    [
      'malformed JSON',
      () => ({ raw: '{"id": ', headers: { 'content-type': 'application/json' } }),
      400,
      'malformed-json',
      undefined,
    ],
    ['a JSON array', () => ({ body: [draft] }), 400, 'invalid-field', undefined],
    ['no id', () => ({ body: { draft } }), 400, 'missing-field', 'id'],
    ['an id that is not a UUID', () => ({ body: { id: '42', draft } }), 400, 'invalid-field', 'id'],
    ['neither draft nor page', () => ({ body: { id: uuidv7() } }), 400, 'invalid-field', 'draft'],
    [
      'both draft and page',
      () => ({ body: { id: uuidv7(), draft, page: { html: '<p>x</p>', url: 'https://a.cn/' } } }),
      400,
      'invalid-field',
      'draft',
    ],
    [
      'a title of the wrong type',
      () => ({ body: { id: uuidv7(), draft: { ...draft, title: 42 } } }),
      400,
      'invalid-field',
      'draft.title',
    ],
    [
      'authors as a string',
      () => ({ body: { id: uuidv7(), draft: { ...draft, authors: '张三' } } }),
      400,
      'invalid-field',
      'draft.authors',
    ],
    [
      'an unknown field',
      () => ({ body: { id: uuidv7(), draft, colour: 'red' } }),
      400,
      'unknown-field',
      'colour',
    ],
    [
      'an unknown draft field',
      () => ({ body: { id: uuidv7(), draft: { ...draft, author: '张三' } } }),
      400,
      'unknown-field',
      'draft.author',
    ],
    [
      'a 1 MB title',
      () => ({ body: { id: uuidv7(), draft: { ...draft, title: '标'.repeat(1_000_000) } } }),
      400,
      'too-large',
      'draft.title',
    ],
    [
      'an empty title',
      () => ({ body: { id: uuidv7(), draft: { ...draft, title: '  ' } } }),
      400,
      'invalid-field',
      'draft.title',
    ],
    [
      'a date that is no date',
      () => ({ body: { id: uuidv7(), draft: { ...draft, publishedAt: '2024-13-01' } } }),
      400,
      'invalid-field',
      'draft.publishedAt',
    ],
    [
      'a date in another format',
      () => ({ body: { id: uuidv7(), draft: { ...draft, publishedAt: '2024年11月20日' } } }),
      400,
      'invalid-field',
      'draft.publishedAt',
    ],
    [
      'a page URL that is not http',
      () => ({ body: { id: uuidv7(), page: { html: '<p>x</p>', url: 'javascript:alert(1)' } } }),
      400,
      'invalid-field',
      'page.url',
    ],
    [
      'a GBK body',
      () => ({ raw: gbkBody(), headers: { 'content-type': 'application/json' } }),
      400,
      'invalid-encoding',
      undefined,
    ],
    [
      'a declared charset other than UTF-8',
      () => ({
        raw: JSON.stringify({ id: uuidv7(), draft }),
        headers: { 'content-type': 'application/json; charset=gbk' },
      }),
      415,
      'unsupported-charset',
      'Content-Type',
    ],
    [
      'form data',
      () => ({ raw: 'id=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
      415,
      'unsupported-media-type',
      'Content-Type',
    ],
  ];

  it.each(cases)(
    '%s: a 4xx naming the field, nothing stored',
    async (_name, make, status, code, field) => {
      const before = await clipCount();
      const request = make();
      const reply = await call(api.app, 'POST', clipsPath, {
        token: editor.token,
        raw: request.raw as BodyInit | undefined,
        body: request.body,
        headers: request.headers,
      });
      expect(reply.status, JSON.stringify(reply.body).slice(0, 300)).toBe(status);
      expect(reply.body.error.code).toBe(code);
      if (field) expect(reply.body.error.field).toBe(field);
      expect(reply.body.error.message.length).toBeGreaterThan(5);
      expect(await clipCount()).toBe(before);
    },
  );

  it('refuses a clip of a 20 MB page with 413 and says why', async () => {
    const html = `<html><body><article>${'<p>很长的页面。</p>'.repeat(840_000)}</article></body></html>`;
    expect(Buffer.byteLength(html)).toBeGreaterThan(20 * 1024 * 1024);
    const reply = await call(api.app, 'POST', clipsPath, {
      token: editor.token,
      body: { id: uuidv7(), page: { html, url: 'https://www.example.cn/a.html' } },
    });
    expect(reply.status).toBe(413);
    expect(reply.body.error).toMatchObject({ code: 'body-too-large' });
    expect(reply.body.error.message).toMatch(/MB/);
  });

  it('answers bad query parameters and headers with the field named', async () => {
    const bad: [string, Record<string, string>, string][] = [
      [`/clips?limit=0`, {}, 'query.limit'],
      [`/clips?publishedFrom=yesterday`, {}, 'query.publishedFrom'],
      [`/clips?sourceKind=blog`, {}, 'query.sourceKind'],
      [`/clips?colour=red`, {}, 'query.colour'],
      [`/clips?cursor=garbage`, {}, 'cursor'],
      [`/clips?q=${encodeURIComponent('，。')}`, {}, 'q'],
      [`/collections/${collectionId}/changes?since=-1`, {}, 'query.since'],
      [
        `/collections/${collectionId}/changes`,
        { 'if-modified-since-version': 'soon' },
        'If-Modified-Since-Version',
      ],
      [`/clips/not-a-uuid`, {}, 'id'],
    ];
    for (const [path, headers, field] of bad) {
      const reply = await call(api.app, 'GET', path, { token: editor.token, headers });
      expect(reply.status, path).toBe(400);
      expect(reply.body.error.field, path).toBe(field);
    }
    const badIfMatch = await call(api.app, 'PATCH', `/clips/${uuidv7()}`, {
      token: editor.token,
      headers: { 'if-match': 'yesterday' },
      body: {},
    });
    expect(badIfMatch.status).toBe(400);
    expect(badIfMatch.body.error.field).toBe('If-Match');
  });

  it('answers an unknown route and a bad token with the one error shape', async () => {
    const missing = await call(api.app, 'GET', '/nothing-here');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('not-found');
    const garbage = await call(api.app, 'GET', '/me', { headers: { authorization: 'Basic abc' } });
    expect(garbage.status).toBe(401);
    expect(garbage.body.error.code).toBe('invalid-token');
  });

  it('reports bad batch items one by one and stores the good ones', async () => {
    const reply = await call(api.app, 'POST', `${clipsPath}/batch`, {
      token: editor.token,
      body: {
        items: [
          { id: uuidv7(), draft },
          { id: uuidv7(), draft: { ...draft, publishedAt: '2023-02-30' } },
          'not an object',
        ],
      },
    });
    expect(reply.status).toBe(200);
    expect(reply.body.results.map((r: { status: string }) => r.status)).toEqual([
      'created',
      'invalid',
      'invalid',
    ]);
    expect(reply.body.results[1].error.field).toBe('items.1.draft.publishedAt');
    const tooMany = await call(api.app, 'POST', `${clipsPath}/batch`, {
      token: editor.token,
      body: { items: Array.from({ length: 101 }, () => ({ id: uuidv7(), draft })) },
    });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error).toMatchObject({ code: 'too-large', field: 'items' });
  });
});

describe('the rate limit', () => {
  it('answers 429 with Retry-After past the limit, per token', async () => {
    let now = 1_000_000;
    const limited = await startApi({
      deps: {
        rateLimit: { limit: 5, windowMs: 60_000 },
        rateLimitStore: new MemoryRateLimitStore(),
        now: () => new Date(now),
      },
    });
    try {
      const me = await signUp(limited.app);
      const other = await signUp(limited.app);
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) {
        statuses.push((await call(limited.app, 'GET', '/me', { token: me.token })).status);
      }
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
      const refused = await call(limited.app, 'GET', '/me', { token: me.token });
      expect(refused.body.error.code).toBe('rate-limited');
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect((await call(limited.app, 'GET', '/me', { token: other.token })).status).toBe(200);
      now += 61_000;
      expect((await call(limited.app, 'GET', '/me', { token: me.token })).status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});

/** `{"title":"党建"}` in GBK bytes: not UTF-8. */
function gbkBody(): Uint8Array {
  const prefix = new TextEncoder().encode('{"id":"x","title":"');
  const gbk = new Uint8Array([0xb5, 0xb3, 0xbd, 0xa8]);
  const suffix = new TextEncoder().encode('"}');
  return new Uint8Array([...prefix, ...gbk, ...suffix]);
}

it('keeps signing up a clear error for a short password', async () => {
  const reply = await call(api.app, 'POST', '/auth/signup', {
    body: { email: 'x@example.cn', name: '某', password: 'short' },
  });
  expect(reply.status).toBe(400);
  expect(reply.body.error.field).toBe('password');
});
