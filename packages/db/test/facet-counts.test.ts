import { readFileSync } from 'node:fs';
import { allDivisions, type Clip } from '@jianbao/core';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ClipFilters,
  createCollection,
  createTeam,
  createUser,
  type Database,
  type DbHandle,
  deleteClip,
  type FacetCount,
  type FacetCounts,
  type FacetKind,
  facetCounts,
  facetKeys,
  ListCursorError,
  listClips,
  migrate,
  migrationsFolder,
  type Overview,
  overview,
  SearchQueryError,
  type StoredClip,
  upsertClips,
} from '../src';
import { rowsOf } from '../src/queries/rows';
import { normalizeText } from '../src/search/normalize';
import { backends, draftHash, seedClips, uuidv7 } from './support';

// Facet counts, the overview and the list newest published first, each against an oracle
// computed in JS from the clips as stored, on PGlite and on a real PostgreSQL.

interface Kept {
  id: string;
  clip: Clip;
  tags: string[];
}

const KIND_NAMES: Record<string, keyof FacetCounts['facets']> = {
  source: 'sourceKind',
  outlet: 'source',
  topic: 'topic',
  region: 'region',
  institution: 'institution',
  tag: 'tag',
};

const divisionName = new Map(allDivisions().map((d) => [d.code, d.name]));

/** Count desc, then value in code point order (what `collate "C"` gives). */
const byCountThenValue = (a: { count: number; value: string }, b: typeof a) =>
  b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0);

function contains(clip: Clip, query: string): boolean {
  const needle = normalizeText(query).toLowerCase();
  return [normalizeText(clip.title), clip.normalizedText].some((t) =>
    t.toLowerCase().includes(needle),
  );
}

/** The oracle's filter: the same rules as filterConditions and matchCondition. */
function matching(kept: Kept[], filters: ClipFilters = {}, query?: string): Kept[] {
  return kept.filter(({ clip, tags }) => {
    const keys = new Set(facetKeys(clip, tags));
    for (const [kind, value] of Object.entries(filters.facets ?? {})) {
      if (value && !keys.has(`${kind as FacetKind}:${value}`)) return false;
    }
    const published = clip.publishedAt;
    if (filters.publishedFrom && !(published !== null && published >= filters.publishedFrom)) {
      return false;
    }
    if (
      filters.publishedTo &&
      !(published !== null && published <= `${filters.publishedTo}\uffff`)
    ) {
      return false;
    }
    return query === undefined || contains(clip, query);
  });
}

/** Whether a region key is counted: provinces, or the divisions whose nearest parent is `region`. */
function regionLevel(region: string | undefined): (code: string) => boolean {
  if (!region) return (code) => code.length === 2;
  const children = new Set(
    allDivisions()
      .filter((d) => d.parents.at(-1) === region)
      .map((d) => d.code),
  );
  return (code) => children.has(code);
}

function topicLabels(kept: Kept[]): Map<string, string> {
  return new Map(kept.flatMap(({ clip }) => clip.taxonomy.topics.map((t) => [t.id, t.label])));
}

