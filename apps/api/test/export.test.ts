import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { type ClipDraft, toTraditional } from '@jianbao/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, call, seedDrafts, signUp, startApi, teamOfThree, uuidv7 } from './harness';

// GET /export: the route, its options and its failures. The formats' own tests (every column,
// read back by a CSV parser, a zip reader, a Parquet reader) are in packages/corpus.

let api: Api;
let team: Awaited<ReturnType<typeof teamOfThree>>;
const drafts = seedDrafts();
const original: ClipDraft = {
  ...drafts[1]!,
  url: 'https://www.fflz.cn/a/fanfuzhuanti/2024/1120/52731.html',
  publishedAt: '2024-11-20T23:46:40+08:00',
};

/** Another site's copy, later, cut and in traditional script: a near-duplicate. */
function repost(draft: ClipDraft): ClipDraft {
  const paragraphs = draft.text.split('\n\n');
  return {
    ...draft,
    title: toTraditional(draft.title),
    text: toTraditional(paragraphs.slice(0, Math.ceil(paragraphs.length * 0.7)).join('\n\n')),
    url: 'https://www.example.gov.hk/news/1.html',
    publishedAt: '2024-11-22',
    script: undefined,
    normalizedText: undefined,
    taxonomy: undefined,
    html: undefined,
  };
}

const lines = (text: string) =>
  text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line));

/** An export's JSONL records (as text: one line alone would read as JSON). */
async function exported(path: string, token: string) {
  const response = await api.app.request(path, { headers: { authorization: `Bearer ${token}` } });
  expect(response.status).toBe(200);
  return lines(await response.text());
}

beforeAll(async () => {
  api = await startApi();
  team = await teamOfThree(api.app);
  const items = [
    { id: uuidv7(), draft: original, tags: ['反腐'] },
    ...drafts.filter((d) => d !== drafts[1]).map((draft) => ({ id: uuidv7(), draft })),
    { id: uuidv7(), draft: repost(original) },
  ];
  const stored = await call(api.app, 'POST', `/collections/${team.collection.id}/clips/batch`, {
    token: team.editor.token,
    body: { items },
  });
  expect(stored.status).toBe(200);
}, 120_000);
afterAll(() => api.close());

describe('GET /export', () => {
  const path = () => `/export?collection=${team.collection.id}`;

  it('streams every clip as JSONL, named for the collection, to a viewer too', async () => {
    const reply = await call(api.app, 'GET', path(), { token: team.viewer.token });
    expect(reply.status).toBe(200);
    const text = await (
      await api.app.request(path(), { headers: { authorization: `Bearer ${team.viewer.token}` } })
    ).text();
    expect(reply.headers.get('content-type')).toMatch(/^application\/(x-ndjson|jsonl)/);
    expect(reply.headers.get('content-disposition')).toContain(
      `filename*=UTF-8''${encodeURIComponent('党建')}`,
    );
    const records = lines(text);
    expect(records).toHaveLength(drafts.length + 1);
    const first = records.find((r) => r.clip.url === original.url);
    expect(first).toMatchObject({
      collectionId: team.collection.id,
      collectionName: '党建',
      clippedByName: '编辑',
      tags: ['反腐'],
    });
    expect(first.clip.text).toBe(original.text);
    expect(first.clip.html).toBe('');
    const withHtml = await exported(`${path()}&html=true`, team.viewer.token);
    expect(withHtml.find((r) => r.clip.url === original.url).clip.html).toContain('<p>');
  });

  it('keeps one clip per near-duplicate group, converts the script, filters', async () => {
    const deduped = await exported(`${path()}&dedupe=true`, team.viewer.token);
    expect(deduped).toHaveLength(drafts.length);
    expect(deduped.map((r) => r.clip.url)).toContain(original.url);
    expect(deduped.map((r) => r.clip.url)).not.toContain('https://www.example.gov.hk/news/1.html');

    const hant = await exported(`${path()}&script=Hant&tag=反腐`, team.viewer.token);
    expect(hant).toHaveLength(1);
    expect(hant[0].clip.title).toBe(toTraditional(original.title));
    expect(hant[0].clip.script).toBe('Hant');

    const word = [...original.title].slice(0, 3).join('');
    const found = await exported(`/export?q=${encodeURIComponent(word)}`, team.viewer.token);
    expect(found.length).toBeGreaterThanOrEqual(2);
    for (const r of found)
      expect(toTraditional(r.clip.title + r.clip.text)).toContain(toTraditional(word));
  });

  it('answers each format with its type; refuses bad requests before streaming', async () => {
    const types: Record<string, RegExp> = {
      csv: /^text\/csv/,
      markdown: /^application\/zip/,
      text: /^application\/zip/,
      parquet: /parquet|octet-stream/,
    };
    for (const [format, type] of Object.entries(types)) {
      const response = await api.app.request(`${path()}&format=${format}`, {
        headers: { authorization: `Bearer ${team.viewer.token}` },
      });
      expect(response.status, format).toBe(200);
      expect(response.headers.get('content-type'), format).toMatch(type);
      expect((await response.arrayBuffer()).byteLength, format).toBeGreaterThan(100);
    }
    const bad = await call(api.app, 'GET', `${path()}&format=docx`, { token: team.viewer.token });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('query.format');
    const blank = await call(api.app, 'GET', `${path()}&q=${encodeURIComponent('，。')}`, {
      token: team.viewer.token,
    });
    expect(blank.status).toBe(400);
    expect(blank.body.error.field).toBe('q');
    const stranger = await signUp(api.app, '外人');
    const hidden = await call(api.app, 'GET', path(), { token: stranger.token });
    expect(hidden.status).toBe(404);
    const nothing = await exported('/export', stranger.token);
    expect(nothing).toEqual([]);
    expect((await call(api.app, 'GET', path())).status).toBe(401);
  });

  it('survives a client that goes away midway, and serves the next export whole', async () => {
    const big = await teamOfThree(api.app);
    for (let batch = 0; batch < 4; batch++) {
      const items = Array.from({ length: 100 }, (_, i) => ({
        id: uuidv7(),
        draft: { ...drafts[i % drafts.length]!, title: `第${batch * 100 + i}篇` },
      }));
      const reply = await call(api.app, 'GET', '/health');
      expect(reply.status).toBe(200);
      await call(api.app, 'POST', `/collections/${big.collection.id}/clips/batch`, {
        token: big.editor.token,
        body: { items },
      });
    }
    const server = serve({ fetch: api.app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise<void>((ready) => server.once('listening', ready));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const url = `${base}/export?collection=${big.collection.id}&html=true`;
      const headers = { authorization: `Bearer ${big.viewer.token}` };
      for (let round = 0; round < 3; round++) {
        const abort = new AbortController();
        const response = await fetch(url, { headers, signal: abort.signal });
        const reader = response.body!.getReader();
        const first = await reader.read();
        expect(first.value!.byteLength).toBeGreaterThan(0);
        abort.abort();
        await reader.cancel().catch(() => {});
      }
      expect((await fetch(`${base}/health`)).status).toBe(200);
      const whole = await fetch(url, { headers });
      expect(lines(await whole.text())).toHaveLength(400);
    } finally {
      await new Promise<void>((done) => server.close(() => done()));
    }
  });
});
