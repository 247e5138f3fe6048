import {
  bandKeys,
  type Clip,
  classifyPair,
  fingerprintText,
  normalizeText,
  normalizeUrl,
  textHash,
  toTraditional,
} from '@jianbao/core';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createCollection,
  type Database,
  type DbHandle,
  deleteClip,
  exactMatches,
  getClip,
  migrate,
  nearDuplicateCandidates,
  schema,
  updateClip,
  upsertClips,
} from '../src';
import { backends, draftHash, ownerOfTwo, seedClips, uuidv7 } from './support';
import { syntheticClips } from './synthetic';

// The near-duplicate lookups run prepared statements (arrays for lists), read what names a clip
// from its columns and its MinHash in binary, and find both kinds of exact match in one
// statement: checked here against the plain query they replace and the stored clip JSON, on
// both drivers.

const { clipBands, clips, users } = schema;

/** The band lookup written plainly, as it was before: what nearDuplicateCandidates must match. */
async function plainCandidates(
  db: Database,
  collectionIds: string[],
  bands: string[],
  excludeClipId?: string,
) {
  const matches = db
    .select({ clipId: clipBands.clipId, shared: sql<number>`count(*)::int`.as('shared') })
    .from(clipBands)
    .where(
      and(
        inArray(clipBands.band, bands),
        inArray(clipBands.collectionId, collectionIds),
        excludeClipId ? sql`${clipBands.clipId} <> ${excludeClipId}` : undefined,
      ),
    )
    .groupBy(clipBands.clipId)
    .orderBy(sql`count(*) desc`)
    .limit(50)
    .as('matches');
  const rows = await db
    .select({ id: clips.id, name: users.name, shared: matches.shared })
    .from(matches)
    .innerJoin(clips, eq(clips.id, matches.clipId))
    .innerJoin(users, eq(users.id, clips.createdBy))
    .where(isNull(clips.deletedAt))
    .orderBy(sql`${matches.shared} desc`, clips.createdAt);
  return rows.map((r) => ({ id: r.id, sharedBands: r.shared, name: r.name }));
}

/** The clip with only the first `share` of its paragraphs (its own text hash). */
function cutShort(clip: Clip, share: number): Clip {
  const paragraphs = clip.text.split('\n\n');
  const text = paragraphs.slice(0, Math.ceil(paragraphs.length * share)).join('\n\n');
  const normalizedText = normalizeText(text);
  return {
    ...clip,
    text,
    normalizedText,
    fingerprints: { ...clip.fingerprints, textHash: `${textHash(normalizedText)} ${share}` },
  };
}

const byShared = (rows: [string, number, string][]) =>
  [...rows].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));

const fingerprintOfClip = (clip: Clip) =>
  fingerprintText(clip.normalizedText, { normalized: true });