function expectedFacets(kept: Kept[], filters: ClipFilters = {}, query?: string): FacetCounts {
  const matches = matching(kept, filters, query);
  const inRegion = regionLevel(filters.facets?.region);
  const labels = topicLabels(kept);
  const counts = new Map<string, number>();
  for (const { clip, tags } of matches) {
    for (const key of facetKeys(clip, tags)) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const facets: FacetCounts['facets'] = {
    sourceKind: [],
    source: [],
    topic: [],
    region: [],
    institution: [],
    tag: [],
  };
  for (const [key, count] of counts) {
    const kind = key.slice(0, key.indexOf(':'));
    const value = key.slice(kind.length + 1);
    if (kind === 'region' && !inRegion(value)) continue;
    const label =
      kind === 'topic'
        ? labels.get(value)!
        : kind === 'region'
          ? (divisionName.get(value) ?? value)
          : value;
    facets[KIND_NAMES[kind]!].push({ value, label, count });
  }
  for (const list of Object.values(facets)) list.sort(byCountThenValue).splice(20);
  const dates = matches.flatMap(({ clip }) => (clip.publishedAt ? [clip.publishedAt] : [])).sort();
  return {
    total: matches.length,
    facets,
    published: { from: dates[0] ?? null, to: dates.at(-1) ?? null },
  };
}

function monthIndex(m: string): number {
  return Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;
}

function expectedOverview(kept: Kept[], filters: ClipFilters = {}): Overview {
  const matches = matching(kept, filters);
  const dated = matches.filter(({ clip }) => clip.publishedAt);
  const present = dated.map(({ clip }) => monthIndex(clip.publishedAt!));
  const months: string[] = [];
  if (present.length > 0) {
    const last = Math.max(...present);
    for (let at = Math.max(Math.min(...present), last - 119); at <= last; at++) {
      months.push(`${Math.floor(at / 12)}-${String((at % 12) + 1).padStart(2, '0')}`);
    }
  }
  const perMonth = months.map(
    (m) => dated.filter(({ clip }) => clip.publishedAt!.startsWith(m)).length,
  );
  const labels = topicLabels(kept);
  const series = (
    prefix: string,
    test: (value: string) => boolean,
    label: (v: string) => string,
  ) => {
    const totals = new Map<string, number>();
    for (const { clip, tags } of matches) {
      for (const key of facetKeys(clip, tags)) {
        if (key.startsWith(prefix) && test(key.slice(prefix.length))) {
          totals.set(key.slice(prefix.length), (totals.get(key.slice(prefix.length)) ?? 0) + 1);
        }
      }
    }
    return [...totals]
      .map(([value, count]) => ({ value, count }))
      .sort(byCountThenValue)
      .slice(0, 8)
      .map(({ value, count }) => ({
        value,
        label: label(value),
        total: count,
        counts: months.map(
          (m) =>
            dated.filter(
              ({ clip, tags }) =>
                clip.publishedAt!.startsWith(m) && facetKeys(clip, tags).includes(prefix + value),
            ).length,
        ),
      }));
  };
  const top = (values: string[]): FacetCount[] => {
    const counts = new Map<string, number>();
    for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
    return [...counts]
      .map(([value, count]) => ({ value, label: value, count }))
      .sort(byCountThenValue)
      .slice(0, 10);
  };
  return {
    total: matches.length,
    months,
    undated: matches.length - dated.length,
    perMonth,
    byTopic: series(
      'topic:',
      () => true,
      (v) => labels.get(v)!,
    ),
    byRegion: series(
      'region:',
      (v) => v.length === 2,
      (v) => divisionName.get(v) ?? v,
    ),
    sources: top(matches.flatMap(({ clip }) => clip.source || clip.siteName || [])),
    institutions: top(
      matches.flatMap(({ clip }) => [...new Set(clip.taxonomy.institutions.map((i) => i.name))]),
    ),
  };
}

/** A seed clip under another date (and, for variety, source or site name). */
function dated(index: number, publishedAt: string | null, source?: string | null): Clip {
  const clip = seedClips[index % seedClips.length]!;
  if (source === undefined) return { ...clip, publishedAt };
  // Without a source, a site name (every third one without either).
  return {
    ...clip,
    publishedAt,
    source,
    siteName: source === null && index % 3 ? `网站${index % 2}` : null,
  };
}

describe.each(backends)('%s: facet counts, overview, published order', (_name, makeBackend) => {
  const backend = makeBackend();
  let handle: DbHandle;
  let db: Database;
  let userId: string;
  /** Every seed clip, a few tagged, one deleted (not in `seeds`). */
  let seedsId: string;
  let seeds: Kept[];
  /** Seed clips under many dates (120+ months apart, some the same day, some undated). */
  let datesId: string;
  let dates: Kept[];

  beforeAll(async () => {
    handle = await backend.open();
    db = handle.db;
    await migrate(handle);
    const user = await createUser(db, {
      email: `${uuidv7()}@example.cn`,
      name: '编辑丙',
      passwordHash: 'scrypt$placeholder',
    });
    userId = user.id;
    const team = await createTeam(db, { name: '统计组', ownerUserId: userId });
    seedsId = (await createCollection(db, { name: '种子', teamId: team.id })).id;
    datesId = (await createCollection(db, { name: '日期', teamId: team.id })).id;
    seeds = seedClips.map((clip, i) => ({
      id: uuidv7(),
      clip,
      tags: i % 3 === 0 ? ['党建', '重点'] : i % 3 === 1 ? ['党建'] : [],
    }));
    await store(seedsId, seeds);
    const gone = { id: uuidv7(), clip: seedClips[0]!, tags: ['已删'] };
    await store(seedsId, [gone]);
    expect((await deleteClip(db, { clipId: gone.id })).kind).toBe('deleted');

    const stamps: (string | null)[] = [
      '1998-03',
      '2012-01-15',
      '2015-06',
      '2015-06-01',
      '2015-06-01',
      '2015-06-01T08:00:00+08:00',
      '2019-02-28',
      '2020-12-31T23:59:59+08:00',
      '2023-08-09',
      '2023-08-09',
      '2023-08-09',
      '2024-11-20T23:46:40+08:00',
      '2024-12',
      '2025-01-02',
      null,
      null,
      null,
    ];
    dates = Array.from({ length: 41 }, (_, i) => ({
      id: uuidv7(),
      clip: dated(i, stamps[i % stamps.length]!, i % 4 === 0 ? null : `来源${i % 5}`),
      tags: [],
    }));
    // The ids are UUIDv7, in creation order: shuffled, so the id order is not the date order.
    await store(datesId, [...dates].reverse());
  }, 180_000);

  afterAll(async () => {
    await handle?.close();
    await backend.dispose();
  });

  async function store(collectionId: string, kept: Kept[]) {
    const result = await upsertClips(db, {
      collectionId,
      createdBy: userId,
      clips: kept.map(({ id, clip, tags }) => ({
        clipId: id,
        draftHash: draftHash(clip),
        data: clip,
        tags,
      })),
    });
    expect(result.kind).toBe('done');
  }

  it('counts every facet of the seed clips, as the oracle does, in its order', async () => {
    const counts = await facetCounts(db, { collectionIds: [seedsId] });
    expect(counts).toEqual(expectedFacets(seeds));
    expect(counts.total).toBe(seedClips.length);
    // The deleted clip's tag is not counted; tags, topics and provinces are there with labels.
    expect(counts.facets.tag).toEqual([
      { value: '党建', label: '党建', count: seeds.filter((s) => s.tags.includes('党建')).length },
      { value: '重点', label: '重点', count: seeds.filter((s) => s.tags.includes('重点')).length },
    ]);
    expect(counts.facets.topic).toContainEqual({
      value: 'party-building',
      label: '党建引领',
      count: seedClips.filter((c) => c.taxonomy.topics.some((t) => t.id === 'party-building'))
        .length,
    });
    expect(counts.facets.region).toContainEqual(
      expect.objectContaining({ value: '44', label: '广东省' }),
    );
    expect(counts.facets.region.every((r) => r.value.length === 2)).toBe(true);
    expect(counts.facets.sourceKind[0]).toEqual({
      value: 'pdf-newspaper',
      label: 'pdf-newspaper',
      count: seedClips.filter((c) => c.sourceKind === 'pdf-newspaper').length,
    });
    expect(counts.published).toEqual({ from: '2023-08-09T09:08:52+08:00', to: '2025-12-24' });
  });

  it('narrows the counts by each filter, and by several together', async () => {
    const cases: ClipFilters[] = [
      { facets: { topic: 'party-building' } },
      { facets: { source: 'pdf-newspaper' } },
      { facets: { tag: '党建', topic: 'talent-training' } },
      { facets: { institution: '暨南大学' } },
      { publishedFrom: '2023-11', publishedTo: '2025' },
      { publishedTo: '2024-11-20' },
      { facets: { topic: 'no-such-topic' } },
    ];
    for (const filters of cases) {
      const counts = await facetCounts(db, { collectionIds: [seedsId], filters });
      expect(counts, JSON.stringify(filters)).toEqual(expectedFacets(seeds, filters));
    }
    const narrowed = await facetCounts(db, {
      collectionIds: [seedsId],
      filters: { facets: { topic: 'party-building' } },
    });
    expect(narrowed.total).toBeLessThan(seedClips.length);
    expect(narrowed.facets.topic[0]).toEqual({
      value: 'party-building',
      label: '党建引领',
      count: narrowed.total,
    });
  });

  it('drills regions down one level below the region filter', async () => {
    const guangdong = await facetCounts(db, {
      collectionIds: [seedsId],
      filters: { facets: { region: '44' } },
    });
    expect(guangdong).toEqual(expectedFacets(seeds, { facets: { region: '44' } }));
    expect(guangdong.facets.region.map((r) => r.value).sort()).toEqual([
      '4401',
      '4403',
      '4409',
      '4419',
    ]);
    expect(guangdong.facets.region).toContainEqual({ value: '4401', label: '广州市', count: 2 });
    const guangzhou = await facetCounts(db, {
      collectionIds: [seedsId],
      filters: { facets: { region: '4401' } },
    });
    expect(guangzhou.facets.region.map((r) => r.label).sort()).toEqual(['南沙区', '白云区']);
    // A municipality has no city level: its districts come next (none in the seeds: empty).
    const beijing = await facetCounts(db, {
      collectionIds: [seedsId],
      filters: { facets: { region: '11' } },
    });
    expect(beijing.total).toBe(2);
    expect(beijing.facets.region).toEqual([]);
    // A county has nothing below it.
    const county = await facetCounts(db, {
      collectionIds: [seedsId],
      filters: { facets: { region: '440115' } },
    });
    expect(county.total).toBe(1);
    expect(county.facets.region).toEqual([]);
  });

  it('narrows by a Chinese text query as search finds it, in either script', async () => {
    for (const query of ['医院', '醫院', '党建引领', '汉阴', '健康']) {
      const counts = await facetCounts(db, { collectionIds: [seedsId], query });
      expect(counts, query).toEqual(expectedFacets(seeds, {}, query));
    }
    const both = await facetCounts(db, {
      collectionIds: [seedsId],
      query: '医院',
      filters: { facets: { region: '44' } },
    });
    expect(both).toEqual(expectedFacets(seeds, { facets: { region: '44' } }, '医院'));
    await expect(facetCounts(db, { collectionIds: [seedsId], query: '，。' })).rejects.toThrow(
      SearchQueryError,
    );
  });

  it('counts only the collections given', async () => {
    const both = await facetCounts(db, { collectionIds: [seedsId, datesId] });
    expect(both.total).toBe(seeds.length + dates.length);
    expect(await facetCounts(db, { collectionIds: [] })).toMatchObject({ total: 0 });
    const dated = await facetCounts(db, { collectionIds: [datesId] });
    expect(dated).toEqual(expectedFacets(dates));
    expect(dated.published).toEqual({ from: '1998-03', to: '2025-01-02' });
  });

  it('counts and filters by outlet: the source as written, else the site name', async () => {
    const counts = await facetCounts(db, { collectionIds: [datesId] });
    expect(counts.facets.source.map((s) => s.value)).toEqual(
      expect.arrayContaining(['来源1', '来源2', '来源3', '来源4']),
    );
    // Clips without a source fall back to their site name.
    const bySite = dates.find((d) => d.clip.source === null && d.clip.siteName)?.clip.siteName;
    expect(bySite).toBeTruthy();
    expect(counts.facets.source.map((s) => s.value)).toContain(bySite);
    for (const filters of [
      { facets: { outlet: '来源1' } },
      { facets: { outlet: '来源2', source: 'pdf-newspaper' } },
      { facets: { outlet: bySite! } },
    ] satisfies ClipFilters[]) {
      const narrowed = await facetCounts(db, { collectionIds: [datesId], filters });
      expect(narrowed, JSON.stringify(filters)).toEqual(expectedFacets(dates, filters));
      expect(narrowed.total).toBeGreaterThan(0);
    }
  });

  it('files outlets in SQL (migration 0006) exactly as facetKeys does, once', async () => {
    const team = await createTeam(db, { name: '来源组', ownerUserId: userId });
    const outletsId = (await createCollection(db, { name: '来源', teamId: team.id })).id;
    const base = seedClips[0]!;
    const variants: [string | null, string | null][] = [
      ['\u3000人民日报 ', '人民网'],
      [' \t', '\u00a0新华网\u00a0'],
      ['', '  '],
      [null, null],
      ['中国纪检监察报', null],
    ];
    const kept = variants.map(([source, siteName]) => ({
      id: uuidv7(),
      clip: { ...base, source, siteName },
      tags: ['来源测试'],
    }));
    await store(outletsId, kept);
    const facetsOf = async () => {
      const list = rowsOf<{ id: string; facets: string[] }>(
        await db.execute(
          sql`select id, facets from clips where collection_id = ${outletsId} order by id`,
        ),
      );
      return new Map(list.map((r) => [r.id, [...r.facets].sort()]));
    };
    const written = await facetsOf();
    for (const { id, clip, tags } of kept) {
      expect(written.get(id)).toEqual(facetKeys(clip, tags).sort());
    }
    expect(written.get(kept[0]!.id)).toContain('outlet:人民日报');
    expect(written.get(kept[1]!.id)).toContain('outlet:新华网');
    expect(written.get(kept[2]!.id)!.some((k) => k.startsWith('outlet:'))).toBe(false);
    // As rows written before 0006 were: no outlet keys; the migration files them, and twice
    // files nothing more.
    await db.execute(sql`update clips set facets = array(
      select k from unnest(facets) k where k not like 'outlet:%') where collection_id = ${outletsId}`);
    const migration = readFileSync(`${migrationsFolder}/0006_outlet_facet.sql`, 'utf8');
    await db.execute(sql.raw(migration));
    await db.execute(sql.raw(migration));
    expect(await facetsOf()).toEqual(written);
  });

  it('gives the overview: months filled, at most 120, undated counted apart', async () => {
    const result = await overview(db, { collectionIds: [datesId] });
    expect(result).toEqual(expectedOverview(dates));
    expect(result.months).toHaveLength(120);
    expect(result.months[0]).toBe('2015-02');
    expect(result.months.at(-1)).toBe('2025-01');
    expect(result.undated).toBe(dates.filter((d) => !d.clip.publishedAt).length);
    // 1998 and 2012 are before the window: in the totals, in no month.
    const sum = (list: number[]) => list.reduce((a, b) => a + b, 0);
    expect(sum(result.perMonth)).toBe(
      dates.filter((d) => d.clip.publishedAt && d.clip.publishedAt >= '2015-02').length,
    );
    expect(result.sources.map((s) => s.value)).toEqual(
      expect.arrayContaining(['来源1', '来源2', '来源3']),
    );
    expect(result.byRegion.every((r) => r.value.length === 2)).toBe(true);
  });

  it('gives the overview of the seeds, and of a filtered subset', async () => {
    const all = await overview(db, { collectionIds: [seedsId] });
    expect(all).toEqual(expectedOverview(seeds));
    expect(all.months[0]).toBe('2023-08');
    expect(all.months.at(-1)).toBe('2025-12');
    expect(all.months).toHaveLength(29);
    expect(all.byTopic).toContainEqual(
      expect.objectContaining({ value: 'party-building', label: '党建引领' }),
    );
    expect(all.byTopic).toHaveLength(8);
    expect(all.institutions).toHaveLength(10);
    const guangdong = await overview(db, {
      collectionIds: [seedsId],
      filters: { facets: { region: '44' } },
    });
    expect(guangdong).toEqual(expectedOverview(seeds, { facets: { region: '44' } }));
    const none = await overview(db, {
      collectionIds: [seedsId],
      filters: { facets: { topic: 'no-such-topic' } },
    });
    expect(none).toEqual({
      total: 0,
      months: [],
      undated: 0,
      perMonth: [],
      byTopic: [],
      byRegion: [],
      sources: [],
      institutions: [],
    });
  });

  /** Every page of a list, in order. */
  async function allPages(params: Parameters<typeof listClips>[1]) {
    const seen: StoredClip[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await listClips(db, { ...params, cursor });
      seen.push(...page.clips);
      cursor = page.nextCursor;
      pages++;
      expect(pages).toBeLessThan(100);
    } while (cursor);
    return { seen, pages };
  }

  /** Newest published first as text, undated last, then newest id first. */
  function publishedOrder(kept: Kept[]): string[] {
    return [...kept]
      .sort((a, b) => {
        const x = a.clip.publishedAt;
        const y = b.clip.publishedAt;
        if (x !== y) {
          if (x === null) return 1;
          if (y === null) return -1;
          return x < y ? 1 : -1;
        }
        return a.id < b.id ? 1 : -1;
      })
      .map((k) => k.id);
  }

  it('lists newest published first, undated last, every clip exactly once', async () => {
    const expected = publishedOrder(dates);
    for (const limit of [1, 4, 7, 14, 41, 50]) {
      const { seen, pages } = await allPages({
        collectionIds: [datesId],
        sort: 'published',
        limit,
      });
      expect(
        seen.map((c) => c.id),
        `limit ${limit}`,
      ).toEqual(expected);
      expect(pages).toBe(Math.max(1, Math.ceil(dates.length / limit)));
    }
    const { seen } = await allPages({ collectionIds: [datesId], sort: 'published', limit: 5 });
    const firstUndated = seen.findIndex((c) => c.data.publishedAt === null);
    expect(seen.slice(firstUndated).every((c) => c.data.publishedAt === null)).toBe(true);
    expect(seen[0]!.data.publishedAt).toBe('2025-01-02');
  });

  it('keeps filters and several collections in the published order', async () => {
    const filters: ClipFilters = { facets: { source: 'pdf-newspaper' }, publishedTo: '2023-08' };
    const { seen } = await allPages({
      collectionIds: [datesId],
      sort: 'published',
      limit: 3,
      ...filters,
    });
    expect(seen.map((c) => c.id)).toEqual(publishedOrder(matching(dates, filters)));
    const both = await allPages({
      collectionIds: [datesId, seedsId],
      sort: 'published',
      limit: 6,
      withoutBody: true,
    });
    expect(both.seen.map((c) => c.id)).toEqual(publishedOrder([...dates, ...seeds]));
    expect(both.seen[0]!.data.text).toBeUndefined();
  });

  it('refuses a cursor of the other order, or none at all', async () => {
    const clipped = await listClips(db, { collectionIds: [datesId], limit: 2 });
    const published = await listClips(db, {
      collectionIds: [datesId],
      limit: 2,
      sort: 'published',
    });
    expect(clipped.nextCursor).not.toBeNull();
    expect(published.nextCursor).not.toBeNull();
    await expect(
      listClips(db, { collectionIds: [datesId], sort: 'published', cursor: clipped.nextCursor }),
    ).rejects.toThrow(ListCursorError);
    await expect(
      listClips(db, { collectionIds: [datesId], sort: 'clipped', cursor: published.nextCursor }),
    ).rejects.toThrow(ListCursorError);
    for (const bad of [
      'x',
      Buffer.from(JSON.stringify(['published', 5, uuidv7()])).toString('base64url'),
      Buffer.from(JSON.stringify(['recency', '2024-01-01', uuidv7()])).toString('base64url'),
      Buffer.from(JSON.stringify(['published', null, 'not-a-uuid'])).toString('base64url'),
    ]) {
      await expect(
        listClips(db, { collectionIds: [datesId], sort: 'published', cursor: bad }),
      ).rejects.toThrow(ListCursorError);
    }
    // The default order still pages as before.
    const { seen } = await allPages({ collectionIds: [datesId], limit: 9 });
    expect(new Set(seen.map((c) => c.id)).size).toBe(dates.length);
  });
});
