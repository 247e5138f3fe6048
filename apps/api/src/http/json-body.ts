import { createMiddleware } from 'hono/factory';
import type { AppEnv } from './context';
import { ApiError } from './errors';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads a JSON body once, strictly: it must be UTF-8 (a GBK body is refused, not decoded into
 * mojibake and stored) and valid JSON. The parsed value is handed to the validators through
 * Hono's body cache, so it is not parsed twice.
 */
export const jsonBody = createMiddleware<AppEnv>(async (c, next) => {
  const method = c.req.method;
  if (method === 'GET' || method === 'HEAD' || method === 'DELETE' || method === 'OPTIONS') {
    return next();
  }
  const type = c.req.header('content-type') ?? '';
  const bytes = new Uint8Array(await c.req.arrayBuffer());
  if (bytes.length === 0) {
    // Read as `{}`: a route that needs a body names the first field missing from it.
    c.req.bodyCache.json = Promise.resolve({});
    return next();
  }
  if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(type)) {
    throw new ApiError(
      415,
      'unsupported-media-type',
      'send the body as application/json',
      'Content-Type',
    );
  }
  const charset = /charset\s*=\s*"?([\w-]+)/i.exec(type)?.[1];
  if (charset && !/^utf-?8$/i.test(charset)) {
    throw new ApiError(415, 'unsupported-charset', `send UTF-8, not ${charset}`, 'Content-Type');
  }
  let text: string;
  try {
    text = strictUtf8.decode(bytes);
  } catch {
    throw new ApiError(400, 'invalid-encoding', 'the body is not valid UTF-8');
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ApiError(
      400,
      'malformed-json',
      `the body is not valid JSON: ${(error as Error).message}`,
    );
  }
  c.req.bodyCache.json = Promise.resolve(value);
  await next();
});
