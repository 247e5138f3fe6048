import type { Database } from '../client';
import { collections, memberships, teams, users } from '../schema';

export type User = typeof users.$inferSelect;
export type Team = typeof teams.$inferSelect;
export type Collection = typeof collections.$inferSelect;

export async function createUser(
  db: Database,
  params: { email: string; name: string; passwordHash: string },
): Promise<User> {
  const [user] = await db.insert(users).values(params).returning();
  return user!;
}

/** A team is never without an owner: the creator's membership is written with it. */
export async function createTeam(
  db: Database,
  params: { name: string; ownerUserId: string },
): Promise<Team> {
  return db.transaction(async (tx) => {
    const [team] = await tx.insert(teams).values({ name: params.name }).returning();
    await tx
      .insert(memberships)
      .values({ teamId: team!.id, userId: params.ownerUserId, role: 'owner' });
    return team!;
  });
}

/** A team's collection (`teamId`) or a personal one (`ownerUserId`). */
export async function createCollection(
  db: Database,
  params: { name: string } & ({ teamId: string } | { ownerUserId: string }),
): Promise<Collection> {
  const [collection] = await db.insert(collections).values(params).returning();
  return collection!;
}
