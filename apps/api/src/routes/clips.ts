import { createRoute } from '@hono/zod-openapi';
import { zClipList, zClipView, zListClipsQuery, zUpdateClip } from '@jianbao/core';
import { deleteClip, getClip, listCollectionsFor, updateClip } from '@jianbao/db';
import { collectionFor } from '../auth/access';
import { requireCaller } from '../auth/middleware';
import { listOrSearch } from '../clips/list';
import { editedClip } from '../clips/store';
import { ApiError } from '../http/errors';
import { bearer, errorResponses, jsonBody, jsonResponse, router, zIdParam } from '../http/openapi';
import { clipView } from '../http/views';

const tags = ['Clips'];

const routes = {
  list: createRoute({
    method: 'get',
    path: '/clips',
    tags,
    summary: 'Clips the caller can read, filtered, newest first; with `q`, ranked search',
    description:
      'Filters combine with AND. `sort=clipped` (default) lists newest clipped first; ' +
      '`sort=published` newest published first, clips without a date last. `q` finds any ' +
      'Chinese substring of title or body, in either script (search 医院 and find 醫院); hits ' +
      'carry a snippet and where to highlight it, in search order (`sort` is ignored). Pass ' +
      '`nextCursor` back as `cursor` for the next page, with the same `sort`.',
    security: bearer,
    request: { query: zListClipsQuery },
    responses: {
      200: jsonResponse(zClipList, 'A page of clips'),
      ...errorResponses(400, 401, 404),
    },
  }),
  read: createRoute({
    method: 'get',
    path: '/clips/{id}',
    tags,
    summary: 'A clip; its ETag is its version',
    security: bearer,
    request: { params: zIdParam },
    responses: { 200: jsonResponse(zClipView, 'The clip'), ...errorResponses(401, 404) },
  }),
  update: createRoute({
    method: 'patch',
    path: '/clips/{id}',
    tags,
    summary: "Edit a clip's metadata or tags (editors and owners); If-Match required",
    description:
      'Send the version you read in `If-Match`. A clip changed since answers 412 with the ' +
      'current clip, and nothing is written: merge and try again.',
    security: bearer,
    request: { params: zIdParam, ...jsonBody(zUpdateClip) },
    responses: {
      200: jsonResponse(zClipView, 'The updated clip'),
      ...errorResponses(400, 401, 403, 404, 412, 428),
    },
  }),
  remove: createRoute({
    method: 'delete',
    path: '/clips/{id}',
    tags,
    summary: 'Delete a clip (editors and owners); it stays as a tombstone for sync',
    security: bearer,
    request: { params: zIdParam },
    responses: { 204: { description: 'Deleted' }, ...errorResponses(401, 403, 404, 412) },
  }),
};

/** `If-Match: "5"` (also W/"5" or 5): the version the client last read. */
function expectedVersion(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const match = /^\s*(?:W\/)?"?(\d+)"?\s*$/.exec(header);
  if (!match) {
    throw new ApiError(
      400,
      'invalid-header',
      'If-Match must be the clip\'s version, as "5"',
      'If-Match',
    );
  }
  return Number(match[1]);
}

export const clips = router()
  .openapi(routes.list, async (c) => {
    const { user } = requireCaller(c.var.caller);
    const { db } = c.var.deps.db;
    const query = c.req.valid('query');
    const collectionIds = query.collection
      ? [(await collectionFor(db, query.collection, user.id, 'read')).id]
      : (await listCollectionsFor(db, user.id)).map((col) => col.id);
    return c.json(await listOrSearch(db, collectionIds, query), 200);
  })
  .openapi(routes.read, async (c) => {
    const { user } = requireCaller(c.var.caller);
    const { db } = c.var.deps.db;
    const clip = await getClip(db, c.req.valid('param').id);
    if (!clip || clip.deletedAt) throw new ApiError(404, 'not-found', 'no such clip', 'id');
    await collectionFor(db, clip.collectionId, user.id, 'read').catch(() => {
      throw new ApiError(404, 'not-found', 'no such clip', 'id');
    });
    c.header('ETag', `"${clip.version}"`);
    return c.json(clipView(clip), 200);
  })
  .openapi(routes.update, async (c) => {
    const { user } = requireCaller(c.var.caller);
    const { db } = c.var.deps.db;
    const id = c.req.valid('param').id;
    const version = expectedVersion(c.req.header('if-match'));
    await writableClip(db, id, user.id);
    if (version === undefined) {
      throw new ApiError(
        428,
        'if-match-required',
        'send If-Match with the version you read',
        'If-Match',
      );
    }
    const body = c.req.valid('json');
    const result = await updateClip(db, {
      clipId: id,
      expectedVersion: version,
      tags: body.tags,
      canonicalPick: body.canonical,
      data: (stored) => (body.clip ? editedClip(c.var.store, stored.data, body.clip) : stored.data),
    });
    if (result.kind === 'not-found') throw new ApiError(404, 'not-found', 'no such clip', 'id');
    c.header('ETag', `"${result.clip.version}"`);
    if (result.kind === 'stale') {
      return c.json(
        {
          error: {
            code: 'stale-version',
            message: `the clip is at version ${result.clip.version}, not ${version}: read it again and merge`,
            field: 'If-Match',
          },
        },
        412,
      );
    }
    return c.json(clipView(result.clip), 200);
  })
  .openapi(routes.remove, async (c) => {
    const { user } = requireCaller(c.var.caller);
    const { db } = c.var.deps.db;
    const id = c.req.valid('param').id;
    const version = expectedVersion(c.req.header('if-match'));
    await writableClip(db, id, user.id);
    const result = await deleteClip(db, { clipId: id, expectedVersion: version });
    if (result.kind === 'stale') {
      throw new ApiError(
        412,
        'stale-version',
        `the clip is at version ${result.clip.version}`,
        'If-Match',
      );
    }
    return c.body(null, 204);
  });

/** The live clip if the user may change it: another team's clip is a 404, a viewer gets 403. */
async function writableClip(
  db: Parameters<typeof collectionFor>[0],
  clipId: string,
  userId: string,
) {
  const clip = await getClip(db, clipId);
  if (!clip || clip.deletedAt) throw new ApiError(404, 'not-found', 'no such clip', 'id');
  try {
    await collectionFor(db, clip.collectionId, userId, 'write');
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) {
      throw new ApiError(404, 'not-found', 'no such clip', 'id');
    }
    throw error;
  }
  return clip;
}
