import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';

// The signed-in browser holds an API token in an HttpOnly, SameSite=Strict cookie scoped to
// the pages: script cannot read it, and other sites cannot send it (forms are also checked for
// their Origin). Signing out revokes the token.

const SESSION = 'jianbao_session';
const FLASH = 'jianbao_flash';
export const PAGES = '/app';

function secure(c: Context): boolean {
  return new URL(c.req.url).protocol === 'https:';
}

/** The session: the API token and its id (to revoke it on sign-out). */
export interface Session {
  tokenId: string;
  token: string;
}

export function readSession(c: Context): Session | undefined {
  const match = /^([0-9a-f-]{36})\.([\w-]{10,200})$/.exec(getCookie(c, SESSION) ?? '');
  return match ? { tokenId: match[1]!, token: match[2]! } : undefined;
}

export function startSession(c: Context, session: Session): void {
  setCookie(c, SESSION, `${session.tokenId}.${session.token}`, {
    httpOnly: true,
    sameSite: 'Strict',
    secure: secure(c),
    path: PAGES,
    maxAge: 60 * 60 * 24 * 30,
  });
}

export function endSession(c: Context): void {
  deleteCookie(c, SESSION, { path: PAGES, secure: secure(c) });
}

/** A one-time message shown by the next page (after a form's redirect). */
export interface Flash {
  kind: 'notice' | 'error';
  text: string;
  field?: string;
}

const flashed = new WeakSet<Context>();

/** Whether this request has already set the next page's message. */
export function hasFlash(c: Context): boolean {
  return flashed.has(c);
}

export function setFlash(c: Context, flash: Flash): void {
  flashed.add(c);
  setCookie(c, FLASH, encodeURIComponent(JSON.stringify(flash)), {
    httpOnly: true,
    sameSite: 'Strict',
    secure: secure(c),
    path: PAGES,
    maxAge: 60,
  });
}

export function takeFlash(c: Context): Flash | undefined {
  const value = getCookie(c, FLASH);
  if (!value) return undefined;
  deleteCookie(c, FLASH, { path: PAGES, secure: secure(c) });
  try {
    const flash = JSON.parse(decodeURIComponent(value)) as Flash;
    if ((flash.kind === 'notice' || flash.kind === 'error') && typeof flash.text === 'string') {
      return { kind: flash.kind, text: flash.text.slice(0, 500), field: flash.field };
    }
  } catch {
    // A cookie this code did not write: ignored.
  }
  return undefined;
}
