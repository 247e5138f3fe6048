import { index, pgTable, primaryKey, uuid } from 'drizzle-orm/pg-core';
import { clips } from './clips';
import { tags } from './tags';

export const clipTags = pgTable(
  'clip_tags',
  {
    clipId: uuid('clip_id')
      .notNull()
      .references(() => clips.id, { onDelete: 'cascade' }),
    tagId: uuid('tag_id')
      .notNull()
      .references(() => tags.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.clipId, t.tagId] }), index('clip_tags_tag_idx').on(t.tagId)],
);
