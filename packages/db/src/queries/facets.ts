import type { Clip } from '@jianbao/core';
import { eq, sql } from 'drizzle-orm';
import type { Database } from '../client';
import { clips } from '../schema';

/**
 * The facet kinds a list can filter on; each key is `kind:value`. `source` is the source kind
 * (news, government, …); `outlet` the clip's source (来源) as written, else its site name.
 */
export type FacetKind = 'source' | 'outlet' | 'topic' | 'region' | 'institution' | 'tag';

/**
 * A clip's outlet: its `source` (来源), else its `siteName`, without the spaces migration 0006
 * trims too (ASCII, ideographic, no-break); null when it has neither.
 */
export function outletOf(clip: Pick<Clip, 'source' | 'siteName'>): string | null {
  return trimSpaces(clip.source) || trimSpaces(clip.siteName) || null;
}

const edgeSpaces = /^[ \t\r\n\u3000\u00a0]+|[ \t\r\n\u3000\u00a0]+$/g;

function trimSpaces(value: string | null): string {
  return value ? value.replace(edgeSpaces, '') : '';
}

export function facetKey(kind: FacetKind, value: string): string {
  return `${kind}:${value}`;
}

/**
 * A clip's facet keys. A region is filed under its own code and every shorter GB/T 2260 prefix
 * (province 2 digits, city 4, county 6), so filtering by 44 finds 广州市 and 越秀区 too.
 */
export function facetKeys(clip: Clip, tags: readonly string[]): string[] {
  const keys = new Set<string>([facetKey('source', clip.sourceKind)]);
  const outlet = outletOf(clip);
  if (outlet) keys.add(facetKey('outlet', outlet));
  for (const topic of clip.taxonomy.topics) keys.add(facetKey('topic', topic.id));
  for (const region of clip.taxonomy.regions) {
    for (let length = 2; length <= region.code.length; length += 2) {
      keys.add(facetKey('region', region.code.slice(0, length)));
    }
  }
  for (const institution of clip.taxonomy.institutions) {
    keys.add(facetKey('institution', institution.name));
  }
  for (const tag of tags) keys.add(facetKey('tag', tag));
  return [...keys];
}

/** Rows written before facets existed (every clip has at least its source kind); returns how many. */
export async function fillFacetColumns(db: Database, batchSize = 500): Promise<number> {
  let filled = 0;
  for (;;) {
    const rows = await db
      .select({ id: clips.id, data: clips.data, tags: clips.tags })
      .from(clips)
      .where(sql`cardinality(${clips.facets}) = 0`)
      .limit(batchSize);
    for (const row of rows) {
      await db
        .update(clips)
        .set({ facets: facetKeys(row.data, row.tags) })
        .where(eq(clips.id, row.id));
    }
    filled += rows.length;
    if (rows.length < batchSize) return filled;
  }
}
