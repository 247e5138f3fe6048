import { bigramCounts, type Clip, normalizeText } from '@jianbao/core';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  atLeastQuery,
  bigramFrequencies,
  contentNeighbours,
  type Database,
  type DbHandle,
  deleteClip,
  migrate,
  upsertClips,
} from '../src';
import { backends, draftHash, ownerOfTwo, uuidv7 } from './support';
import { random, syntheticClips } from './synthetic';

// "More like this" reads the collections' bigram frequencies from the search tokens (ts_stat)
// and finds neighbours with an at-least-m-of-K tsquery the GIN index decides: both checked
// here against the same things counted in TypeScript, on both drivers.

const textOf = (clip: Clip) => `${normalizeText(clip.title)}\n${clip.normalizedText}`;

/** The bigrams of the clip's search tokens (title and body tokenised apart, Han runs only). */
function hanBigrams(clip: Clip): Set<string> {
  const grams = new Set<string>();
  for (const part of [normalizeText(clip.title), clip.normalizedText]) {
    for (const gram of bigramCounts(part).keys()) {
      if (/^\p{Script=Han}{2}$/u.test(gram)) grams.add(gram);
    }
  }
  return grams;
}

describe('atLeastQuery', () => {
  it('builds the tree and refuses an impossible count', () => {
    expect(atLeastQuery(1, ['甲乙', '丙丁'])).toBe("'甲乙' | '丙丁'");
    expect(atLeastQuery(2, ['甲乙', '丙丁'])).toBe("'甲乙' & '丙丁'");
    expect(atLeastQuery(2, ['甲乙', '丙丁', '戊己'])).toBe(
      "('甲乙' & ('丙丁' | '戊己')) | '丙丁' & '戊己'",
    );
    expect(() => atLeastQuery(0, ['甲乙'])).toThrow(RangeError);
    expect(() => atLeastQuery(3, ['甲乙', '丙丁'])).toThrow(RangeError);
  });
});

