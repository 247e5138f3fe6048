import { findApiToken, touchApiToken } from '@jianbao/db';
import { createMiddleware } from 'hono/factory';
import type { AppEnv, Caller } from '../http/context';
import { ApiError } from '../http/errors';
import { hashToken, looksLikeToken } from './tokens';

/**
 * Reads `Authorization: Bearer <token>`. No header: an anonymous request (routes that need a
 * user refuse it). A header with an unknown or revoked token: 401 at once, so a client learns
 * its token is dead rather than seeing empty lists.
 */
export const identify = createMiddleware<AppEnv>(async (c, next) => {
  const header = c.req.header('authorization');
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match || !looksLikeToken(match[1]!)) {
      throw new ApiError(401, 'invalid-token', 'the Authorization header is not "Bearer <token>"');
    }
    const { db } = c.var.deps.db;
    const found = await findApiToken(db, hashToken(match[1]!));
    if (!found) throw new ApiError(401, 'invalid-token', 'this token is unknown or was revoked');
    await touchApiToken(db, found.token.id);
    c.set('caller', { user: found.user, tokenId: found.token.id });
  }
  await next();
});

/** The signed-in caller, or 401. */
export function requireCaller(caller: Caller | undefined): Caller {
  if (!caller)
    throw new ApiError(401, 'unauthenticated', 'sign in: send Authorization: Bearer <token>');
  return caller;
}
