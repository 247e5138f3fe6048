import { and, asc, count, eq, gt, isNull, ne, sql } from 'drizzle-orm';
import type { Database } from '../client';
import { invitations, memberships, teams, users } from '../schema';
import type { Team } from './accounts';

export type Role = (typeof memberships.$inferSelect)['role'];
export type Invitation = typeof invitations.$inferSelect;

export interface TeamWithRole extends Team {
  role: Role;
}

export interface Member {
  userId: string;
  name: string;
  email: string;
  role: Role;
  joinedAt: Date;
}

export async function listTeamsOf(db: Database, userId: string): Promise<TeamWithRole[]> {
  const rows = await db
    .select({ team: teams, role: memberships.role })
    .from(memberships)
    .innerJoin(teams, eq(teams.id, memberships.teamId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(teams.createdAt));
  return rows.map((r) => ({ ...r.team, role: r.role }));
}

/** The team and the user's role in it; null when the user is not a member (or no such team). */
export async function teamRoleOf(
  db: Database,
  teamId: string,
  userId: string,
): Promise<TeamWithRole | null> {
  const [row] = await db
    .select({ team: teams, role: memberships.role })
    .from(memberships)
    .innerJoin(teams, eq(teams.id, memberships.teamId))
    .where(and(eq(memberships.teamId, teamId), eq(memberships.userId, userId)));
  return row ? { ...row.team, role: row.role } : null;
}

export async function renameTeam(db: Database, teamId: string, name: string): Promise<Team | null> {
  const [team] = await db.update(teams).set({ name }).where(eq(teams.id, teamId)).returning();
  return team ?? null;
}

/** Deletes the team with its memberships, invitations, collections and their clips. */
export async function deleteTeam(db: Database, teamId: string): Promise<boolean> {
  const rows = await db.delete(teams).where(eq(teams.id, teamId)).returning({ id: teams.id });
  return rows.length > 0;
}

/** A member as the API shows one: the user and the membership. */
const memberColumns = {
  userId: users.id,
  name: users.name,
  email: users.email,
  role: memberships.role,
  joinedAt: memberships.createdAt,
};

export async function listMembers(db: Database, teamId: string): Promise<Member[]> {
  return db
    .select(memberColumns)
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.teamId, teamId))
    .orderBy(asc(memberships.createdAt));
}

export type MembershipChange =
  | { kind: 'done'; member: Member | null }
  | { kind: 'not-member' }
  /** The change would leave the team without an owner. */
  | { kind: 'last-owner' };

/**
 * Changes a member's role, or removes the member (`role: null`; also how a member leaves).
 * The team's owners are locked first, so two owners demoting each other at once cannot leave
 * the team with none.
 */
export async function setMembership(
  db: Database,
  params: { teamId: string; userId: string; role: Role | null },
): Promise<MembershipChange> {
  return db.transaction(async (tx): Promise<MembershipChange> => {
    await tx.select({ id: teams.id }).from(teams).where(eq(teams.id, params.teamId)).for('update');
    const [current] = await tx
      .select()
      .from(memberships)
      .where(and(eq(memberships.teamId, params.teamId), eq(memberships.userId, params.userId)));
    if (!current) return { kind: 'not-member' };
    if (current.role === 'owner' && params.role !== 'owner') {
      const [others] = await tx
        .select({ n: count() })
        .from(memberships)
        .where(
          and(
            eq(memberships.teamId, params.teamId),
            eq(memberships.role, 'owner'),
            ne(memberships.userId, params.userId),
          ),
        );
      if ((others?.n ?? 0) === 0) return { kind: 'last-owner' };
    }
    if (params.role === null) {
      await tx.delete(memberships).where(eq(memberships.id, current.id));
      return { kind: 'done', member: null };
    }
    await tx.update(memberships).set({ role: params.role }).where(eq(memberships.id, current.id));
    const [member] = await tx
      .select(memberColumns)
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(memberships.id, current.id));
    return { kind: 'done', member: member ?? null };
  });
}

export async function createInvitation(
  db: Database,
  params: { teamId: string; role: Role; createdBy: string; code: string; expiresAt: Date },
): Promise<Invitation> {
  const [invitation] = await db.insert(invitations).values(params).returning();
  return invitation!;
}

/** The team's invitations not yet used nor expired. */
export async function listInvitations(db: Database, teamId: string): Promise<Invitation[]> {
  return db
    .select()
    .from(invitations)
    .where(
      and(
        eq(invitations.teamId, teamId),
        isNull(invitations.usedAt),
        gt(invitations.expiresAt, sql`now()`),
      ),
    )
    .orderBy(asc(invitations.createdAt));
}

export async function revokeInvitation(
  db: Database,
  params: { teamId: string; invitationId: string },
): Promise<boolean> {
  const rows = await db
    .delete(invitations)
    .where(
      and(
        eq(invitations.id, params.invitationId),
        eq(invitations.teamId, params.teamId),
        isNull(invitations.usedAt),
      ),
    )
    .returning({ id: invitations.id });
  return rows.length > 0;
}

/** An invitation by its code, with its team's name; null for an unknown code. */
export async function findInvitation(
  db: Database,
  code: string,
): Promise<{ invitation: Invitation; teamName: string } | null> {
  const [row] = await db
    .select({ invitation: invitations, teamName: teams.name })
    .from(invitations)
    .innerJoin(teams, eq(teams.id, invitations.teamId))
    .where(eq(invitations.code, code));
  return row ?? null;
}

export type AcceptInvitationResult =
  | { kind: 'joined'; team: TeamWithRole }
  /** Already a member: the invitation stays unused, the role unchanged. */
  | { kind: 'already-member'; team: TeamWithRole }
  | { kind: 'invalid' }
  | { kind: 'expired' }
  | { kind: 'used' };

/** Joins the invitation's team with its role. An invitation is used once. */
export async function acceptInvitation(
  db: Database,
  params: { code: string; userId: string; now?: Date },
): Promise<AcceptInvitationResult> {
  const now = params.now ?? new Date();
  return db.transaction(async (tx): Promise<AcceptInvitationResult> => {
    const [invitation] = await tx
      .select()
      .from(invitations)
      .where(eq(invitations.code, params.code))
      .for('update');
    if (!invitation) return { kind: 'invalid' };
    const [existing] = await tx
      .select({ team: teams, role: memberships.role })
      .from(memberships)
      .innerJoin(teams, eq(teams.id, memberships.teamId))
      .where(and(eq(memberships.teamId, invitation.teamId), eq(memberships.userId, params.userId)));
    if (existing)
      return { kind: 'already-member', team: { ...existing.team, role: existing.role } };
    if (invitation.usedAt) return { kind: 'used' };
    if (invitation.expiresAt.getTime() <= now.getTime()) return { kind: 'expired' };
    await tx
      .insert(memberships)
      .values({ teamId: invitation.teamId, userId: params.userId, role: invitation.role });
    await tx
      .update(invitations)
      .set({ usedAt: sql`now()`, usedBy: params.userId })
      .where(eq(invitations.id, invitation.id));
    const [team] = await tx.select().from(teams).where(eq(teams.id, invitation.teamId));
    return { kind: 'joined', team: { ...team!, role: invitation.role } };
  });
}