describe.each(backends)('%s: more like this', (_name, makeBackend) => {
  const backend = makeBackend();
  let handle: DbHandle;
  let db: Database;
  let user: { id: string };
  let main: { id: string };
  let other: { id: string };
  const corpus = syntheticClips(60, { seed: 7, dialects: 3 });
  const ids = corpus.map(() => uuidv7());
  const elsewhere = syntheticClips(5, { seed: 8 });

  beforeAll(async () => {
    handle = await backend.open();
    db = handle.db;
    await migrate(handle);
    ({ user, main, other } = await ownerOfTwo(db, '编辑丙'));
    await upsertClips(db, {
      collectionId: main.id,
      createdBy: user.id,
      clips: corpus.map((data, i) => ({ clipId: ids[i]!, draftHash: draftHash(data), data })),
    });
    await upsertClips(db, {
      collectionId: other.id,
      createdBy: user.id,
      clips: elsewhere.map((data) => ({ clipId: uuidv7(), draftHash: draftHash(data), data })),
    });
  }, 180_000);

  afterAll(async () => {
    await handle?.close();
    await backend.dispose();
  });

  it('decides at-least-m-of-K in Postgres as counting does', async () => {
    const next = random(3);
    const pool = ['党建', '引领', '医院', '群众', '健康', '发展', '支部', '服务'];
    for (let trial = 0; trial < 40; trial++) {
      const terms = pool.filter(() => next() < 0.7);
      if (terms.length === 0) continue;
      const held = pool.filter(() => next() < 0.5);
      const m = 1 + Math.floor(next() * terms.length);
      const result = await db.execute(
        sql`select ${held.map((t) => `'${t}'`).join(' ')}::tsvector @@ ${atLeastQuery(m, terms)}::tsquery as hit`,
      );
      const rows = Array.isArray(result) ? result : (result as { rows: unknown[] }).rows;
      const hit = (rows as { hit: boolean }[])[0]?.hit;
      const expected = terms.filter((t) => held.includes(t)).length >= m;
      expect(hit, `${m} of ${terms} in ${held}`).toBe(expected);
    }
  });

  it('counts the bigrams of the collections’ live clips as TypeScript does', async () => {
    const expected = new Map<string, number>();
    for (const clip of corpus) {
      for (const gram of hanBigrams(clip)) expected.set(gram, (expected.get(gram) ?? 0) + 1);
    }
    const counted = await bigramFrequencies(db, [main.id]);
    expect(counted.documents).toBe(corpus.length);
    const twiceOrMore = [...expected].filter(([, n]) => n > 1);
    expect(counted.df.size).toBe(twiceOrMore.length);
    for (const [gram, n] of twiceOrMore) expect(counted.df.get(gram), gram).toBe(n);
  });

  it('counts again once the collection has changed: a deleted clip is no longer counted', async () => {
    const before = await bigramFrequencies(db, [main.id]);
    expect(await bigramFrequencies(db, [main.id])).toBe(before);
    const gone = await deleteClip(db, { clipId: ids[0]! });
    expect(gone.kind).toBe('deleted');
    const after = await bigramFrequencies(db, [main.id]);
    expect(after.documents).toBe(corpus.length - 1);
    for (const gram of hanBigrams(corpus[0]!)) {
      expect(after.df.get(gram) ?? 1).toBe(Math.max(1, (before.df.get(gram) ?? 1) - 1));
    }
  });

  it('finds the clips holding most of the terms first, in the collections asked only', async () => {
    const query = corpus[5]!;
    const grams = [...hanBigrams(query)].slice(0, 9);
    const holding = (clip: Clip) => grams.filter((g) => hanBigrams(clip).has(g)).length;
    const live = corpus.slice(1).map((clip, i) => ({ clip, id: ids[i + 1]!, n: holding(clip) }));
    const found = await contentNeighbours(db, {
      collectionIds: [main.id],
      terms: grams,
      excludeClipIds: [ids[5]!],
      limit: 100,
    });
    const expected = live.filter((c) => c.id !== ids[5] && c.n >= 1);
    expect(found.map((f) => f.clip.id).sort()).toEqual(expected.map((c) => c.id).sort());
    // Tier by tier: a third of the terms (3 of 9), then a sixth (2), then one.
    const tierOf = (n: number) => (n >= 3 ? 0 : n >= 2 ? 1 : 2);
    const tiers = found.map((f) => tierOf(live.find((c) => c.id === f.clip.id)!.n));
    expect(tiers).toEqual([...tiers].sort());
    const first = found[0]!;
    expect(first.text).toBe(textOf(live.find((c) => c.id === first.clip.id)!.clip));
    const few = await contentNeighbours(db, {
      collectionIds: [main.id],
      terms: grams,
      excludeClipIds: [ids[5]!],
      limit: 2,
    });
    expect(few.map((f) => f.clip.id)).toEqual(found.slice(0, 2).map((f) => f.clip.id));
    expect(
      await contentNeighbours(db, { collectionIds: [other.id], terms: ['引领'], limit: 10 }),
    ).toHaveLength(elsewhere.filter((c) => hanBigrams(c).has('引领')).length);
  });

  it('skips a strict tier whose posting lists would be too long, reading any one term in table order', async () => {
    await db.execute(sql`analyze clips`);
    const grams = [...hanBigrams(corpus[5]!)].slice(0, 9);
    const params = {
      collectionIds: [main.id],
      terms: grams,
      excludeClipIds: [ids[5]!],
      limit: 100,
    };
    const tiered = await contentNeighbours(db, params);
    // Shares far over one: every strict tier is over the budget, even with its fewest terms.
    const loose = await contentNeighbours(db, { ...params, shares: grams.map(() => 100_000) });
    expect(loose.map((n) => n.clip.id).sort()).toEqual(tiered.map((n) => n.clip.id).sort());
    const result = await db.execute(
      sql`select id from clips where collection_id = ${main.id} and deleted_at is null
        and id <> ${ids[5]!} and search_tokens @@ ${grams.map((g) => `'${g}'`).join(' | ')}::tsquery
        order by ctid`,
    );
    const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as {
      id: string;
    }[];
    expect(loose.map((n) => n.clip.id)).toEqual(rows.map((r) => r.id));
    expect(loose.map((n) => n.clip.id)).not.toEqual(tiered.map((n) => n.clip.id));
  });

  it('asks a strict tier over the budget for its count of the rarest terms only', async () => {
    const grams = [...hanBigrams(corpus[7]!)].slice(0, 9);
    // The first four in every clip, the rest far more than that: only the first four fit.
    const shares = grams.map((_, i) => (i < 4 ? 1 : 1_000));
    const found = await contentNeighbours(db, {
      collectionIds: [main.id],
      terms: grams,
      shares,
      excludeClipIds: [ids[7]!],
      limit: 100,
    });
    const rare = grams.slice(0, 4);
    const byId = new Map(corpus.map((clip, i) => [ids[i]!, clip]));
    // At least 3 of the four (a quarter of nine, rounded up), then 2 of them, then any of nine.
    const tierOf = (clip: Clip) => {
      const n = rare.filter((g) => hanBigrams(clip).has(g)).length;
      return n >= 3 ? 0 : n >= 2 ? 1 : 2;
    };
    const tiers = found.map((f) => tierOf(byId.get(f.clip.id)!));
    expect(tiers).toEqual([...tiers].sort());
    expect(new Set(tiers).size).toBeGreaterThan(1);
  });
});
