import { createHash, randomBytes } from 'node:crypto';

const PREFIX = 'jb_';

/** A new API token: 32 random bytes, prefixed so it is recognisable in a leaked log. */
export function newToken(): string {
  return PREFIX + randomBytes(32).toString('base64url');
}

/** What is stored: the token has 256 bits of entropy, so a fast hash is enough. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function looksLikeToken(value: string): boolean {
  return value.startsWith(PREFIX) && value.length <= 100;
}
