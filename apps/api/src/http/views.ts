import type { ClipView } from '@jianbao/core';
import type {
  ApiToken,
  CollectionWithRole,
  Invitation,
  Member,
  StoredClip,
  TeamWithRole,
  User,
} from '@jianbao/db';

// Rows to wire shapes (packages/core/src/wire/responses.ts): dates as ISO strings, no hashes.

export const userView = (u: User) => ({ id: u.id, email: u.email, name: u.name });

export const tokenView = (t: ApiToken) => ({
  id: t.id,
  name: t.name,
  createdAt: t.createdAt.toISOString(),
  lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
});

export const teamView = (t: TeamWithRole) => ({ id: t.id, name: t.name, role: t.role });

export const memberView = (m: Member) => ({ ...m, joinedAt: m.joinedAt.toISOString() });

/** `origin`: the API's own, as the request reached it, so the link works for who was sent it. */
export const invitationView = (i: Invitation, origin: string) => ({
  id: i.id,
  teamId: i.teamId,
  role: i.role,
  code: i.code,
  link: `${origin}/invitations/${i.code}`,
  expiresAt: i.expiresAt.toISOString(),
});

export const collectionView = (c: CollectionWithRole) => ({
  id: c.id,
  name: c.name,
  teamId: c.teamId,
  role: c.role,
  version: c.version,
});

export const clipView = (c: StoredClip): ClipView => ({
  id: c.id,
  collectionId: c.collectionId,
  version: c.version,
  createdBy: c.createdBy,
  createdAt: c.createdAt.toISOString(),
  updatedAt: c.updatedAt.toISOString(),
  tags: c.tags,
  canonicalPick: c.canonicalPickedAt !== null,
  clip: c.data,
});
