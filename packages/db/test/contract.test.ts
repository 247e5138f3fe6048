import {
  type Clip,
  classifyPair,
  fingerprintText,
  normalizeText,
  normalizeUrl,
  toTraditional,
} from '@jianbao/core';
import { count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  acceptInvitation,
  changesSince,
  collectionAccess,
  createCollection,
  createInvitation,
  createTeam,
  createUser,
  type Database,
  type DbHandle,
  deleteClip,
  exactMatches,
  exportClips,
  getClip,
  ListCursorError,
  listClips,
  listCollectionsFor,
  migrate,
  nearDuplicateCandidates,
  schema,
  setMembership,
  updateClip,
  upsertClip,
  upsertClips,
} from '../src';
import { backends, draftHash, seedClips, uuidv7 } from './support';

describe.each(backends)('%s: the storage contract', (_name, makeBackend) => {
  const backend = makeBackend();
  let handle: DbHandle;
  let db: Database;

  beforeAll(async () => {
    handle = await backend.open();
    db = handle.db;
    await migrate(handle);
  }, 180_000);

  afterAll(async () => {
    await handle?.close();
    await backend.dispose();
  });

  /** A fresh user, team and collection, so tests do not share versions. */
  async function setUp() {
    const user = await createUser(db, {
      email: `${uuidv7()}@example.cn`,
      name: '编辑甲',
      passwordHash: 'scrypt$placeholder',
    });
    const team = await createTeam(db, { name: '剪报组', ownerUserId: user.id });
    const collection = await createCollection(db, { name: '党建', teamId: team.id });
    return { user, team, collection };
  }

  async function collectionVersion(collectionId: string): Promise<number> {
    const [row] = await db
      .select({ version: schema.collections.version })
      .from(schema.collections)
      .where(eq(schema.collections.id, collectionId));
    return row!.version;
  }

  async function changeCount(collectionId: string): Promise<number> {
    const [row] = await db
      .select({ n: count() })
      .from(schema.changes)
      .where(eq(schema.changes.collectionId, collectionId));
    return row!.n;
  }

  it('applies the migrations, and again without harm', async () => {
    expect(seedClips.length).toBeGreaterThanOrEqual(5);
    expect(handle.driver).toBe(_name);
    const level = await migrate(handle);
    expect(level).toEqual({ applied: 8, tag: '0007_search_statistics' });
  });

  it('creates a user, a team with its owner, and collections', async () => {
    const { user, team, collection } = await setUp();
    const members = await db
      .select()
      .from(schema.memberships)
      .where(eq(schema.memberships.teamId, team.id));
    expect(members.map((m) => [m.userId, m.role])).toEqual([[user.id, 'owner']]);
    expect(collection).toMatchObject({ teamId: team.id, ownerUserId: null, version: 0 });
    const personal = await createCollection(db, { name: '我的', ownerUserId: user.id });
    expect(personal).toMatchObject({ teamId: null, ownerUserId: user.id });
    await expect(
      createUser(db, { email: user.email, name: 'x', passwordHash: 'x' }),
    ).rejects.toThrow();
  });

  it('stores a clip stamped with the version its write made, and logs the change', async () => {
    const { user, collection } = await setUp();
    const data = seedClips[0]!;
    const clipId = uuidv7();
    const result = await upsertClip(db, {
      collectionId: collection.id,
      clipId,
      createdBy: user.id,
      draftHash: draftHash(data),
      data,
    });
    expect(result.kind).toBe('created');
    if (result.kind !== 'created') return;
    expect(result.clip).toMatchObject({ id: clipId, version: 1, deletedAt: null, data });
    expect(await collectionVersion(collection.id)).toBe(1);
    const [row] = await db.select().from(schema.clips).where(eq(schema.clips.id, clipId));
    expect(row).toMatchObject({
      title: data.title,
      url: data.url,
      publishedAt: data.publishedAt,
      sourceKind: data.sourceKind,
      script: data.script,
      textHash: data.fingerprints.textHash,
    });
    const log = await db
      .select()
      .from(schema.changes)
      .where(eq(schema.changes.collectionId, collection.id));
    expect(log.map((c) => [c.clipId, c.version, c.kind])).toEqual([[clipId, 1, 'upsert']]);
  });

  it('answers a retried create with the stored clip and no new version', async () => {
    const { user, collection } = await setUp();
    const data = seedClips[1]!;
    const params = {
      collectionId: collection.id,
      clipId: uuidv7(),
      createdBy: user.id,
      draftHash: draftHash(data),
      data,
    };
    const first = await upsertClip(db, params);
    const retry = await upsertClip(db, params);
    expect(retry.kind).toBe('unchanged');
    expect(retry).toEqual({ kind: 'unchanged', clip: (first as { clip: unknown }).clip });
    expect(await collectionVersion(collection.id)).toBe(1);
    expect(await changeCount(collection.id)).toBe(1);
  });

  it('refuses a different draft under a used id as a conflict', async () => {
    const { user, collection } = await setUp();
    const [a, b] = [seedClips[0]!, seedClips[2]!];
    const clipId = uuidv7();
    const base = { collectionId: collection.id, clipId, createdBy: user.id };
    await upsertClip(db, { ...base, draftHash: draftHash(a), data: a });
    const conflict = await upsertClip(db, { ...base, draftHash: draftHash(b), data: b });
    expect(conflict.kind).toBe('conflict');
    expect((conflict as { clip: { data: Clip } }).clip.data).toEqual(a);
    expect((await getClip(db, clipId))?.data).toEqual(a);
    expect(await collectionVersion(collection.id)).toBe(1);

    // The same id in another collection is a conflict too, without showing that clip.
    const other = await createCollection(db, { name: '别处', ownerUserId: user.id });
    const elsewhere = await upsertClip(db, {
      ...base,
      collectionId: other.id,
      draftHash: draftHash(a),
      data: a,
    });
    expect(elsewhere).toEqual({ kind: 'conflict', clip: null });
    expect(await collectionVersion(other.id)).toBe(0);
  });

  it('updates at the expected version and refuses a stale one, writing nothing', async () => {
    const { user, collection } = await setUp();
    const [a, b, c] = [seedClips[0]!, seedClips[1]!, seedClips[2]!];
    const clipId = uuidv7();
    await upsertClip(db, {
      collectionId: collection.id,
      clipId,
      createdBy: user.id,
      draftHash: draftHash(a),
      data: a,
    });
    const updated = await updateClip(db, {
      clipId,
      expectedVersion: 1,
      data: b,
    });
    expect(updated.kind).toBe('updated');
    expect((updated as { clip: { version: number } }).clip.version).toBe(2);

    const stale = await updateClip(db, {
      clipId,
      expectedVersion: 1,
      data: c,
    });
    expect(stale.kind).toBe('stale');
    expect((stale as { clip: { version: number } }).clip.version).toBe(2);
    const stored = await getClip(db, clipId);
    expect(stored?.data).toEqual(b);
    expect(stored?.version).toBe(2);
    expect(await collectionVersion(collection.id)).toBe(2);
    expect(await changeCount(collection.id)).toBe(2);
    expect(await updateClip(db, { clipId: uuidv7(), expectedVersion: 0, data: c })).toEqual({
      kind: 'not-found',
    });
  });

  it('deletes as a tombstone that changesSince reports', async () => {
    const { user, collection } = await setUp();
    const ids = [uuidv7(), uuidv7()];
    for (const [i, clipId] of ids.entries()) {
      const data = seedClips[i]!;
      await upsertClip(db, {
        collectionId: collection.id,
        clipId,
        createdBy: user.id,
        draftHash: draftHash(data),
        data,
      });
    }
    const stale = await deleteClip(db, { clipId: ids[0]!, expectedVersion: 0 });
    expect(stale.kind).toBe('stale');
    const deleted = await deleteClip(db, { clipId: ids[0]!, expectedVersion: 1 });
    expect(deleted.kind).toBe('deleted');
    const again = await deleteClip(db, { clipId: ids[0]! });
    expect(again).toEqual(deleted);

    const all = await changesSince(db, collection.id, 0);
    expect(all?.version).toBe(3);
    expect(all?.clips.map((c) => c.id)).toEqual([ids[1]]);
    expect(all?.tombstones).toEqual([{ id: ids[0], version: 3 }]);
    const recent = await changesSince(db, collection.id, 2);
    expect(recent).toEqual({ version: 3, clips: [], tombstones: [{ id: ids[0], version: 3 }] });
    expect(await changesSince(db, collection.id, 3)).toEqual({
      version: 3,
      clips: [],
      tombstones: [],
    });
    expect(await changesSince(db, uuidv7(), 0)).toBeNull();
  });

  it('gives concurrent writes of different clips distinct versions', async () => {
    const { user, collection } = await setUp();
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => {
        const data = seedClips[i % seedClips.length]!;
        return upsertClip(db, {
          collectionId: collection.id,
          clipId: uuidv7(),
          createdBy: user.id,
          draftHash: draftHash(data),
          data,
        });
      }),
    );
    const versions = results.map((r) => (r.kind === 'created' ? r.clip.version : -1));
    expect([...versions].sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(await collectionVersion(collection.id)).toBe(10);
    expect((await changesSince(db, collection.id, 0))?.clips).toHaveLength(10);
  });

  it('round-trips Chinese text byte for byte, simplified and traditional', async () => {
    const { user, collection } = await setUp();
    const traditional = seedClips.find((c) => c.script === 'Hant');
    expect(traditional).toBeDefined();
    for (const data of [seedClips[0]!, traditional!]) {
      const clipId = uuidv7();
      await upsertClip(db, {
        collectionId: collection.id,
        clipId,
        createdBy: user.id,
        draftHash: draftHash(data),
        data,
      });
      const stored = await getClip(db, clipId);
      expect(Buffer.from(stored!.data.text)).toEqual(Buffer.from(data.text));
      expect(Buffer.from(stored!.data.html)).toEqual(Buffer.from(data.html));
      // jsonb keeps values exactly but not key order: compare as values.
      expect(stored!.data).toEqual(data);
      // Stored as a JSON object, not a JSON string of one (a known postgres.js pitfall).
      const [row] = await db
        .select({
          type: sql<string>`jsonb_typeof(${schema.clips.data})`,
          title: sql<string>`${schema.clips.data}->>'title'`,
        })
        .from(schema.clips)
        .where(eq(schema.clips.id, clipId));
      expect(row).toEqual({ type: 'object', title: data.title });
    }
  });

  it('leaves nothing half-written when a write fails inside its transaction', async () => {
    const { collection } = await setUp();
    const data = seedClips[0]!;
    // The version is bumped before the clip row fails its foreign key on created_by.
    await expect(
      upsertClip(db, {
        collectionId: collection.id,
        clipId: uuidv7(),
        createdBy: uuidv7(),
        draftHash: draftHash(data),
        data,
      }),
    ).rejects.toThrow();
    expect(await collectionVersion(collection.id)).toBe(0);
    expect(await changeCount(collection.id)).toBe(0);
    expect(await changesSince(db, collection.id, 0)).toEqual({
      version: 0,
      clips: [],
      tombstones: [],
    });

    const clipId = uuidv7();
    const missing = await upsertClip(db, {
      collectionId: uuidv7(),
      clipId,
      createdBy: uuidv7(),
      draftHash: draftHash(data),
      data,
    });
    expect(missing).toEqual({ kind: 'collection-not-found' });
    expect(await getClip(db, clipId)).toBeNull();
    const [logged] = await db
      .select({ n: count() })
      .from(schema.changes)
      .where(eq(schema.changes.clipId, clipId));
    expect(logged!.n).toBe(0);
  });
  it('writes a batch in one version, answers retries and conflicts per item', async () => {
    const { user, collection } = await setUp();
    const items = seedClips.map((data, i) => ({
      clipId: uuidv7(),
      draftHash: draftHash(data),
      data,
      tags: i === 0 ? ['党建', '党建', ' 医院 '] : [],
    }));
    const first = await upsertClips(db, {
      collectionId: collection.id,
      createdBy: user.id,
      clips: items,
    });
    if (first.kind !== 'done') throw new Error(first.kind);
    expect(first.version).toBe(1);
    expect(first.results.map((r) => r.kind)).toEqual(items.map(() => 'created'));
    expect(first.results[0]!.clip!.tags).toEqual(['党建', '医院']);

    const conflicting = { ...items[1]!, draftHash: 'another draft' };
    const again = await upsertClips(db, {
      collectionId: collection.id,
      createdBy: user.id,
      clips: [items[0]!, conflicting, items[0]!],
    });
    if (again.kind !== 'done') throw new Error(again.kind);
    expect(again.results.map((r) => r.kind)).toEqual(['unchanged', 'conflict', 'unchanged']);
    expect(again.version).toBe(1);
    expect(await changeCount(collection.id)).toBe(items.length);
  });

  it('lists by facet, tag and date, newest first, through cursor pages', async () => {
    const { user, collection } = await setUp();
    const items = seedClips.map((data, i) => ({
      clipId: uuidv7(),
      draftHash: draftHash(data),
      data,
      tags: i % 2 === 0 ? ['偶'] : [],
    }));
    await upsertClips(db, { collectionId: collection.id, createdBy: user.id, clips: items });
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await listClips(db, { collectionIds: [collection.id], limit: 2, cursor });
      ids.push(...page.clips.map((c) => c.id));
      cursor = page.nextCursor;
    } while (cursor);
    // One batch shares its created_at: the id breaks the tie.
    expect(ids).toEqual(
      items
        .map((i) => i.clipId)
        .sort()
        .reverse(),
    );

    const tagged = await listClips(db, { collectionIds: [collection.id], facets: { tag: '偶' } });
    expect(tagged.clips).toHaveLength(items.filter((i) => i.tags.length).length);
    const region = seedClips.flatMap((c) => c.taxonomy.regions)[0]!;
    const province = region.code.slice(0, 2);
    const inProvince = await listClips(db, {
      collectionIds: [collection.id],
      facets: { region: province },
    });
    expect(inProvince.clips.length).toBeGreaterThan(0);
    for (const clip of inProvince.clips) {
      expect(clip.data.taxonomy.regions.some((r) => r.code.startsWith(province))).toBe(true);
    }
    const kind = seedClips[0]!.sourceKind;
    const byKind = await listClips(db, {
      collectionIds: [collection.id],
      facets: { source: kind },
    });
    expect(byKind.clips.map((c) => c.id).sort()).toEqual(
      items
        .filter((i) => i.data.sourceKind === kind)
        .map((i) => i.clipId)
        .sort(),
    );
    const dated = seedClips.filter((c) => c.publishedAt?.startsWith('2023'));
    const in2023 = await listClips(db, {
      collectionIds: [collection.id],
      publishedFrom: '2023',
      publishedTo: '2023-12-31',
    });
    expect(in2023.clips).toHaveLength(dated.length);
    await expect(listClips(db, { collectionIds: [collection.id], cursor: 'x' })).rejects.toThrow(
      ListCursorError,
    );
  });

  it('exports every live clip in batches, collection by collection, filtered', async () => {
    const { user, team, collection } = await setUp();
    const other = await createCollection(db, { name: '医院', teamId: team.id });
    const items = seedClips.map((data) => ({
      clipId: uuidv7(),
      draftHash: draftHash(data),
      data,
      tags: ['种子'],
    }));
    await upsertClips(db, { collectionId: collection.id, createdBy: user.id, clips: items });
    const late = { clipId: uuidv7(), draftHash: draftHash(seedClips[0]!), data: seedClips[0]! };
    await upsertClips(db, { collectionId: other.id, createdBy: user.id, clips: [late] });
    await deleteClip(db, { clipId: items[1]!.clipId });
    const all = async (params: Omit<Parameters<typeof exportClips>[1], 'collectionIds'>) => {
      const out = [];
      for await (const row of exportClips(db, {
        collectionIds: [collection.id, other.id],
        ...params,
      })) {
        out.push(row);
      }
      return out;
    };
    const rows = await all({ batchSize: 2 });
    const live = items.filter((_, i) => i !== 1).map((i) => i.clipId);
    expect(rows).toHaveLength(live.length + 1);
    expect(new Set(rows.map((r) => r.clip.id))).toEqual(new Set([...live, late.clipId]));
    // One collection after the other, never interleaved.
    const owners = rows.map((r) => r.clip.collectionId);
    expect(owners.filter((id, i) => i > 0 && id !== owners[i - 1])).toHaveLength(1);
    const inCollection = rows.filter((r) => r.clip.collectionId === collection.id);
    expect(inCollection.map((r) => r.clip.id)).toEqual([...live].sort());
    expect(inCollection[0]!.collectionName).toBe('党建');
    expect(inCollection[0]!.clippedByName).toBe('编辑甲');
    expect(inCollection[0]!.clip.data.text.length).toBeGreaterThan(100);

    const skipped = await all({ skip: new Set([live[0]!]) });
    expect(skipped.map((r) => r.clip.id)).not.toContain(live[0]);
    expect(skipped).toHaveLength(rows.length - 1);
    const needle = [...seedClips[0]!.title].slice(0, 4).join('');
    const found = await all({ query: needle });
    expect(found.length).toBeGreaterThan(0);
    for (const r of found) expect(r.clip.data.title + r.clip.data.text).toContain(needle);
    const kind = seedClips[2]!.sourceKind;
    const byKind = await all({ facets: { source: kind } });
    expect(byKind.length).toBeGreaterThan(0);
    for (const r of byKind) expect(r.clip.data.sourceKind).toBe(kind);
  });

  it('keeps a team with an owner, and joins by invitation once', async () => {
    const { user, team } = await setUp();
    const other = await createUser(db, {
      email: `${uuidv7()}@example.cn`,
      name: '乙',
      passwordHash: 'x',
    });
    expect(await setMembership(db, { teamId: team.id, userId: user.id, role: 'editor' })).toEqual({
      kind: 'last-owner',
    });
    const invitation = await createInvitation(db, {
      teamId: team.id,
      role: 'editor',
      createdBy: user.id,
      code: uuidv7(),
      expiresAt: new Date(Date.now() + 3_600_000),
    });
    const joined = await acceptInvitation(db, { code: invitation.code, userId: other.id });
    expect(joined).toMatchObject({ kind: 'joined', team: { id: team.id, role: 'editor' } });
    const third = await createUser(db, {
      email: `${uuidv7()}@example.cn`,
      name: '丙',
      passwordHash: 'x',
    });
    expect((await acceptInvitation(db, { code: invitation.code, userId: third.id })).kind).toBe(
      'used',
    );
    const promoted = await setMembership(db, { teamId: team.id, userId: other.id, role: 'owner' });
    expect(promoted.kind).toBe('done');
    expect((await setMembership(db, { teamId: team.id, userId: user.id, role: null })).kind).toBe(
      'done',
    );
    expect(
      await collectionAccess(db, (await listCollectionsFor(db, other.id))[0]!.id, user.id),
    ).toBeNull();
  });
  it('finds near-duplicates through the band index, in the collections asked only', async () => {
    const { user, collection } = await setUp();
    const other = await createCollection(db, { name: '别的', ownerUserId: user.id });
    const original: Clip = { ...seedClips[1]!, url: 'https://www.fflz.cn/a/52731.html' };
    const paragraphs = original.text.split('\n\n');
    const cut = paragraphs.slice(0, Math.ceil(paragraphs.length * 0.7)).join('\n\n');
    const repost: Clip = {
      ...original,
      url: 'http://www.example.org/repost.html',
      text: toTraditional(cut),
      normalizedText: normalizeText(toTraditional(cut)),
      script: 'Hant',
    };
    const ids = { original: uuidv7(), repost: uuidv7(), unrelated: uuidv7(), elsewhere: uuidv7() };
    await upsertClips(db, {
      collectionId: collection.id,
      createdBy: user.id,
      clips: [
        { clipId: ids.original, draftHash: 'a', data: original },
        { clipId: ids.unrelated, draftHash: 'b', data: seedClips[3]! },
      ],
    });
    await upsertClips(db, {
      collectionId: other.id,
      createdBy: user.id,
      clips: [{ clipId: ids.elsewhere, draftHash: 'c', data: original }],
    });
    const fingerprint = fingerprintText(repost.normalizedText, { normalized: true });
    const found = await nearDuplicateCandidates(db, {
      collectionIds: [collection.id],
      bands: fingerprint.bands,
    });
    expect(found.map((c) => c.clip.id)).toEqual([ids.original]);
    expect(found[0]!.sharedBands).toBeGreaterThan(0);
    expect(found[0]!.clippedBy).toEqual({ id: user.id, name: '编辑甲' });
    const verdict = classifyPair(fingerprint, found[0]!.fingerprint!);
    expect(verdict.kind).toBe('near-duplicate');

    const exact = await exactMatches(db, {
      collectionIds: [collection.id, other.id],
      normalizedUrl: normalizeUrl(`${original.url}#top`),
      textHash: original.fingerprints.textHash,
    });
    expect(exact.sameUrl.map((c) => c.clip.id).sort()).toEqual(
      [ids.original, ids.elsewhere].sort(),
    );
    expect(exact.sameText).toHaveLength(2);

    await deleteClip(db, { clipId: ids.original });
    expect(
      await nearDuplicateCandidates(db, {
        collectionIds: [collection.id],
        bands: fingerprint.bands,
      }),
    ).toEqual([]);
  });
});
