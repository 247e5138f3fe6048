import { pgEnum, pgTable, unique, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id } from './columns';
import { teams } from './teams';
import { users } from './users';

/** Viewers read; editors also write clips and tags; owners also manage members. */
export const role = pgEnum('membership_role', ['owner', 'editor', 'viewer']);

export const memberships = pgTable(
  'memberships',
  {
    id: id(),
    teamId: uuid('team_id')
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: role('role').notNull(),
    createdAt: createdAt(),
  },
  (t) => [unique('memberships_team_user_unique').on(t.teamId, t.userId)],
);
