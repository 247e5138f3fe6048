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
  type SearchParams,
  SearchQueryError,
  type SearchResult,
  schema,
  searchClips,
  updateClip,
  upsertClip,
} from '../src';
import { rowsOf } from '../src/queries/rows';
import {
  BROAD_MATCHES,
  boundStatement,
  countStatement,
  planSearch,
  relevanceStatement,
  sparseInStatistics,
  tokenStatistics,
  walkStatement,
  windowStatement,
} from '../src/queries/search';
import { normalizeText } from '../src/search/normalize';
import { parseSearchQuery } from '../src/search/tokens';
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
  }, 180_000);

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
      order: 'relevance',
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
        const search = planSearch({ collectionIds: [collectionId], query })!;
        for (const statement of [
          countStatement(search, BROAD_MATCHES),
          relevanceStatement(search),
        ]) {
          const plan = JSON.stringify(await db.execute(sql`explain ${statement}`));
          expect({ query, usesIndex: plan.includes('clips_search_tokens_idx') }).toEqual({
            query,
            usesIndex: true,
          });
        }
        // A broad word's walk reads the collection newest first on its btree index.
        const walk = JSON.stringify(
          await db.transaction(async (tx) => {
            await tx.execute(sql`set local enable_sort = off`);
            return tx.execute(sql`explain ${walkStatement(search)}`);
          }),
        );
        expect(walk).toMatch(/Index Scan Backward using clips_collection_created_idx/);
      }
    },
    240_000,
  );

  // After the planner test: these 2,400 clips, half of them with 医院, would tip its statistics.
  describe('a word in more clips than BROAD_MATCHES', () => {
    const filler = '会议听取了工作汇报并研究部署下一步任务。';
    let collectionId: string;
    /** Clip id → clip, for the oracle. */
    const written = new Map<string, Clip>();
    const matching = (i: number) =>
      i % 7 === 0
        ? clipWith(`医院党委工作会议${i}`, `${filler}${filler}`)
        : clipWith(`工作动态${i}`, `${filler}${'医院党委召开会议,'.repeat(1 + (i % 5))}${filler}`);
    // Every bigram of 医院党委, only apart: the index takes it, the substring check does not.
    const apart = (i: number) => clipWith(`工作动态${i}`, `医院召开院务会。党委书记讲话${i}。`);
    const other = (i: number) => clipWith(`工作动态${i}`, `${filler}乡村振兴${i}。`);

    beforeAll(async () => {
      collectionId = await newCollection();
      // Oldest to newest: dense matches, a stretch with none (longer than the walk a page of
      // 45 takes), dense matches again, and the newest clips without the word, so the first page
      // comes from the index and the walk meets the gap mid-page.
      const runs: Clip[][] = [
        Array.from({ length: 700 }, (_, i) => (i % 10 === 9 ? apart(i) : matching(i))),
        Array.from({ length: 600 }, (_, i) => other(i)),
        Array.from({ length: 500 }, (_, i) => (i % 10 === 9 ? apart(i) : matching(i + 1000))),
        Array.from({ length: 600 }, (_, i) => other(i + 1000)),
      ];
      for (const clips of runs) {
        const made = await insertClipsDirect(db, { collectionId, createdBy: userId, clips });
        for (const [i, id] of made.entries()) written.set(id, clips[i]!);
      }
      // Filters to narrow by: a topic on every third clip, a date on every other.
      await db.execute(sql`
        update clips set
          facets = case when ('x' || substr(id::text, 36, 1))::bit(4)::int % 3 = 0
            then array['topic:党建引领'] else '{}' end,
          published_at = case when ('x' || substr(id::text, 35, 1))::bit(4)::int % 2 = 0
            then '2024-05-01' else '2023-05-01' end
        where collection_id = ${collectionId}`);
    }, 240_000);

    /** The matches newest first, as the database orders them, optionally filtered. */
    async function newestFirst(
      query: string,
      where = sql`true`,
      collections = [collectionId],
    ): Promise<string[]> {
      const rows = rowsOf<{ id: string }>(
        await db.execute(sql`select id from clips
          where collection_id in (${sql.join(
            collections.map((id) => sql`${id}`),
            sql`, `,
          )}) and deleted_at is null and ${where}
          order by created_at desc, id desc`),
      );
      return rows.map((r) => r.id).filter((id) => contains(written.get(id)!, query));
    }

    async function pageThrough(
      query: string,
      limit: number,
      filters?: SearchParams['filters'],
      collectionIds = [collectionId],
      recencyPath?: SearchParams['recencyPath'],
    ) {
      const pages: SearchResult[] = [];
      let cursor: string | null = null;
      do {
        const page: SearchResult = await searchClips(db, {
          collectionIds,
          query,
          limit,
          cursor,
          filters,
          recencyPath,
        });
        pages.push(page);
        cursor = page.nextCursor;
      } while (cursor);
      return pages;
    }

    /** Each page is the next `limit` of `expected`, its title hits moved first. */
    function expectPagesOf(pages: SearchResult[], expected: string[], limit: number) {
      expect(pages.map((p) => p.order).every((o) => o === 'recency')).toBe(true);
      expect(pages.length).toBe(Math.max(1, Math.ceil(expected.length / limit)));
      pages.forEach((page, n) => {
        const slice = expected.slice(n * limit, (n + 1) * limit);
        const titled = slice.filter((id) => page.hits.find((h) => h.id === id)?.titleHit);
        expect(ids(page.hits)).toEqual([...titled, ...slice.filter((id) => !titled.includes(id))]);
      });
    }

    it('pages through every match newest first, none repeated or dropped', async () => {
      const expected = await newestFirst('医院党委');
      expect(expected.length).toBeGreaterThan(BROAD_MATCHES);
      const pages = await pageThrough('醫院黨委', 45);
      expectPagesOf(pages, expected, 45);
      const hits = pages.flatMap((p) => p.hits);
      expect(new Set(ids(hits)).size).toBe(hits.length);
      for (const hit of hits) {
        const clip = written.get(hit.id)!;
        expect(hit.titleHit).toBe(normalizeText(clip.title).includes('医院党委'));
        expect(hit.ranked).toBe(false);
        // Rank is computed for the page's hits: occurrences over the body's length.
        expect(hit.rank).toBeGreaterThan(0);
        if (!hit.titleHit)
          expect(hit.snippet.slice(hit.highlight!.start, hit.highlight!.end)).toBe('医院党委');
      }
      // A title hit with more occurrences in its body would not move: the order is recency.
      expect(pages[0]!.hits.some((h) => h.titleHit)).toBe(true);
    }, 240_000);

    it('pages a two-character word, decided by the index alone, the same way', async () => {
      const expected = await newestFirst('党委');
      expect(expected.length).toBeGreaterThan(BROAD_MATCHES);
      expectPagesOf(await pageThrough('党委', 100), expected, 100);
    }, 240_000);

    it('applies facet and date filters in the newest-first order', async () => {
      const filters = { facets: { topic: '党建引领' }, publishedFrom: '2024-01-01' };
      const expected = await newestFirst(
        '医院党委',
        sql`facets @> array['topic:党建引领'] and published_at >= '2024-01-01'`,
      );
      expect(expected.length).toBeGreaterThan(50);
      const count = rowsOf<{ n: number }>(
        await db.execute(
          countStatement(
            planSearch({ collectionIds: [collectionId], query: '医院党委', filters })!,
            BROAD_MATCHES,
          ),
        ),
      )[0]!.n;
      // Few enough with the filters to be ranked, all of them.
      expect(count).toBeLessThan(BROAD_MATCHES);
      const ranked = await searchClips(db, {
        collectionIds: [collectionId],
        query: '医院党委',
        filters,
        limit: 100,
      });
      expect(ranked.order).toBe('relevance');
      const all = (await pageThrough('医院党委', 100, filters)).flatMap((p) => p.hits);
      expect(ids(all).sort()).toEqual([...expected].sort());
      // A broad word with a date filter stays broad and stays filtered.
      const dated = await newestFirst('党委', sql`published_at >= '2024-01-01'`);
      expect(dated.length).toBeGreaterThan(BROAD_MATCHES / 2);
      const broad = await pageThrough('党委', 100, { publishedFrom: '2024-01-01' });
      const broadIds = broad.flatMap((p) => ids(p.hits));
      if (broad[0]!.order === 'recency') expectPagesOf(broad, dated, 100);
      expect(broadIds.sort()).toEqual([...dated].sort());
    }, 240_000);

    it('gives the same pages read straight from the index as walked', async () => {
      const cases: [string, number, SearchParams['filters']?][] = [
        ['醫院黨委', 45],
        ['党委', 100],
        ['医院党委', 7],
        ['党委', 60, { publishedFrom: '2024-01-01' }],
      ];
      for (const [query, limit, filters] of cases) {
        const walked = await pageThrough(query, limit, filters, [collectionId], 'walk');
        const indexed = await pageThrough(query, limit, filters, [collectionId], 'index');
        expect(walked[0]!.order, query).toBe('recency');
        expect(indexed, `${query} ${limit}`).toEqual(walked);
      }
      expectPagesOf(
        await pageThrough('醫院黨委', 45, undefined, [collectionId], 'index'),
        await newestFirst('医院党委'),
        45,
      );
    }, 240_000);

    it('keeps its cursor through new clips and repeats a page the same', async () => {
      const expected = await newestFirst('医院党委');
      const first = await searchClips(db, {
        collectionIds: [collectionId],
        query: '医院党委',
        limit: 30,
      });
      expect(first.order).toBe('recency');
      const again = () =>
        searchClips(db, {
          collectionIds: [collectionId],
          query: '医院党委',
          limit: 30,
          cursor: first.nextCursor,
        });
      const second = await again();
      // Newer matches written after the first page do not shift the pages after it.
      const newer = await insertClipsDirect(db, {
        collectionId,
        createdBy: userId,
        clips: [matching(5001), matching(5002)],
      });
      expect(await again()).toEqual(second);
      expect(ids(second.hits).sort()).toEqual(expected.slice(30, 60).sort());
      const fresh = await searchClips(db, {
        collectionIds: [collectionId],
        query: '医院党委',
        limit: 30,
      });
      expect(ids(fresh.hits)).toEqual(expect.arrayContaining(newer));
      for (const id of newer) await deleteClip(db, { clipId: id });
      await expect(
        searchClips(db, {
          collectionIds: [collectionId],
          query: '医院党委',
          // Cut short: the JSON inside loses its closing bracket. (A character appended to
          // base64 may decode to the same bytes, so that is no test of a damaged cursor.)
          cursor: first.nextCursor!.slice(0, -4),
        }),
      ).rejects.toBeInstanceOf(SearchCursorError);
    }, 240_000);

    it('ranks a rarer word among them exactly, across pages', async () => {
      // 18 clips whose counts and lengths differ, among the 2,400.
      const rareClips = Array.from({ length: 18 }, (_, i) =>
        i === 11
          ? clipWith('远程影像会诊', filler)
          : clipWith('工作动态', `${filler.repeat(1 + (i % 4))}${'远程影像,'.repeat(1 + (i % 6))}`),
      );
      const rare = await insertClipsDirect(db, {
        collectionId,
        createdBy: userId,
        clips: rareClips,
      });
      for (const [i, id] of rare.entries()) written.set(id, rareClips[i]!);
      // The oracle's rank, as documented: occurrences over 1 + ln(1 + the body's bytes).
      const rankOf = (clip: Clip) => {
        const text = clip.normalizedText;
        const count = (t: string) => t.split('远程影像').length - 1;
        return (
          (count(normalizeText(clip.title)) + count(text)) /
          (1 + Math.log(1 + Buffer.byteLength(text)))
        );
      };
      const oracle = rare
        .map((id, i) => ({
          id,
          title: normalizeText(rareClips[i]!.title).includes('远程影像'),
          rank: rankOf(rareClips[i]!),
        }))
        .sort(
          (a, b) => Number(b.title) - Number(a.title) || b.rank - a.rank || (a.id < b.id ? 1 : -1),
        );
      const all = await searchClips(db, {
        collectionIds: [collectionId],
        query: '遠程影像',
        limit: 100,
      });
      expect(all.order).toBe('relevance');
      expect(ids(all.hits)).toEqual(oracle.map((o) => o.id));
      all.hits.forEach((hit, i) => {
        expect(hit.ranked).toBe(true);
        expect(hit.rank).toBeCloseTo(oracle[i]!.rank, 9);
      });
      const paged = (await pageThrough('遠程影像', 4)).flatMap((p) => p.hits);
      expect(paged).toEqual(all.hits);
    }, 240_000);

    it('merges several collections newest first', async () => {
      const second = await newCollection();
      const clips = Array.from({ length: 30 }, (_, i) => matching(i + 2000));
      const made = await insertClipsDirect(db, { collectionId: second, createdBy: userId, clips });
      for (const [i, id] of made.entries()) written.set(id, clips[i]!);
      const both = [collectionId, second];
      const expected = await newestFirst('医院党委', sql`true`, both);
      expect(expected.slice(0, 30).sort()).toEqual([...made].sort());
      // The second page holds the second collection's oldest five and the first's newest.
      expectPagesOf(await pageThrough('医院党委', 25, undefined, both), expected, 25);
    }, 240_000);

    it("refuses a ranked page's cursor once its word is in twice BROAD_MATCHES clips", async () => {
      const first = await searchClips(db, {
        collectionIds: [collectionId],
        query: '远程影像',
        limit: 4,
      });
      expect(first.order).toBe('relevance');
      expect(first.nextCursor).not.toBeNull();
      const clips = Array.from({ length: 2 * BROAD_MATCHES }, (_, i) =>
        clipWith(`工作动态${i}`, `远程影像会诊${i}。`),
      );
      const made = await insertClipsDirect(db, { collectionId, createdBy: userId, clips });
      for (const [i, id] of made.entries()) written.set(id, clips[i]!);
      await expect(
        searchClips(db, {
          collectionIds: [collectionId],
          query: '远程影像',
          cursor: first.nextCursor,
        }),
      ).rejects.toBeInstanceOf(SearchCursorError);
      const again = await searchClips(db, { collectionIds: [collectionId], query: '远程影像' });
      expect(again.order).toBe('recency');
      expect(ids(again.hits)).toEqual((await newestFirst('远程影像')).slice(0, 20));
    }, 240_000);

    // Last: ANALYZE changes the planner's view of the table for whatever runs after it.
    it('reads the lexemes and rows ANALYZE found, and walks for common words in large tables', async () => {
      await db.execute(sql`analyze clips`);
      const statistics = await tokenStatistics(db, db, 0);
      expect(statistics).not.toBeNull();
      const share = statistics!.shares.get('党委')!;
      expect(share).toBeGreaterThan(0.1);
      expect(statistics!.floor).toBeLessThanOrEqual(share);
      const [counted] = rowsOf<{ n: number }>(
        await db.execute(sql`select count(*)::int as n from clips`),
      );
      expect(statistics!.rows).toBe(counted!.n);
      // The same shares in a table of a few clips: sorting them all beats any walk; in a
      // thousand times this table, a walk to the common word's newest clips does.
      const scaled = (factor: number) => ({ ...statistics!, rows: factor * statistics!.rows });
      expect(sparseInStatistics(parseSearchQuery('医院党委'), scaled(0.001))).toBe(true);
      expect(sparseInStatistics(parseSearchQuery('医院党委'), scaled(1000))).toBe(false);
      // Searching still agrees with the oracle, whichever path the statistics pick.
      expectPagesOf(await pageThrough('党委', 100), await newestFirst('党委'), 100);
    }, 240_000);

    // After ANALYZE, which a window's size needs.
    it('reads a window of the newest clips, and the whole index when the window is short', async () => {
      const statistics = await tokenStatistics(db, db, 0);
      const plan = planSearch({ collectionIds: [collectionId], query: '医院党委', limit: 20 })!;
      const expected = await newestFirst('医院党委');
      const found = { short: 0, full: 0 };
      // The newest clips hold no match (the later tests' and the last run of `other`): small
      // windows come up short, larger ones reach the matches.
      for (const window of [50, 1000, 1500, 2000]) {
        const [row] = rowsOf<{ bound: string | null }>(
          await db.execute(sql`select (${boundStatement(plan, window)}) as bound`),
        );
        expect(row!.bound).not.toBeNull();
        const rows = await db.transaction(async (tx) => {
          await tx.execute(sql`select set_config('enable_indexscan', 'off', true)`);
          return rowsOf<{ id: string }>(
            await tx.execute(windowStatement(plan, row!.bound!, statistics!)),
          );
        });
        // Always the newest matches, as many as the window holds up to the page.
        expect(rows.map((r) => r.id)).toEqual(expected.slice(0, rows.length));
        found[rows.length > plan.limit ? 'full' : 'short']++;
      }
      expect(found.short).toBeGreaterThan(0);
      expect(found.full).toBeGreaterThan(0);
      // Through searchClips, over one collection or two, with filters and cursors: the pages a
      // walk gives, whether the window holds them or comes up short.
      const second = await newCollection();
      const extra = Array.from({ length: 40 }, (_, i) => matching(i + 3000));
      const made = await insertClipsDirect(db, {
        collectionId: second,
        createdBy: userId,
        clips: extra,
      });
      for (const [i, id] of made.entries()) written.set(id, extra[i]!);
      const both = [collectionId, second];
      const cases: [string, number, SearchParams['filters']?, string[]?][] = [
        ['醫院黨委', 45],
        ['党委', 100],
        ['医院党委', 7],
        ['党委', 60, { publishedFrom: '2024-01-01' }],
        ['医院党委', 25, undefined, both],
        ['党委', 30, { facets: { topic: '党建引领' } }, both],
      ];
      for (const [query, limit, filters, collections = [collectionId]] of cases) {
        const walked = await pageThrough(query, limit, filters, collections, 'walk');
        const windowed = await pageThrough(query, limit, filters, collections, 'window');
        expect(walked[0]!.order, query).toBe('recency');
        expect(windowed, `${query} ${limit}`).toEqual(walked);
      }
      expectPagesOf(
        await pageThrough('医院党委', 25, undefined, both, 'window'),
        await newestFirst('医院党委', sql`true`, both),
        25,
      );
    }, 240_000);
  });
});
