import { and, asc, eq, isNull, or, sql } from 'drizzle-orm';
import type { Database } from '../client';
import { collections, memberships } from '../schema';
import type { Collection } from './accounts';
import type { Role } from './teams';

export interface CollectionWithRole extends Collection {
  /** The reader's role: a personal collection's owner is its owner. */
  role: Role;
}

/** Every live collection the user can read: personal ones and those of the user's teams. */
export async function listCollectionsFor(
  db: Database,
  userId: string,
): Promise<CollectionWithRole[]> {
  const rows = await db
    .select({ collection: collections, role: memberships.role })
    .from(collections)
    .leftJoin(
      memberships,
      and(eq(memberships.teamId, collections.teamId), eq(memberships.userId, userId)),
    )
    .where(
      and(
        isNull(collections.deletedAt),
        or(eq(collections.ownerUserId, userId), sql`${memberships.id} is not null`),
      ),
    )
    .orderBy(asc(collections.createdAt), asc(collections.id));
  return rows.map((r) => ({ ...r.collection, role: r.role ?? 'owner' }));
}

/** The collection and the user's role on it; null when it does not exist or the user may not see it. */
export async function collectionAccess(
  db: Database,
  collectionId: string,
  userId: string,
): Promise<CollectionWithRole | null> {
  const [row] = await db
    .select({ collection: collections, role: memberships.role })
    .from(collections)
    .leftJoin(
      memberships,
      and(eq(memberships.teamId, collections.teamId), eq(memberships.userId, userId)),
    )
    .where(and(eq(collections.id, collectionId), isNull(collections.deletedAt)));
  if (!row) return null;
  if (row.collection.ownerUserId === userId) return { ...row.collection, role: 'owner' };
  return row.role ? { ...row.collection, role: row.role } : null;
}

export async function renameCollection(
  db: Database,
  collectionId: string,
  name: string,
): Promise<Collection | null> {
  const [row] = await db
    .update(collections)
    .set({ name })
    .where(and(eq(collections.id, collectionId), isNull(collections.deletedAt)))
    .returning();
  return row ?? null;
}

/**
 * Deletes a collection: it disappears from every list and refuses reads and writes (404); the
 * row and its clips stay until the team goes, so a mistaken delete can be undone by hand.
 */
export async function deleteCollection(db: Database, collectionId: string): Promise<boolean> {
  const rows = await db
    .update(collections)
    .set({ deletedAt: sql`now()` })
    .where(and(eq(collections.id, collectionId), isNull(collections.deletedAt)))
    .returning({ id: collections.id });
  return rows.length > 0;
}
