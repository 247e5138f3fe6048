import { bigint, index, pgEnum, pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
import { clips } from './clips';
import { collections } from './collections';

export const changeKind = pgEnum('change_kind', ['upsert', 'delete']);

/** The change log: one row per write, stamped with the collection version it made. */
export const changes = pgTable(
  'changes',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    collectionId: uuid('collection_id')
      .notNull()
      .references(() => collections.id, { onDelete: 'cascade' }),
    version: bigint('version', { mode: 'number' }).notNull(),
    clipId: uuid('clip_id')
      .notNull()
      .references(() => clips.id, { onDelete: 'cascade' }),
    kind: changeKind('kind').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('changes_collection_version_idx').on(t.collectionId, t.version)],
);
