import { createRoute } from '@hono/zod-openapi';
import {
  completeClip,
  zDuplicatesQuery,
  zSimilarCheck,
  zSimilarMatch,
  zSimilarResult,
} from '@jianbao/core';
import { getClip, listCollectionsFor } from '@jianbao/db';
import { z } from 'zod';
import { collectionFor } from '../auth/access';
import { requireCaller } from '../auth/middleware';
import { statsKey } from '../clips/stats-cache';
import { ApiError } from '../http/errors';
import { bearer, errorResponses, jsonBody, jsonResponse, router, zIdParam } from '../http/openapi';
import { duplicateGroups, similarTo } from '../similar/check';

const tags = ['Similar'];

const routes = {
  check: createRoute({
    method: 'post',
    path: '/similar/check',
    tags,
    summary: 'Before saving: is this draft already in the collections you can read?',
    description:
      'Answers the same URL (compared without scheme, www, tracking parameters, fragment), the ' +
      'same text, near-duplicates (another copy of the article: reposted, cut, other script) ' +
      'with a score and what differs, and similar clips.',
    security: bearer,
    request: jsonBody(zSimilarCheck),
    responses: {
      200: jsonResponse(zSimilarResult, 'What is already there'),
      ...errorResponses(400, 401, 404),
    },
  }),
  ofClip: createRoute({
    method: 'get',
    path: '/clips/{id}/similar',
    tags,
    summary: "A clip's near-duplicates and similar clips, ranked, with scores",
    security: bearer,
    request: { params: zIdParam },
    responses: {
      200: jsonResponse(zSimilarResult, 'Matches in the collections you can read'),
      ...errorResponses(401, 404),
    },
  }),
  duplicates: createRoute({
    method: 'get',
    path: '/collections/{id}/duplicates',
    tags,
    summary: "The collection's near-duplicate groups, each with a canonical pick",
    description:
      'The canonical is the earliest published, then the one with the most complete metadata, ' +
      'then the first clipped. `offset` and `limit` page through the groups (largest first); ' +
      '`total` counts them all. The groups are worked out once per collection version.',
    security: bearer,
    request: { params: zIdParam, query: zDuplicatesQuery },
    responses: {
      200: jsonResponse(
        z.object({
          total: z.number().int(),
          groups: z.array(
            z.object({
              canonical: z.uuid(),
              clips: z.array(zSimilarMatch.extend({ canonical: z.boolean() })),
            }),
          ),
        }),
        'Groups, largest first',
      ),
      ...errorResponses(400, 401, 404),
    },
  }),
};

export const similar = router()
  .openapi(routes.check, async (c) => {
    const { user } = requireCaller(c.var.caller);
    const { db } = c.var.deps.db;
    const body = c.req.valid('json');
    const collectionIds = body.collection
      ? [(await collectionFor(db, body.collection, user.id, 'read')).id]
      : (await listCollectionsFor(db, user.id)).map((col) => col.id);
    return c.json(await similarTo(db, completeClip(body.draft), collectionIds), 200);
  })
  .openapi(routes.ofClip, async (c) => {
    const { user } = requireCaller(c.var.caller);
    const { db } = c.var.deps.db;
    const clip = await getClip(db, c.req.valid('param').id);
    const readable = (await listCollectionsFor(db, user.id)).map((col) => col.id);
    if (!clip || clip.deletedAt || !readable.includes(clip.collectionId)) {
      throw new ApiError(404, 'not-found', 'no such clip', 'id');
    }
    return c.json(await similarTo(db, clip.data, readable, clip.id), 200);
  })
  .openapi(routes.duplicates, async (c) => {
    const { user } = requireCaller(c.var.caller);
    const { db } = c.var.deps.db;
    const collection = await collectionFor(db, c.req.valid('param').id, user.id, 'read');
    const { offset, limit } = c.req.valid('query');
    const groups = await c.var.duplicates.get(statsKey('duplicates', collection), () =>
      duplicateGroups(db, collection.id),
    );
    return c.json(
      {
        total: groups.length,
        groups: groups.slice(offset, limit === undefined ? undefined : offset + limit),
      },
      200,
    );
  });
