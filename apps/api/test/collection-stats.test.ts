import { type ClipDraft, type ClipView, zFacetCounts, zOverview } from '@jianbao/core';
import { facetKeys } from '@jianbao/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Api,
  call,
  type Reply,
  seedDrafts,
  signUp,
  startApi,
  teamOfThree,
  uuidv7,
} from './harness';

// GET /collections/{id}/facets, GET /collections/{id}/overview and GET /clips?sort=published,
// on the seed drafts as the API stores them. The counts are checked against the clips the same
// viewer reads back through GET /clips; the queries' own oracle tests are in packages/db.

let api: Api;
let team: Awaited<ReturnType<typeof teamOfThree>>;
/** Every seed draft, some tagged. */
let seedsId: string;
/** The seed drafts again under many dates, some undated. */
let datesId: string;
const drafts = seedDrafts();

const STAMPS: (string | null)[] = [
  '2023-08-09',
  null,
  '2024-11-20T23:46:40+08:00',
  '2023-08-09',
  '2015-06',
  null,
  '2024-11-20',
  '2025-01-02',
  '2023-08-09T10:00:00+08:00',
];

async function store(collectionId: string, items: { draft: ClipDraft; tags?: string[] }[]) {
  const reply = await call(api.app, 'POST', `/collections/${collectionId}/clips/batch`, {
    token: team.editor.token,
    body: { items: items.map((item) => ({ id: uuidv7(), ...item })) },
  });
  expect(reply.status).toBe(200);
  expect(reply.body.results.every((r: { status: string }) => r.status === 'created')).toBe(true);
}

beforeAll(async () => {
  api = await startApi();
  team = await teamOfThree(api.app);
  seedsId = team.collection.id;
  await store(
    seedsId,
    drafts.map((draft, i) => ({ draft, tags: i % 2 === 0 ? ['党建'] : [] })),
  );
  const second = await call(api.app, 'POST', '/collections', {
    token: team.owner.token,
    body: { name: '日期', teamId: team.team.id },
  });
  datesId = second.body.id;
  await store(
    datesId,
    Array.from({ length: 2 * drafts.length }, (_, i) => ({
      draft: {
        ...drafts[i % drafts.length]!,
        url: `https://example.cn/${i}.html`,
        publishedAt: STAMPS[i % STAMPS.length]!,
      },
    })),
  );
}, 180_000);
afterAll(() => api.close());

/** Every clip a list gives, through its pages. */
async function everyClip(path: string, token = team.viewer.token): Promise<ClipView[]> {
  const clips: ClipView[] = [];
  let cursor: string | null = null;
  do {
    const joiner = path.includes('?') ? '&' : '?';
    const reply: Reply = await call(
      api.app,
      'GET',
      `${path}${joiner}limit=4${cursor ? `&cursor=${cursor}` : ''}`,
      { token },
    );
    expect(reply.status, reply.body?.error?.message).toBe(200);
    clips.push(...reply.body.clips);
    cursor = reply.body.nextCursor;
  } while (cursor);
  return clips;
}

