import { randomBytes } from 'node:crypto';
import { createRoute } from '@hono/zod-openapi';
import {
  zChangeRole,
  zCreateInvitation,
  zCreateTeam,
  zInvitationPreview,
  zInvitationView,
  zMemberView,
  zRename,
  zTeamView,
} from '@jianbao/core';
import {
  acceptInvitation,
  createInvitation,
  createTeam,
  deleteTeam,
  findInvitation,
  listInvitations,
  listMembers,
  listTeamsOf,
  renameTeam,
  revokeInvitation,
  setMembership,
} from '@jianbao/db';
import { z } from 'zod';
import { teamFor } from '../auth/access';
import { requireCaller } from '../auth/middleware';
import { ApiError } from '../http/errors';
import { bearer, errorResponses, jsonBody, jsonResponse, router, zIdParam } from '../http/openapi';
import { invitationView, memberView, teamView } from '../http/views';

const tags = ['Teams'];
const zMemberParams = z.object({ id: z.uuid(), userId: z.uuid() });
const zInvitationParams = z.object({ id: z.uuid(), invitationId: z.uuid() });
const zTeamDetail = zTeamView.extend({ members: z.array(zMemberView) });

// Crockford's base32 without I, L, O, U: easy to read aloud and type from a chat message.
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** 12 characters, 60 random bits, shown as XXXX-XXXX-XXXX. */
function invitationCode(): string {
  const bytes = randomBytes(12);
  const chars = [...bytes].map((b) => CODE_ALPHABET[b & 31]);
  return [chars.slice(0, 4), chars.slice(4, 8), chars.slice(8)].map((g) => g.join('')).join('-');
}

const routes = {
  create: createRoute({
    method: 'post',
    path: '/teams',
    tags,
    summary: 'Create a team; the caller is its owner',
    security: bearer,
    request: jsonBody(zCreateTeam),
    responses: { 201: jsonResponse(zTeamView, 'The team'), ...errorResponses(400, 401) },
  }),
  list: createRoute({
    method: 'get',
    path: '/teams',
    tags,
    summary: "The caller's teams with the caller's role",
    security: bearer,
    responses: {
      200: jsonResponse(z.object({ teams: z.array(zTeamView) }), 'Teams'),
      ...errorResponses(401),
    },
  }),
  read: createRoute({
    method: 'get',
    path: '/teams/{id}',
    tags,
    summary: 'A team and its members',
    security: bearer,
    request: { params: zIdParam },
    responses: { 200: jsonResponse(zTeamDetail, 'The team'), ...errorResponses(401, 404) },
  }),
  rename: createRoute({
    method: 'patch',
    path: '/teams/{id}',
    tags,
    summary: 'Rename a team (owners)',
    security: bearer,
    request: { params: zIdParam, ...jsonBody(zRename) },
    responses: { 200: jsonResponse(zTeamView, 'The team'), ...errorResponses(400, 401, 403, 404) },
  }),
  remove: createRoute({
    method: 'delete',
    path: '/teams/{id}',
    tags,
    summary: 'Delete a team with its collections and clips (owners)',
    security: bearer,
    request: { params: zIdParam },
    responses: { 204: { description: 'Deleted' }, ...errorResponses(401, 403, 404) },
  }),
  changeRole: createRoute({
    method: 'patch',
    path: '/teams/{id}/members/{userId}',
    tags,
    summary: "Change a member's role (owners); a team keeps at least one owner",
    security: bearer,
    request: { params: zMemberParams, ...jsonBody(zChangeRole) },
    responses: {
      200: jsonResponse(zMemberView, 'The member'),
      ...errorResponses(400, 401, 403, 404, 409),
    },
  }),
  removeMember: createRoute({
    method: 'delete',
    path: '/teams/{id}/members/{userId}',
    tags,
    summary: 'Remove a member (owners), or leave (your own user id)',
    security: bearer,
    request: { params: zMemberParams },
    responses: { 204: { description: 'Removed' }, ...errorResponses(401, 403, 404, 409) },
  }),
  invite: createRoute({
    method: 'post',
    path: '/teams/{id}/invitations',
    tags,
    summary: 'Invite by code (owners): single use, expires',
    security: bearer,
    request: { params: zIdParam, ...jsonBody(zCreateInvitation) },
    responses: {
      201: jsonResponse(zInvitationView, 'The invitation'),
      ...errorResponses(400, 401, 403, 404),
    },
  }),
  invitations: createRoute({
    method: 'get',
    path: '/teams/{id}/invitations',
    tags,
    summary: 'Open invitations (owners)',
    security: bearer,
    request: { params: zIdParam },
    responses: {
      200: jsonResponse(z.object({ invitations: z.array(zInvitationView) }), 'Invitations'),
      ...errorResponses(401, 403, 404),
    },
  }),
  revokeInvitation: createRoute({
    method: 'delete',
    path: '/teams/{id}/invitations/{invitationId}',
    tags,
    summary: 'Withdraw an open invitation (owners)',
    security: bearer,
    request: { params: zInvitationParams },
    responses: { 204: { description: 'Withdrawn' }, ...errorResponses(401, 403, 404) },
  }),
  preview: createRoute({
    method: 'get',
    path: '/invitations/{code}',
    tags,
    summary: "An invitation's link: the team, the role, and whether it is still open",
    security: bearer,
    request: { params: z.object({ code: z.string().min(1).max(40) }) },
    responses: {
      200: jsonResponse(zInvitationPreview, 'The invitation'),
      ...errorResponses(401, 404),
    },
  }),
  accept: createRoute({
    method: 'post',
    path: '/invitations/{code}/accept',
    tags,
    summary: "Join a team with an invitation's code",
    security: bearer,
    request: { params: z.object({ code: z.string().min(1).max(40) }) },
    responses: {
      200: jsonResponse(zTeamView, 'The team joined (or already a member of)'),
      ...errorResponses(401, 404, 409),
    },
  }),
};

