import { type ClipDraft, toTraditional } from '@jianbao/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, call, seedDrafts, startApi, teamOfThree, uuidv7 } from './harness';

// Reposts across sites and scripts, caught at clip time and in the collection.

let api: Api;
const drafts = seedDrafts();
const original: ClipDraft = {
  ...drafts[1]!,
  url: 'https://www.fflz.cn/a/fanfuzhuanti/2024/1120/52731.html',
  publishedAt: '2024-11-20T23:46:40+08:00',
};

/** Another site's copy: traditional script, the last third cut, its own URL and chrome. */
function repost(draft: ClipDraft): ClipDraft {
  const paragraphs = draft.text.split('\n\n');
  const kept = paragraphs.slice(0, Math.ceil(paragraphs.length * 0.67));
  const text = toTraditional(['來源：衛生健康委員會', ...kept, '責任編輯：王某'].join('\n\n'));
  return {
    ...draft,
    title: toTraditional(draft.title),
    text,
    url: 'https://www.example.gov.hk/news/1.html',
    publishedAt: '2024-11-22',
    script: undefined,
    normalizedText: undefined,
    taxonomy: undefined,
    html: undefined,
  };
}

let team: Awaited<ReturnType<typeof teamOfThree>>;
let originalId: string;

beforeAll(async () => {
  api = await startApi();
  team = await teamOfThree(api.app);
  originalId = uuidv7();
  await call(api.app, 'POST', `/collections/${team.collection.id}/clips/batch`, {
    token: team.editor.token,
    body: {
      items: [
        { id: originalId, draft: original },
        ...drafts.filter((d) => d !== drafts[1]).map((draft) => ({ id: uuidv7(), draft })),
      ],
    },
  });
}, 240_000);
afterAll(() => api.close());

describe('POST /similar/check', () => {
  it('names a repost in the other script, cut down, as a near-duplicate of the stored clip', async () => {
    const reply = await call(api.app, 'POST', '/similar/check', {
      token: team.viewer.token,
      body: { draft: repost(original) },
    });
    expect(reply.status).toBe(200);
    expect(reply.body.sameUrl).toEqual([]);
    expect(reply.body.nearDuplicates).toHaveLength(1);
    const match = reply.body.nearDuplicates[0];
    expect(match).toMatchObject({
      clipId: originalId,
      collectionId: team.collection.id,
      title: original.title,
      clippedBy: { id: team.editor.id, name: '编辑' },
    });
    expect(match.score).toBeGreaterThan(0.7);
    expect(match.differs).toEqual(['shorter', 'other-script']);
  });

  it('finds the same URL behind tracking parameters, and the same text', async () => {
    const reply = await call(api.app, 'POST', '/similar/check', {
      token: team.editor.token,
      body: {
        draft: {
          ...original,
          url: 'http://fflz.cn/a/fanfuzhuanti/2024/1120/52731.html?utm_source=wx#top',
        },
        collection: team.collection.id,
      },
    });
    expect(reply.body.sameUrl.map((m: { clipId: string }) => m.clipId)).toEqual([originalId]);
    expect(reply.body.sameText.map((m: { clipId: string }) => m.clipId)).toEqual([originalId]);
    expect(reply.body.nearDuplicates).toEqual([]);
  });

  it('does not call another hospital’s party-building story a duplicate', async () => {
    const other = drafts[4]!;
    const reply = await call(api.app, 'POST', '/similar/check', {
      token: team.editor.token,
      body: { draft: { ...other, url: 'https://other.example.cn/x.html' } },
    });
    const titles = (list: { title: string }[]) => list.map((m) => m.title);
    // It is stored itself (the same text); the original, on the same subject, is not a duplicate.
    expect(titles(reply.body.sameText)).toEqual([other.title]);
    expect(titles(reply.body.nearDuplicates)).not.toContain(original.title);
    expect(titles(reply.body.sameText)).not.toContain(original.title);
  });

  it('sees nothing of collections the caller cannot read', async () => {
    const outsider = await teamOfThree(api.app);
    const reply = await call(api.app, 'POST', '/similar/check', {
      token: outsider.owner.token,
      body: { draft: repost(original) },
    });
    expect(reply.body.nearDuplicates).toEqual([]);
    const refused = await call(api.app, 'POST', '/similar/check', {
      token: outsider.owner.token,
      body: { draft: original, collection: team.collection.id },
    });
    expect(refused.status).toBe(404);
  });
});