/** What the facets should say about these clips (region: provinces), from their facet keys. */
function countsOf(clips: ClipView[]) {
  const counts = new Map<string, number>();
  for (const view of clips) {
    for (const key of facetKeys(view.clip, view.tags)) {
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return counts;
}

function facetsPath(id: string, query = '') {
  return `/collections/${id}/facets${query ? `?${query}` : ''}`;
}

describe('GET /collections/{id}/facets', () => {
  it('counts the clips a viewer reads, per facet, top values first, with labels', async () => {
    const reply = await call(api.app, 'GET', facetsPath(seedsId), { token: team.viewer.token });
    expect(reply.status).toBe(200);
    const body = zFacetCounts.parse(reply.body);
    expect(Object.keys(reply.body).sort()).toEqual(['facets', 'published', 'total']);
    const clips = await everyClip(`/clips?collection=${seedsId}`);
    expect(body.total).toBe(clips.length);
    const counts = countsOf(clips);
    const names = {
      sourceKind: 'source',
      source: 'outlet',
      topic: 'topic',
      region: 'region',
      institution: 'institution',
      tag: 'tag',
    } as const;
    for (const [name, kind] of Object.entries(names)) {
      const list = body.facets[name as keyof typeof names];
      const all = [...counts].filter(
        ([key]) =>
          key.startsWith(`${kind}:`) && (kind !== 'region' || key.length === 'region:'.length + 2),
      );
      expect(list.length, name).toBe(Math.min(20, all.length));
      for (const entry of list)
        expect(entry.count, entry.value).toBe(counts.get(`${kind}:${entry.value}`));
      // Count desc, then value.
      for (let i = 1; i < list.length; i++) {
        const [a, b] = [list[i - 1]!, list[i]!];
        expect(a.count > b.count || (a.count === b.count && a.value < b.value)).toBe(true);
      }
      // Nothing left out counts more than the last listed.
      const listed = new Set(list.map((e) => e.value));
      const floor = list.at(-1)?.count ?? 0;
      for (const [key, n] of all) {
        if (!listed.has(key.slice(kind.length + 1))) expect(n).toBeLessThanOrEqual(floor);
      }
    }
    expect(body.facets.tag).toEqual([
      { value: '党建', label: '党建', count: Math.ceil(drafts.length / 2) },
    ]);
    expect(body.facets.region).toContainEqual(
      expect.objectContaining({ value: '44', label: '广东省' }),
    );
    const topicLabels = new Map(
      clips.flatMap((c) => c.clip.taxonomy.topics.map((t) => [t.id, t.label] as const)),
    );
    for (const topic of body.facets.topic) expect(topic.label).toBe(topicLabels.get(topic.value));
    const sourceKinds = body.facets.sourceKind;
    expect(sourceKinds.every((s) => s.label === s.value)).toBe(true);
    // Outlets: each clip's source as written, else its site name.
    const outlets = new Set(clips.map((c) => c.clip.source || c.clip.siteName).filter(Boolean));
    expect(body.facets.source.length).toBe(Math.min(20, outlets.size));
    expect(body.facets.source.length).toBeGreaterThan(1);
    for (const outlet of body.facets.source) expect(outlets.has(outlet.value)).toBe(true);
    const dates = clips.flatMap((c) => c.clip.publishedAt ?? []).sort();
    expect(body.published).toEqual({ from: dates[0], to: dates.at(-1) });
  });

  it('narrows by the filters of GET /clips, as GET /clips does', async () => {
    for (const query of [
      'topic=party-building',
      'sourceKind=pdf-newspaper',
      'tag=%E5%85%9A%E5%BB%BA',
      'publishedFrom=2023-11&publishedTo=2025-06',
      `q=${encodeURIComponent('医院')}`,
      `q=${encodeURIComponent('醫院')}&region=44`,
      'topic=party-building&region=44',
    ]) {
      const reply = await call(api.app, 'GET', facetsPath(seedsId, query), {
        token: team.viewer.token,
      });
      expect(reply.status, query).toBe(200);
      const clips = await everyClip(`/clips?collection=${seedsId}&${query}`);
      expect(reply.body.total, query).toBe(clips.length);
      expect(reply.body.total, query).toBeLessThan(drafts.length);
      expect(reply.body.total, query).toBeGreaterThan(0);
      const counts = countsOf(clips);
      for (const topic of reply.body.facets.topic) {
        expect(topic.count, `${query} ${topic.value}`).toBe(counts.get(`topic:${topic.value}`));
      }
    }
    const topic = await call(api.app, 'GET', facetsPath(seedsId, 'topic=party-building'), {
      token: team.viewer.token,
    });
    expect(topic.body.facets.topic).toContainEqual({
      value: 'party-building',
      label: '党建引领',
      count: topic.body.total,
    });
    // An empty q is no query, as in GET /clips.
    const empty = await call(api.app, 'GET', facetsPath(seedsId, 'q='), {
      token: team.viewer.token,
    });
    expect(empty.body.total).toBe(drafts.length);
  });

  it('narrows by outlet, in the facets, the list and the overview alike', async () => {
    const all = await call(api.app, 'GET', facetsPath(seedsId), { token: team.viewer.token });
    const top = all.body.facets.source[0] as { value: string; count: number };
    const query = `source=${encodeURIComponent(top.value)}`;
    const narrowed = await call(api.app, 'GET', facetsPath(seedsId, query), {
      token: team.viewer.token,
    });
    expect(narrowed.body.total).toBe(top.count);
    expect(narrowed.body.total).toBeLessThan(drafts.length);
    expect(narrowed.body.facets.source).toEqual([top]);
    const clips = await everyClip(`/clips?collection=${seedsId}&${query}`);
    expect(clips.map((c) => c.clip.source || c.clip.siteName)).toEqual(clips.map(() => top.value));
    expect(clips).toHaveLength(top.count);
    const chart = await call(api.app, 'GET', `/collections/${seedsId}/overview?${query}`, {
      token: team.viewer.token,
    });
    expect(chart.body.total).toBe(top.count);
    expect(chart.body.sources).toEqual([top]);
  });

  it('counts again after every write: a new clip, a tag edit, a deletion', async () => {
    const made = await call(api.app, 'POST', '/collections', {
      token: team.owner.token,
      body: { name: '新写', teamId: team.team.id },
    });
    const id = made.body.id as string;
    const read = async (path: string) =>
      (await call(api.app, 'GET', path, { token: team.viewer.token })).body;
    const facets = () => read(facetsPath(id));
    const chart = () => read(`/collections/${id}/overview`);
    expect((await facets()).total).toBe(0);
    expect((await chart()).total).toBe(0);
    // Asked twice at one version: the same answer.
    expect(await facets()).toEqual(await facets());
    await store(id, [{ draft: drafts[0]! }]);
    expect((await facets()).total).toBe(1);
    expect((await chart()).total).toBe(1);
    const [clip] = (await read(`/clips?collection=${id}`)).clips as ClipView[];
    const edited = await call(api.app, 'PATCH', `/clips/${clip!.id}`, {
      token: team.editor.token,
      headers: { 'if-match': `"${clip!.version}"` },
      body: { tags: ['新标签'] },
    });
    expect(edited.status).toBe(200);
    expect((await facets()).facets.tag).toEqual([{ value: '新标签', label: '新标签', count: 1 }]);
    expect((await read(facetsPath(id, 'tag=%E6%96%B0%E6%A0%87%E7%AD%BE'))).total).toBe(1);
    const gone = await call(api.app, 'DELETE', `/clips/${clip!.id}`, { token: team.editor.token });
    expect(gone.status).toBe(204);
    expect((await facets()).total).toBe(0);
    expect((await chart()).total).toBe(0);
    // A SearchQueryError is a 400 every time, not a kept answer.
    for (let i = 0; i < 2; i++) {
      const bad = await call(api.app, 'GET', facetsPath(id, `q=${encodeURIComponent('，。')}`), {
        token: team.viewer.token,
      });
      expect(bad.status).toBe(400);
    }
  });

  it('drills regions down: provinces, then a province’s cities, then a city’s districts', async () => {
    const guangdong = await call(api.app, 'GET', facetsPath(seedsId, 'region=44'), {
      token: team.viewer.token,
    });
    expect(guangdong.status).toBe(200);
    const cities = guangdong.body.facets.region as { value: string; label: string }[];
    expect(cities.length).toBeGreaterThan(1);
    expect(cities.every((c) => /^44\d{2}$/.test(c.value))).toBe(true);
    expect(cities).toContainEqual(expect.objectContaining({ value: '4401', label: '广州市' }));
    const guangzhou = await call(api.app, 'GET', facetsPath(seedsId, 'region=4401'), {
      token: team.viewer.token,
    });
    expect(
      guangzhou.body.facets.region.every((d: { value: string }) => /^4401\d{2}$/.test(d.value)),
    ).toBe(true);
    expect(guangzhou.body.facets.region.map((d: { label: string }) => d.label)).toContain('白云区');
    expect(guangzhou.body.total).toBe(
      (await everyClip(`/clips?collection=${seedsId}&region=4401`)).length,
    );
  });

  it('is a 404 to an outsider and for no collection, a 401 without a token', async () => {
    const outsider = await signUp(api.app, '路人');
    for (const path of [facetsPath(seedsId), `/collections/${seedsId}/overview`]) {
      const reply = await call(api.app, 'GET', path, { token: outsider.token });
      expect(reply.status, path).toBe(404);
      expect(reply.body.error.code).toBe('not-found');
      expect((await call(api.app, 'GET', path)).status).toBe(401);
    }
    const none = await call(api.app, 'GET', facetsPath(uuidv7()), { token: team.owner.token });
    expect(none.status).toBe(404);
  });

  it('answers a bad query with a 400 naming the field', async () => {
    const bad: [string, string, string][] = [
      ['sourceKind=blog', 'invalid-field', 'query.sourceKind'],
      ['publishedFrom=yesterday', 'invalid-field', 'query.publishedFrom'],
      ['colour=red', 'unknown-field', 'query.colour'],
      ['cursor=abc', 'unknown-field', 'query.cursor'],
      [`q=${'医'.repeat(201)}`, 'too-large', 'query.q'],
      [`q=${encodeURIComponent('，。')}`, 'invalid-query', 'q'],
    ];
    for (const [query, code, field] of bad) {
      for (const route of ['facets', 'overview']) {
        const reply = await call(api.app, 'GET', `/collections/${seedsId}/${route}?${query}`, {
          token: team.viewer.token,
        });
        expect(reply.status, `${route} ${query}`).toBe(400);
        expect(reply.body.error, `${route} ${query}`).toMatchObject({ code, field });
      }
    }
    const notId = await call(api.app, 'GET', '/collections/not-a-uuid/facets', {
      token: team.viewer.token,
    });
    expect(notId.status).toBe(400);
    expect(notId.body.error.field).toBe('id');
  });
});

describe('GET /collections/{id}/overview', () => {
  it('gives months, series, sources and institutions of the clips, to a viewer', async () => {
    const reply = await call(api.app, 'GET', `/collections/${datesId}/overview`, {
      token: team.viewer.token,
    });
    expect(reply.status).toBe(200);
    const body = zOverview.parse(reply.body);
    expect(Object.keys(reply.body).sort()).toEqual(
      [
        'byRegion',
        'byTopic',
        'institutions',
        'months',
        'perMonth',
        'sources',
        'total',
        'undated',
      ].sort(),
    );
    const clips = await everyClip(`/clips?collection=${datesId}`);
    expect(body.total).toBe(clips.length);
    expect(body.undated).toBe(clips.filter((c) => !c.clip.publishedAt).length);
    // 2015-06 to 2025-01, every month, gaps filled.
    expect(body.months[0]).toBe('2015-06');
    expect(body.months.at(-1)).toBe('2025-01');
    expect(body.months).toHaveLength(9 * 12 + 8);
    expect(body.perMonth).toHaveLength(body.months.length);
    const at = (month: string) => body.perMonth[body.months.indexOf(month)];
    const datedIn = (month: string) =>
      clips.filter((c) => c.clip.publishedAt?.startsWith(month)).length;
    for (const month of ['2015-06', '2023-08', '2024-11', '2025-01', '2020-01']) {
      expect(at(month), month).toBe(datedIn(month));
    }
    expect(body.perMonth.reduce((a, b) => a + b, 0)).toBe(body.total - body.undated);
    const counts = countsOf(clips);
    expect(body.byTopic).toHaveLength(8);
    expect(body.byRegion.length).toBeGreaterThan(0);
    for (const series of [...body.byTopic, ...body.byRegion]) {
      const kind = body.byTopic.includes(series) ? 'topic' : 'region';
      expect(series.total).toBe(counts.get(`${kind}:${series.value}`));
      expect(series.counts).toHaveLength(body.months.length);
      expect(series.counts.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(series.total);
    }
    expect(body.byRegion.every((r) => r.value.length === 2)).toBe(true);
    expect(body.byRegion).toContainEqual(expect.objectContaining({ value: '44', label: '广东省' }));
    const sources = new Map<string, number>();
    for (const c of clips) {
      const source = c.clip.source || c.clip.siteName;
      if (source) sources.set(source, (sources.get(source) ?? 0) + 1);
    }
    expect(body.sources.length).toBe(Math.min(10, sources.size));
    for (const s of body.sources) expect(s.count).toBe(sources.get(s.value));
    for (const i of body.institutions) expect(i.count).toBe(counts.get(`institution:${i.value}`));
    expect(body.institutions).toHaveLength(10);
  });

  it('narrows by the same filters', async () => {
    const reply = await call(
      api.app,
      'GET',
      `/collections/${datesId}/overview?region=44&publishedFrom=2023-01`,
      { token: team.viewer.token },
    );
    expect(reply.status).toBe(200);
    const clips = await everyClip(`/clips?collection=${datesId}&region=44&publishedFrom=2023-01`);
    expect(reply.body.total).toBe(clips.length);
    expect(reply.body.undated).toBe(0);
    expect(reply.body.months[0]).toBe('2023-08');
    // Every match is in 广东; some name other provinces too.
    expect(reply.body.byRegion[0]).toMatchObject({ value: '44', total: clips.length });
  });
});

describe('GET /clips?sort=published', () => {
  it('pages newest published first, undated last, every clip exactly once', async () => {
    const clips = await everyClip(`/clips?collection=${datesId}&sort=published`);
    const all = await everyClip(`/clips?collection=${datesId}`);
    expect(clips).toHaveLength(all.length);
    expect(new Set(clips.map((c) => c.id)).size).toBe(all.length);
    const dates = clips.map((c) => c.clip.publishedAt);
    const firstUndated = dates.indexOf(null);
    expect(firstUndated).toBeGreaterThan(0);
    expect(dates.slice(firstUndated).every((d) => d === null)).toBe(true);
    const dated = dates.slice(0, firstUndated) as string[];
    expect(dated).toEqual([...dated].sort().reverse());
    expect(dated[0]).toBe('2025-01-02');
    // Ties (and the undated) newest id first.
    for (let i = 1; i < clips.length; i++) {
      if (dates[i] === dates[i - 1]) expect(clips[i]!.id < clips[i - 1]!.id).toBe(true);
    }
    // The default order is unchanged: newest clipped first.
    expect(all.map((c) => c.id)).toEqual([...all.map((c) => c.id)].sort().reverse());
  });

  it('refuses a cursor of the other order, and an unknown sort', async () => {
    const byClipped = await call(api.app, 'GET', `/clips?collection=${datesId}&limit=2`, {
      token: team.viewer.token,
    });
    const byPublished = await call(
      api.app,
      'GET',
      `/clips?collection=${datesId}&limit=2&sort=published`,
      { token: team.viewer.token },
    );
    for (const [sort, cursor] of [
      ['published', byClipped.body.nextCursor],
      ['clipped', byPublished.body.nextCursor],
    ]) {
      const reply = await call(
        api.app,
        'GET',
        `/clips?collection=${datesId}&sort=${sort}&cursor=${cursor}`,
        { token: team.viewer.token },
      );
      expect(reply.status, sort).toBe(400);
      expect(reply.body.error).toMatchObject({ code: 'invalid-cursor', field: 'cursor' });
    }
    const unknown = await call(api.app, 'GET', `/clips?collection=${datesId}&sort=title`, {
      token: team.viewer.token,
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.field).toBe('query.sort');
  });

  it('is ignored with q: search keeps its own order', async () => {
    const q = encodeURIComponent('医院');
    const plain = await call(api.app, 'GET', `/clips?collection=${datesId}&q=${q}&limit=100`, {
      token: team.viewer.token,
    });
    const sorted = await call(
      api.app,
      'GET',
      `/clips?collection=${datesId}&q=${q}&limit=100&sort=published`,
      { token: team.viewer.token },
    );
    expect(sorted.status).toBe(200);
    expect(sorted.body.clips.length).toBeGreaterThan(1);
    expect(sorted.body.clips.map((c: ClipView) => c.id)).toEqual(
      plain.body.clips.map((c: ClipView) => c.id),
    );
    expect(sorted.body.order).toBe(plain.body.order);
  });
});

describe('the OpenAPI document', () => {
  it('describes both routes and the sort parameter', async () => {
    const document = (await call(api.app, 'GET', '/openapi.json')).body;
    expect(document.paths['/collections/{id}/facets'].get.responses['200']).toBeDefined();
    expect(document.paths['/collections/{id}/overview'].get.responses['200']).toBeDefined();
    const parameters = document.paths['/clips'].get.parameters.map((p: { name: string }) => p.name);
    expect(parameters).toContain('sort');
  });
});
