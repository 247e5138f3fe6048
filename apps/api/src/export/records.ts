import type { ExportQuery } from '@jianbao/core';
import type { ExportRecord } from '@jianbao/corpus';
import { type Database, exportClips } from '@jianbao/db';
import { filtersOf } from '../clips/list';
import { clipView } from '../http/views';
import { duplicateGroups } from '../similar/check';

type Query = Pick<
  ExportQuery,
  'tag' | 'topic' | 'region' | 'institution' | 'sourceKind' | 'publishedFrom' | 'publishedTo' | 'q'
> & { dedupe: boolean };

/**
 * The clips an export holds, as records, read batch by batch as the consumer pulls. With
 * `dedupe`, each near-duplicate group keeps only its canonical: the groups are worked out first,
 * per collection, and their other members skipped (memory grows with the duplicates, not with
 * the collection).
 */
export async function* exportRecords(
  db: Database,
  collectionIds: string[],
  query: Query,
): AsyncGenerator<ExportRecord> {
  const skip = new Set<string>();
  if (query.dedupe) {
    for (const collectionId of collectionIds) {
      for (const group of await duplicateGroups(db, collectionId)) {
        for (const member of group.clips) if (!member.canonical) skip.add(member.clipId);
      }
    }
  }
  const rows = exportClips(db, { collectionIds, ...filtersOf(query), query: query.q, skip });
  for await (const row of rows) {
    yield {
      ...clipView(row.clip),
      collectionName: row.collectionName,
      clippedByName: row.clippedByName,
    };
  }
}
