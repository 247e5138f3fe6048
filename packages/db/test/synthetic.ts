import { createHash } from 'node:crypto';
import type { Clip } from '@jianbao/core';
import { eq, sql } from 'drizzle-orm';
import { type Database, schema, searchColumns } from '../src';
import { normalizeText } from '../src/search/normalize';
import { seedClips, uuidv7 } from './fixtures';

/** A small deterministic PRNG (mulberry32), so a run can be repeated. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Every paragraph of the seed clips: the pool synthetic texts are drawn from. */
const paragraphs = seedClips.flatMap((clip) =>
  clip.text
    .split(/\n+/)
    .map((p) => p.trim())
    .filter((p) => p.length >= 10),
);

/** The Han characters of the pool, in code point order. */
const poolChars = [...new Set(paragraphs.join('').match(/\p{Script=Han}/gu) ?? [])].sort();

/** A dialect: a fixed shuffle of the pool's Han characters (dialect 0 leaves them as they are). */
function dialect(index: number): (text: string) => string {
  if (index === 0) return (text) => text;
  const next = random(1_000 + index);
  const shuffled = [...poolChars];
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
  }
  const map = new Map(poolChars.map((ch, i) => [ch, shuffled[i]!]));
  return (text) => text.replace(/\p{Script=Han}/gu, (ch) => map.get(ch) ?? ch);
}

export interface SyntheticOptions {
  seed?: number;
  /**
   * Clips are spread over this many dialects, each a shuffle of the seeds' characters, so a
   * word from the seeds is in about 1/dialects of the clips that would otherwise have it. Five
   * seed texts alone make every common word common everywhere (党建 in 9 clips of 10); real
   * collections are more varied. 1 keeps the seed text unchanged.
   */
  dialects?: number;
}

/**
 * `count` clips made of 3–8 seed paragraphs drawn at random (from any seed, shuffled), each
 * titled by a fragment of one of them: texts share the seeds' vocabulary in varying mixes.
 */
export function syntheticClips(count: number, options: SyntheticOptions = {}): Clip[] {
  const next = random(options.seed ?? 1);
  const dialects = Array.from({ length: Math.max(1, options.dialects ?? 1) }, (_, i) => dialect(i));
  const pick = <T>(list: T[]) => list[Math.floor(next() * list.length)]!;
  return Array.from({ length: count }, (_, index) => {
    const speak = dialects[index % dialects.length]!;
    const template = pick(seedClips);
    const n = 3 + Math.floor(next() * 6);
    const text = speak(Array.from({ length: n }, () => pick(paragraphs)).join('\n'));
    const from = pick(paragraphs);
    const start = Math.floor(next() * Math.max(1, from.length - 20));
    const title = speak(from.slice(start, start + 8 + Math.floor(next() * 12)));
    return { ...template, title, text, normalizedText: normalizeText(text) };
  });
}

/**
 * Writes clips straight into a collection in multi-row INSERTs, search columns and all, without
 * the per-clip transaction of upsertClip: for filling thousands of rows in tests and benchmarks.
 */
export async function insertClipsDirect(
  db: Database,
  params: { collectionId: string; createdBy: string; clips: Clip[]; batchSize?: number },
): Promise<string[]> {
  const ids: string[] = [];
  const batchSize = params.batchSize ?? 250;
  for (let offset = 0; offset < params.clips.length; offset += batchSize) {
    const rows = params.clips.slice(offset, offset + batchSize).map((data, i) => {
      const id = uuidv7();
      ids.push(id);
      const search = searchColumns(data);
      return {
        id,
        collectionId: params.collectionId,
        createdBy: params.createdBy,
        version: offset + i + 1,
        draftHash: createHash('sha256').update(JSON.stringify(data)).digest('hex'),
        data,
        title: data.title,
        sourceKind: data.sourceKind,
        script: data.script,
        searchTitle: search.searchTitle,
        searchText: search.searchText,
        searchTokens: sql`${search.searchTokens}::tsvector`,
      };
    });
    await db.insert(schema.clips).values(rows);
  }
  await db
    .update(schema.collections)
    .set({ version: params.clips.length })
    .where(eq(schema.collections.id, params.collectionId));
  return ids;
}