describe('near-duplicates in a collection', () => {
  it("lists a clip's near-duplicates and the collection's groups with a canonical pick", async () => {
    const repostId = uuidv7();
    await call(api.app, 'POST', `/collections/${team.collection.id}/clips`, {
      token: team.editor.token,
      body: { id: repostId, draft: repost(original) },
    });
    const similar = await call(api.app, 'GET', `/clips/${repostId}/similar`, {
      token: team.viewer.token,
    });
    expect(similar.body.nearDuplicates.map((m: { clipId: string }) => m.clipId)).toEqual([
      originalId,
    ]);

    const groups = await call(api.app, 'GET', `/collections/${team.collection.id}/duplicates`, {
      token: team.viewer.token,
    });
    expect(groups.status).toBe(200);
    expect(groups.body.groups).toHaveLength(1);
    const [group] = groups.body.groups;
    // The earliest published is the canonical.
    expect(group.canonical).toBe(originalId);
    expect(
      group.clips.map((c: { clipId: string; canonical: boolean }) => [c.clipId, c.canonical]),
    ).toEqual([
      [originalId, true],
      [repostId, false],
    ]);

    // An editor keeps the repost instead; a viewer may not.
    const current = await call(api.app, 'GET', `/clips/${repostId}`, { token: team.viewer.token });
    const etag = current.headers.get('etag')!;
    const refused = await call(api.app, 'PATCH', `/clips/${repostId}`, {
      token: team.viewer.token,
      headers: { 'if-match': etag },
      body: { canonical: true },
    });
    expect(refused.status).toBe(403);
    const picked = await call(api.app, 'PATCH', `/clips/${repostId}`, {
      token: team.editor.token,
      headers: { 'if-match': etag },
      body: { canonical: true },
    });
    expect(picked.body.canonicalPick).toBe(true);
    const after = await call(api.app, 'GET', `/collections/${team.collection.id}/duplicates`, {
      token: team.viewer.token,
    });
    expect(after.body.groups[0].canonical).toBe(repostId);
    // The pick is a change like any other: clients syncing see it.
    const changes = await call(
      api.app,
      'GET',
      `/collections/${team.collection.id}/changes?since=${current.body.version}`,
      { token: team.viewer.token },
    );
    expect(
      changes.body.clips.map((c: { id: string; canonicalPick: boolean }) => [
        c.id,
        c.canonicalPick,
      ]),
    ).toEqual([[repostId, true]]);
  });

  it('pages through the groups with offset and limit, all of them counted', async () => {
    const made = await call(api.app, 'POST', '/collections', {
      token: team.owner.token,
      body: { name: '分页', teamId: team.team.id },
    });
    const id = made.body.id as string;
    // Three groups: three copies of one article, two of another, two of a third.
    const items = [
      drafts[0]!,
      drafts[0]!,
      drafts[0]!,
      drafts[2]!,
      drafts[2]!,
      drafts[3]!,
      drafts[3]!,
    ].map((draft, i) => ({ id: uuidv7(), draft: { ...draft, url: `https://example.cn/${i}` } }));
    const stored = await call(api.app, 'POST', `/collections/${id}/clips/batch`, {
      token: team.editor.token,
      body: { items },
    });
    expect(stored.status).toBe(200);
    const path = `/collections/${id}/duplicates`;
    const read = async (query = '') =>
      (await call(api.app, 'GET', `${path}${query}`, { token: team.viewer.token })).body;
    const all = await read();
    expect(all.total).toBe(3);
    expect(all.groups.map((g: { clips: unknown[] }) => g.clips.length)).toEqual([3, 2, 2]);
    const pages = [
      await read('?limit=2'),
      await read('?offset=2&limit=2'),
      await read('?offset=3'),
    ];
    expect(pages.map((p) => p.total)).toEqual([3, 3, 3]);
    expect(pages.flatMap((p) => p.groups)).toEqual(all.groups);
    expect(pages[2].groups).toEqual([]);
    for (const [query, field] of [
      ['?limit=0', 'query.limit'],
      ['?limit=101', 'query.limit'],
      ['?offset=-1', 'query.offset'],
      ['?offset=x', 'query.offset'],
    ]) {
      const bad = await call(api.app, 'GET', `${path}${query}`, { token: team.viewer.token });
      expect(bad.status, query).toBe(400);
      expect(bad.body.error.field, query).toBe(field);
    }
    // A deletion is seen at once: the groups are kept by collection version only.
    const gone = await call(api.app, 'DELETE', `/clips/${items[5]!.id}`, {
      token: team.editor.token,
    });
    expect(gone.status).toBe(204);
    const after = await read();
    expect(after.total).toBe(2);
  });

  it('lists similar clips on the same subject, ranked by content, apart from the copies', async () => {
    const reply = await call(api.app, 'GET', `/clips/${originalId}/similar`, {
      token: team.viewer.token,
    });
    const similar: { clipId: string; score: number; title: string }[] = reply.body.similar;
    expect(similar.length).toBeGreaterThan(0);
    for (const match of similar) {
      expect(match.score).toBeGreaterThanOrEqual(0.1);
      expect(match.clipId).not.toBe(originalId);
    }
    const copies = reply.body.nearDuplicates.map((m: { clipId: string }) => m.clipId);
    for (const match of similar) expect(copies).not.toContain(match.clipId);
    const scores = similar.map((m) => m.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('finds an older story on the same subject, however many newer clips share its topics', async () => {
    const made = await call(api.app, 'POST', '/collections', {
      token: team.owner.token,
      body: { name: '全库', teamId: team.team.id },
    });
    const id = made.body.id as string;
    // One story in two halves: the first clipped long ago, the second checked now.
    const story = drafts[1]!;
    const paragraphs = story.text.split('\n\n');
    const half = Math.ceil(paragraphs.length / 2);
    const asDraft = (title: string, text: string[], url: string): ClipDraft => ({
      ...story,
      title,
      text: text.join('\n\n'),
      url,
      script: undefined,
      normalizedText: undefined,
      taxonomy: undefined,
      html: undefined,
    });
    const siblingId = uuidv7();
    const sibling = asDraft(story.title, paragraphs.slice(0, half), 'https://example.cn/old');
    await call(api.app, 'POST', `/collections/${id}/clips/batch`, {
      token: team.editor.token,
      body: { items: [{ id: siblingId, draft: sibling }] },
    });
    // Then 240 newer clips on the same topics: other hospitals' party-building paragraphs.
    const others = drafts
      .filter((d) => d !== story)
      .flatMap((d) => d.text.split('\n\n'))
      .filter((p) => p.length >= 40);
    const newer = Array.from({ length: 240 }, (_, i) =>
      asDraft(
        `党建引领高质量发展 ${i}`,
        [0, 1, 2, 3].map((k) => others[(i * 7 + k * 13) % others.length]!),
        `https://example.cn/new/${i}`,
      ),
    );
    for (let i = 0; i < newer.length; i += 80) {
      const stored = await call(api.app, 'POST', `/collections/${id}/clips/batch`, {
        token: team.editor.token,
        body: { items: newer.slice(i, i + 80).map((draft) => ({ id: uuidv7(), draft })) },
      });
      expect(stored.status).toBe(200);
    }
    const query = asDraft(story.title, paragraphs.slice(half), 'https://example.cn/now');
    const reply = await call(api.app, 'POST', '/similar/check', {
      token: team.viewer.token,
      body: { draft: query, collection: id },
    });
    expect(reply.status).toBe(200);
    const similar: { clipId: string; score: number }[] = reply.body.similar;
    expect(reply.body.nearDuplicates).toEqual([]);
    expect(similar[0]?.clipId).toBe(siblingId);
    expect(similar[0]!.score).toBeGreaterThan(similar[1]?.score ?? 0);
  }, 120_000);
});