function membershipRefusal(kind: 'not-member' | 'last-owner'): never {
  if (kind === 'not-member') throw new ApiError(404, 'not-found', 'no such member', 'userId');
  throw new ApiError(
    409,
    'last-owner',
    'a team needs an owner: make someone else owner first, or delete the team',
    'userId',
  );
}

export const teams = router()
  .openapi(routes.create, async (c) => {
    const { user } = requireCaller(c.var.caller);
    const { name } = c.req.valid('json');
    const team = await createTeam(c.var.deps.db.db, { name, ownerUserId: user.id });
    return c.json(teamView({ ...team, role: 'owner' }), 201);
  })
  .openapi(routes.list, async (c) => {
    const { user } = requireCaller(c.var.caller);
    const list = await listTeamsOf(c.var.deps.db.db, user.id);
    return c.json({ teams: list.map(teamView) }, 200);
  })
  .openapi(routes.read, async (c) => {
    const { user } = requireCaller(c.var.caller);
    const { db } = c.var.deps.db;
    const team = await teamFor(db, c.req.valid('param').id, user.id, 'read');
    const members = await listMembers(db, team.id);
    return c.json({ ...teamView(team), members: members.map(memberView) }, 200);
  })
  .openapi(routes.rename, async (c) => {
    const { user } = requireCaller(c.var.caller);
    const { db } = c.var.deps.db;
    const team = await teamFor(db, c.req.valid('param').id, user.id, 'manage');
    const renamed = await renameTeam(db, team.id, c.req.valid('json').name);
    if (!renamed) throw new ApiError(404, 'not-found', 'no such team', 'id');
    return c.json(teamView({ ...renamed, role: team.role }), 200);
  })
  .openapi(routes.remove, async (c) => {
    const { user } = requireCaller(c.var.caller);
    const { db } = c.var.deps.db;
    const team = await teamFor(db, c.req.valid('param').id, user.id, 'manage');
    await deleteTeam(db, team.id);
    return c.body(null, 204);
  })
  .openapi(routes.changeRole, async (c) => {
    const { user } = requireCaller(c.var.caller);
    const { db } = c.var.deps.db;
    const { id, userId } = c.req.valid('param');
    await teamFor(db, id, user.id, 'manage');
    const result = await setMembership(db, { teamId: id, userId, role: c.req.valid('json').role });
    if (result.kind !== 'done') membershipRefusal(result.kind);
    return c.json(memberView(result.member!), 200);
  })
  .openapi(routes.removeMember, async (c) => {
    const { user } = requireCaller(c.var.caller);
    const { db } = c.var.deps.db;
    const { id, userId } = c.req.valid('param');
    // Anyone may leave; only owners remove others.
    await teamFor(db, id, user.id, userId === user.id ? 'read' : 'manage');
    const result = await setMembership(db, { teamId: id, userId, role: null });
    if (result.kind !== 'done') membershipRefusal(result.kind);
    return c.body(null, 204);
  })
  .openapi(routes.invite, async (c) => {
    const { user } = requireCaller(c.var.caller);
    const { db } = c.var.deps.db;
    const team = await teamFor(db, c.req.valid('param').id, user.id, 'manage');
    const body = c.req.valid('json');
    const expiresAt = new Date(c.var.deps.now().getTime() + body.expiresInHours * 3_600_000);
    const invitation = await createInvitation(db, {
      teamId: team.id,
      role: body.role,
      createdBy: user.id,
      code: invitationCode(),
      expiresAt,
    });
    return c.json(invitationView(invitation, new URL(c.req.url).origin), 201);
  })
  .openapi(routes.invitations, async (c) => {
    const { user } = requireCaller(c.var.caller);
    const { db } = c.var.deps.db;
    const team = await teamFor(db, c.req.valid('param').id, user.id, 'manage');
    const list = await listInvitations(db, team.id);
    const origin = new URL(c.req.url).origin;
    return c.json({ invitations: list.map((i) => invitationView(i, origin)) }, 200);
  })
  .openapi(routes.revokeInvitation, async (c) => {
    const { user } = requireCaller(c.var.caller);
    const { db } = c.var.deps.db;
    const { id, invitationId } = c.req.valid('param');
    await teamFor(db, id, user.id, 'manage');
    if (!(await revokeInvitation(db, { teamId: id, invitationId }))) {
      throw new ApiError(404, 'not-found', 'no open invitation with this id', 'invitationId');
    }
    return c.body(null, 204);
  })
  .openapi(routes.preview, async (c) => {
    requireCaller(c.var.caller);
    const code = c.req.valid('param').code.trim().toUpperCase();
    const found = await findInvitation(c.var.deps.db.db, code);
    if (!found)
      throw new ApiError(404, 'invalid-invitation', 'no invitation has this code', 'code');
    const { invitation, teamName } = found;
    const status = invitation.usedAt
      ? ('used' as const)
      : invitation.expiresAt.getTime() <= c.var.deps.now().getTime()
        ? ('expired' as const)
        : ('open' as const);
    return c.json(
      {
        team: { id: invitation.teamId, name: teamName },
        role: invitation.role,
        expiresAt: invitation.expiresAt.toISOString(),
        status,
      },
      200,
    );
  })
  .openapi(routes.accept, async (c) => {
    const { user } = requireCaller(c.var.caller);
    const code = c.req.valid('param').code.trim().toUpperCase();
    const result = await acceptInvitation(c.var.deps.db.db, {
      code,
      userId: user.id,
      now: c.var.deps.now(),
    });
    switch (result.kind) {
      case 'joined':
      case 'already-member':
        return c.json(teamView(result.team), 200);
      case 'invalid':
        throw new ApiError(404, 'invalid-invitation', 'no invitation has this code', 'code');
      case 'expired':
        throw new ApiError(
          409,
          'invitation-expired',
          'this invitation has expired: ask for a new one',
          'code',
        );
      case 'used':
        throw new ApiError(
          409,
          'invitation-used',
          'this invitation was already used: ask for a new one',
          'code',
        );
    }
  });
