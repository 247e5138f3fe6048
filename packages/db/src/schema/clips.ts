import type { Clip } from '@jianbao/core';
import { sql } from 'drizzle-orm';
import {
  bigint,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { collections } from './collections';
import { createdAt } from './columns';
import { users } from './users';

/** Postgres' tsvector, written as a literal the query layer builds (src/search/tokens.ts). */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/**
 * A clip: the clip JSON of DESIGN.md in `data`, with the fields lists filter on copied out as
 * columns. The id is the client's (UUIDv7), so a retried create finds the clip it made.
 */
export const clips = pgTable(
  'clips',
  {
    id: uuid('id').primaryKey(),
    collectionId: uuid('collection_id')
      .notNull()
      .references(() => collections.id, { onDelete: 'cascade' }),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    /** The collection version that last touched this clip. */
    version: bigint('version', { mode: 'number' }).notNull(),
    /** Hash of the draft the client sent: the same draft again is a retry, not a conflict. */
    draftHash: text('draft_hash').notNull(),
    data: jsonb('data').$type<Clip>().notNull(),
    url: text('url'),
    canonicalUrl: text('canonical_url'),
    title: text('title').notNull(),
    /** A day or only a month at times, so text, as in the clip JSON. */
    publishedAt: text('published_at'),
    sourceKind: text('source_kind').notNull(),
    script: text('script').notNull(),
    textHash: text('text_hash'),
    /** The URL as compared for "already clipped" (core's normalizeUrl). */
    normalizedUrl: text('normalized_url'),
    /**
     * The near-duplicate fingerprint (core's fingerprintText): MinHash slots as signed 32-bit
     * integers, and the shingle count and length its comparison needs. Null for a clip with no
     * text, and for rows written before fingerprints existed until `migrate()` fills them.
     */
    minhash: integer('minhash').array(),
    shingleCount: integer('shingle_count'),
    fingerprintLength: integer('fingerprint_length'),
    /** Tag names, as the team wrote them; the team's vocabulary is the tags table. */
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    /**
     * What lists filter on, as `kind:value` keys in one indexed array (`topic:党建引领`,
     * `region:44`, `region:4401` …, `source:hospital`, `tag:…`), so any combination of facets is
     * one GIN lookup. Written with every clip write (src/queries/facets.ts).
     */
    facets: text('facets').array().notNull().default(sql`'{}'::text[]`),
    createdAt: createdAt(),
    /**
     * Set when a user picked this clip as the canonical of its near-duplicate group (the latest
     * pick in a group wins over the default: earliest published, most complete).
     */
    canonicalPickedAt: timestamp('canonical_picked_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    /** Set on delete: the row stays as a tombstone for sync. */
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    /**
     * Search, written by the query layer with every clip write (not a trigger: the same on both
     * drivers). The title and body normalised (simplified), for the substring check and snippets,
     * and their character bigrams, single characters and words. Null only on rows written before
     * search existed, until `migrate()` fills them.
     */
    searchTitle: text('search_title'),
    searchText: text('search_text'),
    searchTokens: tsvector('search_tokens'),
  },
  (t) => [
    index('clips_collection_version_idx').on(t.collectionId, t.version),
    // Filters on published dates, and the list newest published first (id breaks ties).
    index('clips_collection_published_id_idx').on(t.collectionId, t.publishedAt, t.id),
    index('clips_text_hash_idx').on(t.textHash),
    index('clips_canonical_url_idx').on(t.canonicalUrl),
    index('clips_normalized_url_idx').on(t.normalizedUrl),
    index('clips_search_tokens_idx').using('gin', t.searchTokens),
    index('clips_facets_idx').using('gin', t.facets),
    index('clips_collection_created_idx').on(t.collectionId, t.createdAt, t.id),
  ],
);