describe.each(backends)('%s: near-duplicate lookups', (_name, makeBackend) => {
  const backend = makeBackend();
  let handle: DbHandle;
  let db: Database;
  let user: { id: string };
  let main: { id: string };
  let other: { id: string };
  /** Every seed cut short at several lengths, in `main`: texts sharing more or fewer bands. */
  const cuts = seedClips.flatMap((seed) =>
    [1, 0.9, 0.8, 0.7, 0.6, 0.5].map((share) => cutShort(seed, share)),
  );
  const cutIds = cuts.map(() => uuidv7());
  const original: Clip = { ...seedClips[1]!, url: 'https://www.fflz.cn/a/52731.html' };
  const ids = { original: uuidv7(), elsewhere: uuidv7() };

  /** Another site's copy of the original: traditional script, the last third cut. */
  function repost(): Clip {
    const paragraphs = original.text.split('\n\n');
    const cut = paragraphs.slice(0, Math.ceil(paragraphs.length * 0.67)).join('\n\n');
    const text = toTraditional(cut);
    return {
      ...original,
      url: 'http://www.example.org/repost.html',
      text,
      normalizedText: normalizeText(text),
      script: 'Hant',
    };
  }

  beforeAll(async () => {
    handle = await backend.open();
    db = handle.db;
    await migrate(handle);
    ({ user, main, other } = await ownerOfTwo(db, '编辑乙'));
    await upsertClips(db, {
      collectionId: main.id,
      createdBy: user.id,
      clips: [
        { clipId: ids.original, draftHash: draftHash(original), data: original },
        ...cuts.map((data, i) => ({ clipId: cutIds[i]!, draftHash: draftHash(data), data })),
      ],
    });
    await upsertClips(db, {
      collectionId: other.id,
      createdBy: user.id,
      clips: [{ clipId: ids.elsewhere, draftHash: draftHash(original), data: original }],
    });
  }, 180_000);

  afterAll(async () => {
    await handle?.close();
    await backend.dispose();
  });

  it('finds what the plain query finds, in its order, for any number of bands and collections', async () => {
    const queries = [
      repost(),
      original,
      ...seedClips.flatMap((seed) => [0.95, 0.75, 0.55].map((share) => cutShort(seed, share))),
      ...syntheticClips(4, { seed: 12, dialects: 1 }),
    ];
    let compared = 0;
    for (const [i, query] of queries.entries()) {
      const { bands } = fingerprintOfClip(query);
      // Statements are prepared once: vary the list lengths between calls.
      const collectionIds = i % 2 === 0 ? [main.id] : [main.id, other.id];
      const asked = i % 3 === 2 ? bands.slice(0, 5 + i) : bands;
      // Leaving out the clip that shares most.
      const exclude =
        i % 4 === 3 ? (await plainCandidates(db, collectionIds, asked))[0]?.id : undefined;
      const found = await nearDuplicateCandidates(db, {
        collectionIds,
        bands: asked,
        excludeClipId: exclude,
      });
      const plain = await plainCandidates(db, collectionIds, asked, exclude);
      // Most shared first; clips written in one batch tie on their time, in no set order.
      expect(found.map((c) => c.sharedBands)).toEqual(plain.map((p) => p.sharedBands));
      expect(byShared(found.map((c) => [c.clip.id, c.sharedBands, c.clippedBy.name]))).toEqual(
        byShared(plain.map((p) => [p.id, p.sharedBands, p.name])),
      );
      compared += plain.length;
    }
    // Overlapping cuts: most queries have several candidates.
    expect(compared).toBeGreaterThan(queries.length * 3);
  });

  it('gives each candidate the fingerprint its row holds', async () => {
    const query = repost();
    const fingerprint = fingerprintOfClip(query);
    const expected = fingerprintOfClip(original);
    const found = await nearDuplicateCandidates(db, {
      collectionIds: [main.id, other.id],
      bands: fingerprint.bands,
    });
    const stored = found.filter((c) => c.clip.id === ids.original || c.clip.id === ids.elsewhere);
    expect(stored).toHaveLength(2);
    for (const candidate of stored) {
      // The one core makes of the stored text, and a near-duplicate of the repost.
      expect(candidate.fingerprint).toEqual({ ...expected, bands: bandKeys(expected.minhash) });
      const verdict = classifyPair(fingerprint, candidate.fingerprint!, {
        a: query.script,
        b: candidate.clip.data.script,
      });
      expect(verdict.kind).toBe('near-duplicate');
      expect(verdict.differs).toContain('other-script');
    }
  });

  /** What a candidate names of its clip, as the stored clip JSON has it. */
  async function namesOf(clipId: string) {
    const stored = (await getClip(db, clipId))!;
    const { title, url, publishedAt, script } = stored.data;
    return {
      id: stored.id,
      collectionId: stored.collectionId,
      createdBy: stored.createdBy,
      createdAt: stored.createdAt,
      data: { title, url, publishedAt, script },
    };
  }

  it('names each candidate as its stored clip JSON does, after an edit too', async () => {
    const { bands } = fingerprintOfClip(repost());
    // The original cut to 90%: one of the repost's candidates.
    const editedId = cutIds[cuts.findIndex((c) => c.text === cutShort(original, 0.9).text)]!;
    const edited = await updateClip(db, {
      clipId: editedId,
      expectedVersion: (await getClip(db, editedId))!.version,
      data: (current) => ({
        ...current.data,
        title: `${current.data.title}（转载）`,
        url: 'https://www.example.cn/zhuanzai.html',
        publishedAt: '2024-11-21',
      }),
    });
    expect(edited.kind).toBe('updated');
    const found = await nearDuplicateCandidates(db, { collectionIds: [main.id, other.id], bands });
    expect(found.length).toBeGreaterThan(3);
    for (const candidate of found) {
      expect(candidate.clip).toEqual(await namesOf(candidate.clip.id));
      expect(candidate.clippedBy).toEqual({ id: user.id, name: '编辑乙' });
    }
    expect(found.map((c) => c.clip.id)).toContain(editedId);
    const names = await namesOf(editedId);
    expect(names.data.publishedAt).toBe('2024-11-21');
    const exact = await exactMatches(db, {
      collectionIds: [main.id],
      normalizedUrl: normalizeUrl('https://www.example.cn/zhuanzai.html'),
      textHash: (await getClip(db, editedId))!.data.fingerprints.textHash,
    });
    expect(exact.sameUrl.map((c) => c.clip)).toEqual([names]);
    expect(exact.sameText.map((c) => c.clip)).toEqual([names]);
  });

  it('finds the same URL and the same text in one statement, each oldest first', async () => {
    const url = normalizeUrl(`${original.url}#top`);
    const textHash = original.fingerprints.textHash;
    const exact = await exactMatches(db, {
      collectionIds: [main.id, other.id],
      normalizedUrl: url,
      textHash,
    });
    const oldestFirst = [ids.original, ids.elsewhere];
    expect(exact.sameUrl.map((c) => c.clip.id)).toEqual(oldestFirst);
    expect(exact.sameText.map((c) => c.clip.id)).toEqual(oldestFirst);
    expect(exact.sameUrl[0]!.clip).toEqual(await namesOf(ids.original));
    expect(exact.sameUrl[0]!.clippedBy).toEqual({ id: user.id, name: '编辑乙' });
    expect(exact.sameUrl[0]!.sharedBands).toBe(0);
    expect(exact.sameUrl[0]!.fingerprint!.minhash).toEqual(fingerprintOfClip(original).minhash);

    // Only what is asked: one kind, another collection, one clip left out.
    const byText = await exactMatches(db, {
      collectionIds: [other.id, main.id],
      normalizedUrl: null,
      textHash,
      excludeClipId: ids.original,
    });
    expect(byText.sameUrl).toEqual([]);
    expect(byText.sameText.map((c) => c.clip.id)).toEqual([ids.elsewhere]);
    const byUrl = await exactMatches(db, {
      collectionIds: [other.id],
      normalizedUrl: url,
      textHash: '',
    });
    expect(byUrl.sameUrl.map((c) => c.clip.id)).toEqual([ids.elsewhere]);
    expect(byUrl.sameText).toEqual([]);
    expect(await exactMatches(db, { collectionIds: [], normalizedUrl: url, textHash })).toEqual({
      sameUrl: [],
      sameText: [],
    });
  });

  it('caps each kind of exact match at 50 apart', async () => {
    // 52 copies of one text, written in one batch (so at one time), then one more clip at the
    // URL of the first: a single cap of 50 over both kinds would leave it out.
    const collection = await createCollection(db, { name: '转载', ownerUserId: user.id });
    const copies = Array.from({ length: 52 }, (_, i) => ({
      clipId: uuidv7(),
      draftHash: `copy ${i}`,
      data: { ...original, url: `https://copy.example.cn/${i}.html` },
    }));
    await upsertClips(db, { collectionId: collection.id, createdBy: user.id, clips: copies });
    const sameUrlId = uuidv7();
    const sameUrl: Clip = { ...seedClips[3]!, url: 'https://copy.example.cn/0.html' };
    await upsertClips(db, {
      collectionId: collection.id,
      createdBy: user.id,
      clips: [{ clipId: sameUrlId, draftHash: 'same url', data: sameUrl }],
    });
    const exact = await exactMatches(db, {
      collectionIds: [collection.id],
      normalizedUrl: normalizeUrl('https://copy.example.cn/0.html'),
      textHash: original.fingerprints.textHash,
    });
    const copyIds = new Set(copies.map((c) => c.clipId));
    expect(exact.sameText).toHaveLength(50);
    expect(exact.sameText.every((c) => copyIds.has(c.clip.id))).toBe(true);
    expect(exact.sameUrl.map((c) => c.clip.id)).toEqual([copies[0]!.clipId, sameUrlId]);
  });

  it('leaves deleted clips out', async () => {
    const collection = await createCollection(db, { name: '删除', ownerUserId: user.id });
    const id = uuidv7();
    await upsertClips(db, {
      collectionId: collection.id,
      createdBy: user.id,
      clips: [{ clipId: id, draftHash: 'x', data: original }],
    });
    const { bands } = fingerprintOfClip(original);
    const before = await nearDuplicateCandidates(db, { collectionIds: [collection.id], bands });
    expect(before.map((c) => c.clip.id)).toEqual([id]);
    await deleteClip(db, { clipId: id });
    expect(await nearDuplicateCandidates(db, { collectionIds: [collection.id], bands })).toEqual(
      [],
    );
    expect(
      await exactMatches(db, {
        collectionIds: [collection.id],
        normalizedUrl: normalizeUrl(original.url),
        textHash: original.fingerprints.textHash,
      }),
    ).toEqual({ sameUrl: [], sameText: [] });
  });
});
