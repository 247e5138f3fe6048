import { createRoute } from '@hono/zod-openapi';
import {
  zCreateToken,
  zNewToken,
  zSession,
  zSignIn,
  zSignUp,
  zTeamView,
  zTokenView,
  zUserView,
} from '@jianbao/core';
import {
  createApiToken,
  createUser,
  findUserByEmail,
  isUniqueViolation,
  listApiTokens,
  listTeamsOf,
  revokeApiToken,
} from '@jianbao/db';
import { z } from 'zod';
import { requireCaller } from '../auth/middleware';
import { decoyHash, hashPassword, verifyPassword } from '../auth/passwords';
import { hashToken, newToken } from '../auth/tokens';
import { ApiError } from '../http/errors';
import { bearer, errorResponses, jsonBody, jsonResponse, router, zIdParam } from '../http/openapi';
import { teamView, tokenView, userView } from '../http/views';

const signUp = createRoute({
  method: 'post',
  path: '/auth/signup',
  tags: ['Accounts'],
  summary: 'Create an account; answers with a first token',
  request: jsonBody(zSignUp),
  responses: {
    201: jsonResponse(zSession, 'The account and a token (shown once)'),
    ...errorResponses(400, 409),
  },
});

const signIn = createRoute({
  method: 'post',
  path: '/auth/signin',
  tags: ['Accounts'],
  summary: 'Sign in with email and password; answers with a new token',
  request: jsonBody(zSignIn),
  responses: {
    200: jsonResponse(zSession, 'The user and a new token (shown once)'),
    ...errorResponses(400, 401),
  },
});

const me = createRoute({
  method: 'get',
  path: '/me',
  tags: ['Accounts'],
  summary: 'Who the token belongs to, and their teams',
  security: bearer,
  responses: {
    200: jsonResponse(z.object({ user: zUserView, teams: z.array(zTeamView) }), 'The caller'),
    ...errorResponses(401),
  },
});

const listTokens = createRoute({
  method: 'get',
  path: '/tokens',
  tags: ['Accounts'],
  summary: "The caller's live tokens (never the tokens themselves)",
  security: bearer,
  responses: {
    200: jsonResponse(z.object({ tokens: z.array(zTokenView) }), 'Tokens'),
    ...errorResponses(401),
  },
});

const createToken = createRoute({
  method: 'post',
  path: '/tokens',
  tags: ['Accounts'],
  summary: 'A new named token, for the extension or a script',
  security: bearer,
  request: jsonBody(zCreateToken),
  responses: {
    201: jsonResponse(zNewToken, 'The token (shown once)'),
    ...errorResponses(400, 401),
  },
});

const revokeToken = createRoute({
  method: 'delete',
  path: '/tokens/{id}',
  tags: ['Accounts'],
  summary: 'Revoke a token: it stops working at once',
  security: bearer,
  request: { params: zIdParam },
  responses: { 204: { description: 'Revoked' }, ...errorResponses(401, 404) },
});

async function issueToken(db: Parameters<typeof createApiToken>[0], userId: string, name: string) {
  const token = newToken();
  const info = await createApiToken(db, { userId, name, tokenHash: hashToken(token) });
  return { token, tokenInfo: tokenView(info) };
}

export const accounts = router()
  .openapi(signUp, async (c) => {
    const body = c.req.valid('json');
    const { db } = c.var.deps.db;
    const passwordHash = await hashPassword(body.password);
    let user: Awaited<ReturnType<typeof createUser>>;
    try {
      user = await createUser(db, { email: body.email, name: body.name, passwordHash });
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new ApiError(
          409,
          'email-taken',
          'an account with this email exists: sign in',
          'email',
        );
      }
      throw error;
    }
    const session = await issueToken(db, user.id, 'first sign-in');
    return c.json({ user: userView(user), ...session }, 201);
  })
  .openapi(signIn, async (c) => {
    const body = c.req.valid('json');
    const { db } = c.var.deps.db;
    const user = await findUserByEmail(db, body.email);
    const ok = await verifyPassword(body.password, user?.passwordHash ?? (await decoyHash()));
    if (!user || !ok) {
      throw new ApiError(401, 'wrong-credentials', 'no account has this email and password');
    }
    const session = await issueToken(db, user.id, body.tokenName ?? 'sign-in');
    return c.json({ user: userView(user), ...session }, 200);
  })
  .openapi(me, async (c) => {
    const { user } = requireCaller(c.var.caller);
    const teams = await listTeamsOf(c.var.deps.db.db, user.id);
    return c.json({ user: userView(user), teams: teams.map(teamView) }, 200);
  })
  .openapi(listTokens, async (c) => {
    const { user } = requireCaller(c.var.caller);
    const tokens = await listApiTokens(c.var.deps.db.db, user.id);
    return c.json({ tokens: tokens.map(tokenView) }, 200);
  })
  .openapi(createToken, async (c) => {
    const { user } = requireCaller(c.var.caller);
    const { name } = c.req.valid('json');
    return c.json(await issueToken(c.var.deps.db.db, user.id, name), 201);
  })
  .openapi(revokeToken, async (c) => {
    const { user } = requireCaller(c.var.caller);
    const { id } = c.req.valid('param');
    if (!(await revokeApiToken(c.var.deps.db.db, { userId: user.id, tokenId: id }))) {
      throw new ApiError(404, 'not-found', 'you have no live token with this id', 'id');
    }
    return c.body(null, 204);
  });
