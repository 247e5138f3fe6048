import { OpenAPIHono } from '@hono/zod-openapi';
import { ListCursorError, SearchCursorError, SearchQueryError } from '@jianbao/db';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { HTTPException } from 'hono/http-exception';
import { identify } from './auth/middleware';
import { StatsCache } from './clips/stats-cache';
import { createClipStore } from './clips/store';
import type { AppDeps, AppEnv } from './http/context';
import { ApiError, errorBody, sendError } from './http/errors';
import { jsonBody } from './http/json-body';
import { MemoryRateLimitStore, rateLimit } from './limits/rate-limit';
import {
  apiReferenceStyleHash,
  type OpenApiDocument,
  renderApiReference,
} from './openapi/reference-page';
import { accounts } from './routes/accounts';
import { clips } from './routes/clips';
import { collectionStats } from './routes/collection-stats';
import { collections } from './routes/collections';
import { exportRoute } from './routes/export';
import { meta } from './routes/meta';
import { similar } from './routes/similar';
import { teams } from './routes/teams';
import { createHtmlSanitizer } from './security/sanitize-html';
import { createWeb } from './web';
import { PAGES } from './web/session';

export type { AppDeps } from './http/context';

/**
 * The whole API from its dependencies (STYLE.md): no globals, nothing opened on import. Tests
 * build it on a real database and call `app.request()`.
 */
export function createApp(deps: AppDeps) {
  const resolved = {
    db: deps.db,
    migrations: deps.migrations,
    now: deps.now ?? (() => new Date()),
    rateLimit: deps.rateLimit ?? { limit: 600, windowMs: 60_000 },
    maxBodyBytes: deps.maxBodyBytes ?? 10 * 1024 * 1024,
    extensionIds: deps.extensionIds ?? [],
    log: deps.log,
  };
  const sanitize = createHtmlSanitizer();
  const store = createClipStore(deps.db.db, sanitize);
  const stats = new StatsCache();
  const duplicates = new StatsCache(8);
  const extensionOrigin =
    /^(?:chrome-extension:\/\/([a-p]{32})|moz-extension:\/\/([0-9a-f-]{36}))$/;

  const api = new OpenAPIHono<AppEnv>();
  // The team's web pages come first, with their own middleware (cookie session, origin check,
  // CSP); they call the API below in process, through all of its middleware.
  api.route(PAGES, createWeb({ fetch: (path, init) => api.request(path, init), sanitize }));
  // A browser opening the server, or an invitation's link, lands on the pages.
  const wantsPage = (accept: string | undefined) => /\btext\/html\b/.test(accept ?? '');
  api.get('/', (c, next) => (wantsPage(c.req.header('accept')) ? c.redirect(PAGES) : next()));
  api.get(`${PAGES}/`, (c) => c.redirect(PAGES));
  api.get('/invitations/:code', (c, next) =>
    wantsPage(c.req.header('accept'))
      ? c.redirect(`${PAGES}/invitations/${encodeURIComponent(c.req.param('code'))}`)
      : next(),
  );
  api
    .use(async (c, next) => {
      c.set('deps', resolved);
      c.set('store', store);
      c.set('stats', stats);
      c.set('duplicates', duplicates);
      await next();
    })
    // The extension is the only other origin; the API's own pages are same-origin.
    .use(
      cors({
        origin: (origin) => {
          const match = extensionOrigin.exec(origin);
          if (!match) return null;
          const id = match[1] ?? match[2]!;
          return resolved.extensionIds.length === 0 || resolved.extensionIds.includes(id)
            ? origin
            : null;
        },
        allowHeaders: ['Authorization', 'Content-Type', 'If-Match', 'If-Modified-Since-Version'],
        exposeHeaders: [
          'ETag',
          'Last-Modified-Version',
          'Retry-After',
          'RateLimit-Limit',
          'RateLimit-Remaining',
          'RateLimit-Reset',
        ],
        maxAge: 600,
      }),
    )
    .use(
      bodyLimit({
        maxSize: resolved.maxBodyBytes,
        onError: (c) =>
          c.json(
            errorBody(
              'body-too-large',
              `the request body is over ${Math.round(resolved.maxBodyBytes / 1024 / 1024)} MB: send a smaller page, or split the batch`,
            ),
            413,
          ),
      }),
    )
    .use(identify)
    .use(
      rateLimit({
        store: deps.rateLimitStore ?? new MemoryRateLimitStore(),
        limit: resolved.rateLimit.limit,
        windowMs: resolved.rateLimit.windowMs,
        now: () => resolved.now().getTime(),
        // Per token; anonymous requests (sign-in, sign-up) per address.
        key: (c) => {
          const caller = c.get('caller');
          if (caller) return `token:${caller.tokenId}`;
          return `addr:${remoteAddress(c.env) ?? 'unknown'}`;
        },
      }),
    )
    .use(jsonBody);
  const app = api
    .route('/', meta)
    .route('/', accounts)
    .route('/', teams)
    .route('/', collections)
    .route('/', clips)
    .route('/', similar)
    .route('/', collectionStats)
    .route('/', exportRoute);

  api.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description: 'A token from POST /auth/signin or POST /tokens',
  });
  const document = () =>
    api.getOpenAPI31Document({
      openapi: '3.1.0',
      info: {
        title: 'Jianbao API',
        version: '1',
        description:
          'Team collections of Chinese press clippings: accounts, teams, collections, clips, ' +
          'search and sync. Errors always have the shape { error: { code, message, field? } }.',
      },
    });
  api.get('/openapi.json', (c) => c.json(document()));
  api.get('/reference', (c) => {
    c.header('Content-Security-Policy', `default-src 'none'; style-src '${apiReferenceStyleHash}'`);
    return c.html(renderApiReference(document() as OpenApiDocument, { title: 'Jianbao API' }));
  });

  api.notFound((c) =>
    c.json(errorBody('not-found', `no route ${c.req.method} ${c.req.path}`), 404),
  );
  api.onError((error, c) => {
    if (error instanceof ApiError) return sendError(c, error);
    if (
      error instanceof SearchQueryError ||
      error instanceof SearchCursorError ||
      error instanceof ListCursorError
    ) {
      const field = error instanceof SearchQueryError ? 'q' : 'cursor';
      return sendError(
        c,
        new ApiError(
          400,
          error instanceof SearchQueryError ? 'invalid-query' : 'invalid-cursor',
          error.message,
          field,
        ),
      );
    }
    if (error instanceof HTTPException) {
      return c.json(errorBody('http-error', error.message || 'request refused'), error.status);
    }
    resolved.log?.(`500 ${c.req.method} ${c.req.path}: ${(error as Error).stack ?? error}`);
    return c.json(errorBody('internal', 'the server failed on this request; it is logged'), 500);
  });
  return app;
}

export type AppType = ReturnType<typeof createApp>;

function remoteAddress(env: unknown): string | undefined {
  return (env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming
    ?.socket?.remoteAddress;
}
