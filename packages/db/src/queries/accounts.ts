import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Database } from '../client';
import { apiTokens, collections, memberships, teams, users } from '../schema';

export type User = typeof users.$inferSelect;
export type Team = typeof teams.$inferSelect;
export type Collection = typeof collections.$inferSelect;
export type ApiToken = typeof apiTokens.$inferSelect;

/** Throws on an email already taken (emails are stored lower-case); see `isUniqueViolation`. */
export async function createUser(
  db: Database,
  params: { email: string; name: string; passwordHash: string },
): Promise<User> {
  const [user] = await db
    .insert(users)
    .values({ ...params, email: params.email.toLowerCase() })
    .returning();
  return user!;
}

/** Whether a write failed on a unique constraint (SQLSTATE 23505), on either driver. */
export function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === '23505') return true;
  }
  return false;
}

export async function findUserByEmail(db: Database, email: string): Promise<User | null> {
  const [user] = await db.select().from(users).where(eq(users.email, email.toLowerCase()));
  return user ?? null;
}

export async function createApiToken(
  db: Database,
  params: { userId: string; name: string; tokenHash: string },
): Promise<ApiToken> {
  const [token] = await db.insert(apiTokens).values(params).returning();
  return token!;
}

/** The live token with this hash and its user; null for unknown or revoked tokens. */
export async function findApiToken(
  db: Database,
  tokenHash: string,
): Promise<{ token: ApiToken; user: User } | null> {
  const [row] = await db
    .select({ token: apiTokens, user: users })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt)));
  return row ?? null;
}

/**
 * Records that a token was used. Only when the stored time is older than `staleAfterMs`, so a
 * busy client does not turn every read into a write.
 */
export async function touchApiToken(
  db: Database,
  tokenId: string,
  staleAfterMs = 60_000,
): Promise<void> {
  await db
    .update(apiTokens)
    .set({ lastUsedAt: sql`now()` })
    .where(
      and(
        eq(apiTokens.id, tokenId),
        sql`(${apiTokens.lastUsedAt} is null or ${apiTokens.lastUsedAt} < now() - make_interval(secs => ${staleAfterMs / 1000}))`,
      ),
    );
}

export async function listApiTokens(db: Database, userId: string): Promise<ApiToken[]> {
  return db
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .orderBy(apiTokens.createdAt);
}

/** Revokes one of the user's tokens; false when the user has no such live token. */
export async function revokeApiToken(
  db: Database,
  params: { userId: string; tokenId: string },
): Promise<boolean> {
  const rows = await db
    .update(apiTokens)
    .set({ revokedAt: sql`now()` })
    .where(
      and(
        eq(apiTokens.id, params.tokenId),
        eq(apiTokens.userId, params.userId),
        isNull(apiTokens.revokedAt),
      ),
    )
    .returning({ id: apiTokens.id });
  return rows.length > 0;
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
