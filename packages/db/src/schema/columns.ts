import { timestamp, uuid } from 'drizzle-orm/pg-core';

/** Server-made ids; a clip's id is the client's and has no default. */
export const id = () => uuid('id').primaryKey().defaultRandom();

export const createdAt = () =>
  timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
