import { index, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { clips } from './clips';

/**
 * The LSH band keys of each live clip's MinHash (core's similarity fingerprint): two clips that
 * share a band are near-duplicate candidates. Looked up by band and collection, so a check reads
 * a few index entries per band instead of scanning the corpus.
 */
export const clipBands = pgTable(
  'clip_bands',
  {
    band: text('band').notNull(),
    collectionId: uuid('collection_id').notNull(),
    clipId: uuid('clip_id')
      .notNull()
      .references(() => clips.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.band, t.collectionId, t.clipId] }),
    index('clip_bands_clip_idx').on(t.clipId),
  ],
);
