import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extractFromText } from '@jianbao/core';
import { afterEach, describe, expect, it } from 'vitest';
import {
  changesSince,
  createCollection,
  createDb,
  createUser,
  getClip,
  migrate,
  upsertClip,
} from '../src';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe('PGlite on disk', () => {
  it('keeps clips and versions across a restart', async () => {
    const parent = await mkdtemp(join(tmpdir(), 'jianbao-pglite-'));
    dirs.push(parent);
    const dataDir = join(parent, 'data');
    const result = extractFromText(
      '医院党建\n\n医院党委坚持以高质量党建引领医院高质量发展，推进学科建设。'.repeat(3),
    );
    expect(result.kind).toBe('articles');
    if (result.kind !== 'articles') return;
    const data = result.clips[0]!;

    const first = createDb({ dataDir });
    expect(first.driver).toBe('pglite');
    await migrate(first);
    const user = await createUser(first.db, {
      email: 'a@example.cn',
      name: '甲',
      passwordHash: 'x',
    });
    const collection = await createCollection(first.db, { name: '我的', ownerUserId: user.id });
    const clipId = '01936c3e-7f00-7000-8000-000000000001';
    await upsertClip(first.db, {
      collectionId: collection.id,
      clipId,
      createdBy: user.id,
      draftHash: 'h1',
      data,
    });
    await first.close();

    const second = createDb({ dataDir });
    expect(await migrate(second)).toEqual({ applied: 8, tag: '0007_search_statistics' });
    expect((await getClip(second.db, clipId))?.data).toEqual(data);
    expect((await changesSince(second.db, collection.id, 0))?.version).toBe(1);
    await second.close();
  });
});
