import { isNotNull, sql } from 'drizzle-orm';
import { check, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id } from './columns';
import { teams } from './teams';
import { users } from './users';

/** Tag names belong to a team, or to one user for personal collections. */
export const tags = pgTable(
  'tags',
  {
    id: id(),
    teamId: uuid('team_id').references(() => teams.id, { onDelete: 'cascade' }),
    ownerUserId: uuid('owner_user_id').references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    check('tags_one_owner', sql`(${t.teamId} is null) <> (${t.ownerUserId} is null)`),
    uniqueIndex('tags_team_name_unique').on(t.teamId, t.name).where(isNotNull(t.teamId)),
    uniqueIndex('tags_owner_name_unique').on(t.ownerUserId, t.name).where(isNotNull(t.ownerUserId)),
  ],
);
