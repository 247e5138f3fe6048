import { sql } from 'drizzle-orm';
import { bigint, check, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id } from './columns';
import { teams } from './teams';
import { users } from './users';

/**
 * A team's collection, or a personal one (owner_user_id). `version` counts the writes to it:
 * each write bumps it and stamps the rows it touched, as Zotero's sync does.
 */
export const collections = pgTable(
  'collections',
  {
    id: id(),
    teamId: uuid('team_id').references(() => teams.id, { onDelete: 'cascade' }),
    ownerUserId: uuid('owner_user_id').references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    version: bigint('version', { mode: 'number' }).notNull().default(0),
    createdAt: createdAt(),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (t) => [check('collections_one_owner', sql`(${t.teamId} is null) <> (${t.ownerUserId} is null)`)],
);
