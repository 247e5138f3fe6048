import type { Clip } from '@jianbao/core';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createCollection,
  createTeam,
  createUser,
  type Database,
  type DbHandle,
  deleteClip,
  migrate,
  SearchCursorError,
  type SearchHit,
  SearchQueryError,
  type SearchResult,
  schema,
  searchClips,
  updateClip,
  upsertClip,
} from '../src';
import { RANK_WINDOW, searchStatement } from '../src/queries/search';
import { normalizeText } from '../src/search/normalize';
import { backends, draftHash, seedClips, uuidv7 } from './support';
import { insertClipsDirect, random, syntheticClips } from './synthetic';

/** The oracle: does the clip's title or body contain the query, both normalised? */
function contains(clip: Clip, query: string): boolean {
  const needle = normalizeText(query).toLowerCase();
  return [normalizeText(clip.title), clip.normalizedText].some((t) =>
    t.toLowerCase().includes(needle),
  );
}

/** A seed clip with a title and body of our own. */
function clipWith(title: string, text: string): Clip {
  return { ...seedClips[0]!, title, text, normalizedText: normalizeText(text) };
}

describe.each(backends)('%s: Chinese search', (_name, makeBackend) => {
  const backend = makeBackend();
  let handle: DbHandle;
  let db: Database;
  let userId: string;
  /** A collection holding every seed clip, id → clip. */
  let seeded: { collectionId: string; clips: Map<string, Clip> };

  beforeAll(async () => {
    handle = await backend.open();
    db = handle.db;
    await migrate(handle);
    const user = await createUser(db, {
      email: `${uuidv7()}@example.cn`,
      name: '编辑乙',
      passwordHash: 'scrypt$placeholder',
    });
    userId = user.id;
    const collectionId = await newCollection();
    const clips = new Map<string, Clip>();
    for (const clip of seedClips) clips.set(await store(collectionId, clip), clip);
    seeded = { collectionId, clips };
  }, 60_000);

  afterAll(async () => {
    await handle?.close();
    await backend.dispose();
  });

  async function newCollection(): Promise<string> {
    const team = await createTeam(db, { name: '检索组', ownerUserId: userId });
    return (await createCollection(db, { name: '剪报', teamId: team.id })).id;
  }

  async function store(collectionId: string, data: Clip): Promise<string> {
    const clipId = uuidv7();
    const result = await upsertClip(db, {
      collectionId,
      clipId,
      createdBy: userId,
      draftHash: draftHash(data),
      data,
    });
    expect(result.kind).toBe('created');
    return clipId;
  }

  const ids = (hits: SearchHit[]) => hits.map((h) => h.id);
  const expectedIds = (query: string) =>
    [...seeded.clips].filter(([, clip]) => contains(clip, query)).map(([id]) => id);

  async function searchSeeds(query: string, limit = 100) {
    return searchClips(db, { collectionIds: [seeded.collectionId], query, limit });
  }

  it('finds the seed clips containing a two-character query, 党建', async () => {
    const expected = expectedIds('党建');
    expect(expected.length).toBeGreaterThanOrEqual(3);
    expect(expected.length).toBeLessThan(seeded.clips.size);
    const { hits, nextCursor } = await searchSeeds('党建');
    expect(ids(hits).sort()).toEqual(expected.sort());
    expect(nextCursor).toBeNull();
    for (const hit of hits) {
      expect(hit.rank).toBeGreaterThan(0);
      expect(hit.snippet).toContain('党建');
      expect(hit.snippet.slice(hit.highlight!.start, hit.highlight!.end)).toBe('党建');
      expect([...hit.snippet].length).toBeLessThanOrEqual(2 + 60);
    }
  });

  it('finds a clip in either script from a query in either script', async () => {
    const traditional = [...seeded.clips].find(([, clip]) => clip.script === 'Hant');
    expect(traditional).toBeDefined();
    const [hantId, hant] = traditional!;
    expect(hant.text).toContain('醫院');
    const simplifiedQuery = await searchSeeds('医院');
    const traditionalQuery = await searchSeeds('醫院');
    expect(ids(simplifiedQuery.hits)).toContain(hantId);
    expect(ids(traditionalQuery.hits)).toEqual(ids(simplifiedQuery.hits));
    expect(ids(traditionalQuery.hits).sort()).toEqual(expectedIds('医院').sort());
    // Simplified clips found by a traditional query.
    expect(
      ids(traditionalQuery.hits).filter((id) => seeded.clips.get(id)!.script === 'Hans').length,
    ).toBeGreaterThan(0);
    // The title as written is returned, traditional.
    expect(traditionalQuery.hits.find((h) => h.id === hantId)?.title).toBe(hant.title);
    expect((await searchSeeds('黨建')).hits.map((h) => h.id)).toContain(hantId);
  });

  it('agrees with a substring oracle on queries of 1 to 6 characters drawn from the seeds', async () => {
    const next = random(7);
    const queries: string[] = [];
    const texts = seedClips.map((c) => c.normalizedText);
    while (queries.length < 40) {
      const text = texts[Math.floor(next() * texts.length)]!;
      const length = 1 + Math.floor(next() * 6);
      const start = Math.floor(next() * (text.length - length));
      const query = text.slice(start, start + length);
      if (/^\p{Script=Han}+$/u.test(query)) queries.push(query);
    }
    for (const query of queries) {
      const { hits } = await searchSeeds(query);
      expect({ query, ids: ids(hits).sort() }).toEqual({ query, ids: expectedIds(query).sort() });
    }
  });

  it('does not match a phrase whose bigrams occur apart', async () => {
    const collectionId = await newCollection();
    const apart = await store(
      collectionId,
      clipWith('工作动态', '医院召开院务会。党委书记讲话。院党委开会。'),
    );
    const together = await store(collectionId, clipWith('工作动态', '医院党委召开会议。'));
    const search = (query: string) => searchClips(db, { collectionIds: [collectionId], query });
    // Each bigram of 医院党委 is in the first text: the index alone would take it.
    for (const bigram of ['医院', '院党', '党委']) {
      expect(ids((await search(bigram)).hits).sort()).toEqual([apart, together].sort());
    }
    expect(ids((await search('医院党委')).hits)).toEqual([together]);
    expect(ids((await search('醫院黨委')).hits)).toEqual([together]);
    // Nor across the title's end and the body's start.
    expect(ids((await search('动态医院')).hits)).toEqual([]);
  });

  it('ranks a title hit first, then by how often the query occurs', async () => {
    const collectionId = await newCollection();
    const filler = '会议听取了工作汇报并研究部署下一步任务。';
    const once = await store(
      collectionId,
      clipWith('工作会议', `${filler}强调党建工作。${filler}`),
    );
    const often = await store(
      collectionId,
      clipWith('工作会议', `${filler}${'党建引领发展,'.repeat(8)}${filler}`),
    );
    const titled = await store(collectionId, clipWith('党建工作座谈会', `${filler}${filler}`));
    const { hits } = await searchClips(db, { collectionIds: [collectionId], query: '党建' });
    expect(ids(hits)).toEqual([titled, often, once]);
    expect(hits.map((h) => h.titleHit)).toEqual([true, false, false]);
    expect(hits[1]!.rank).toBeGreaterThan(hits[2]!.rank);
    // A title-only hit still has a snippet: the body's start.
    expect(hits[0]!.snippet.startsWith('会议听取')).toBe(true);
    expect(hits[0]!.highlight).toBeNull();
  });

  it('never returns tombstones, and follows updates', async () => {
    const collectionId = await newCollection();
    const kept = await store(collectionId, clipWith('甲', '乡村振兴战略稳步推进。'));
    const gone = await store(collectionId, clipWith('乙', '乡村振兴示范村建设。'));
    const search = (query: string) => searchClips(db, { collectionIds: [collectionId], query });
    expect(ids((await search('乡村振兴')).hits).sort()).toEqual([kept, gone].sort());
    expect((await deleteClip(db, { clipId: gone })).kind).toBe('deleted');
    expect(ids((await search('乡村振兴')).hits)).toEqual([kept]);
    expect(ids((await search('示范村')).hits)).toEqual([]);

    const updated = await updateClip(db, {
      clipId: kept,
      expectedVersion: 1,
      data: clipWith('丙', '城市更新行动。'),
    });
    expect(updated.kind).toBe('updated');
    expect(ids((await search('乡村振兴')).hits)).toEqual([]);
    expect(ids((await search('城市更新')).hits)).toEqual([kept]);
  });

  it('searches only the collections asked for', async () => {
    const other = await newCollection();
    const mine = await store(other, clipWith('独有标题', '这是另一集合里的党建文章。'));
    const both = await searchClips(db, {
      collectionIds: [seeded.collectionId, other],
      query: '党建',
      limit: 100,
    });
    expect(ids(both.hits)).toContain(mine);
    expect(ids((await searchSeeds('党建')).hits)).not.toContain(mine);
    expect(await searchClips(db, { collectionIds: [], query: '党建' })).toEqual({
      hits: [],
      nextCursor: null,
      rankedWithin: null,
      searchedWithin: null,
    });
  });

  it('takes one character as a unigram, and refuses an empty query with a typed error', async () => {
    const { hits } = await searchSeeds('党');
    expect(ids(hits).sort()).toEqual(expectedIds('党').sort());
    expect(hits.length).toBeGreaterThan(0);
    await expect(searchSeeds('')).rejects.toBeInstanceOf(SearchQueryError);
    await expect(searchSeeds(' ，。 ')).rejects.toMatchObject({ problem: 'empty', field: 'query' });
  });

  it('matches letters and digits regardless of case, and treats quotes as text', async () => {
    const collectionId = await newCollection();
    const ecmo = await store(
      collectionId,
      clipWith('ECMO团队', '医院ECMO团队完成2023年首例救治。'),
    );
    const search = (query: string) => searchClips(db, { collectionIds: [collectionId], query });
    expect(ids((await search('ecmo')).hits)).toEqual([ecmo]);
    expect(ids((await search('Ecm')).hits)).toEqual([ecmo]);
    expect(ids((await search('ECMO团队')).hits)).toEqual([ecmo]);
    expect(ids((await search('2023年首例')).hits)).toEqual([ecmo]);
    expect(ids((await search("'); drop table clips; --")).hits)).toEqual([]);
    expect(ids((await search("医院'\\")).hits)).toEqual([]);
    expect(ids((await search('医院')).hits)).toEqual([ecmo]);
  });

  it('pages with a cursor through the same order, without repeats', async () => {
    const all = await searchSeeds('医院');
    expect(all.hits.length).toBeGreaterThan(4);
    const paged: SearchHit[] = [];
    let cursor: string | null = null;
    do {
      const page = await searchClips(db, {
        collectionIds: [seeded.collectionId],
        query: '医院',
        limit: 2,
        cursor,
      });
      expect(page.hits.length).toBeLessThanOrEqual(2);
      paged.push(...page.hits);
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged).toEqual(all.hits);
    await expect(
      searchClips(db, { collectionIds: [seeded.collectionId], query: '医院', cursor: 'nonsense' }),
    ).rejects.toBeInstanceOf(SearchCursorError);
  });

  it('past the rank window: title hits still first, the rest newest first, every hit once', async () => {
    const collectionId = await newCollection();
    const filler = '会议听取了工作汇报并研究部署下一步任务。';
    // The oldest clips: a title hit, and one with the bigrams of 医院党委 only apart.
    const titled = await store(collectionId, clipWith('医院党委工作会议', `${filler}${filler}`));
    const apart = await store(collectionId, clipWith('工作动态', '医院召开院务会。党委书记讲话。'));
    await new Promise((resolve) => setTimeout(resolve, 2));
    const clips = Array.from({ length: RANK_WINDOW + 30 }, (_, i) =>
      clipWith('工作动态', `${filler}${'医院党委召开会议,'.repeat(1 + (i % 5))}${filler}`),
    );
    const bulk = await insertClipsDirect(db, { collectionId, createdBy: userId, clips });
    const paged: SearchHit[] = [];
    let cursor: string | null = null;
    do {
      const page: SearchResult = await searchClips(db, {
        collectionIds: [collectionId],
        query: '醫院黨委',
        limit: 45,
        cursor,
      });
      expect(page).toMatchObject({ rankedWithin: RANK_WINDOW, searchedWithin: null });
      paged.push(...page.hits);
      cursor = page.nextCursor;
    } while (cursor);
    expect(ids(paged).sort()).toEqual([titled, ...bulk].sort());
    expect(ids(paged)).not.toContain(apart);
    expect(paged[0]).toMatchObject({ id: titled, titleHit: true, ranked: true });
    const others = paged.slice(1);
    const ranked = others.filter((h) => h.ranked);
    expect(ranked).toHaveLength(RANK_WINDOW);
    expect(others.slice(0, RANK_WINDOW)).toEqual(ranked);
    // Ranked: the newest RANK_WINDOW, by rank; the rest newest first, unranked.
    const newest = ids(others).sort().reverse();
    expect(ids(ranked).sort()).toEqual(newest.slice(0, RANK_WINDOW).sort());
    for (let i = 1; i < ranked.length; i++) {
      expect(ranked[i - 1]!.rank).toBeGreaterThanOrEqual(ranked[i]!.rank);
    }
    expect(ranked.at(-1)!.rank).toBeGreaterThan(0);
    const rest = others.slice(RANK_WINDOW);
    expect(ids(rest)).toEqual(newest.slice(RANK_WINDOW));
    expect(rest.every((h) => !h.ranked && h.rank === 0 && h.snippet.includes('医院党委'))).toBe(
      true,
    );
  }, 60_000);

  it('stores and finds a clip the length of a book', async () => {
    const collectionId = await newCollection();
    // Past the lexeme budget: nearly every pair of characters is new.
    const scrambled = Array.from({ length: 200_000 }, (_, i) =>
      String.fromCodePoint(0x4e00 + ((i * 7919 + ((i * i) % 104_729)) % 20_000)),
    ).join('');
    const book = `开篇党建引领。${scrambled}`;
    const id = await store(collectionId, clipWith('长文', book));
    expect(
      ids((await searchClips(db, { collectionIds: [collectionId], query: '党建引领' })).hits),
    ).toEqual([id]);
  });

  it('fills the search columns of clips written before search existed, at migrate', async () => {
    const collectionId = await newCollection();
    const old = await store(collectionId, clipWith('旧稿', '早年的健康扶贫报道。'));
    await db
      .update(schema.clips)
      .set({ searchTitle: null, searchText: null, searchTokens: null })
      .where(eq(schema.clips.id, old));
    const search = () => searchClips(db, { collectionIds: [collectionId], query: '健康扶贫' });
    expect((await search()).hits).toEqual([]);
    await migrate(handle);
    expect(ids((await search()).hits)).toEqual([old]);
  });

  it.runIf(_name === 'postgres')(
    'uses the GIN index over a few thousand rows',
    async () => {
      const collectionId = await newCollection();
      const clips = syntheticClips(3000, { dialects: 20 });
      await insertClipsDirect(db, { collectionId, createdBy: userId, clips });
      // VACUUM empties the GIN index's pending list, as autovacuum does after bulk inserts:
      // while thousands of rows wait there the planner prices the index too high.
      await db.execute(sql`vacuum analyze clips`);
      // Without enable_seqscan = off: the planner picks the index on its own for words in a
      // few percent of the rows.
      for (const query of ['党建', '医院', '医院党委', '远程影像']) {
        const share = clips.filter((c) => contains(c, query)).length / clips.length;
        expect(share).toBeGreaterThan(0);
        expect(share).toBeLessThan(0.1);
        const search = searchStatement({ collectionIds: [collectionId], query })!;
        const plan = JSON.stringify(await db.execute(sql`explain ${search.statement}`));
        expect({ query, usesIndex: plan.includes('clips_search_tokens_idx') }).toEqual({
          query,
          usesIndex: true,
        });
      }
    },
    120_000,
  );
});
