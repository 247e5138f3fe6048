import { createRoute } from '@hono/zod-openapi';
import {
  zBatchResult,
  zChangesView,
  zClipView,
  zCollectionView,
  zCreateClip,
  zCreateClipBatch,
  zCreateCollection,
  zRename,
} from '@jianbao/core';
import {
  changesSince,
  createCollection,
  deleteCollection,
  listCollectionsFor,
  renameCollection,
} from '@jianbao/db';
import { z } from 'zod';
import { collectionFor, teamFor } from '../auth/access';
import { requireCaller } from '../auth/middleware';
import { storeBatch, storeOne } from '../clips/store';
import { ApiError } from '../http/errors';
import { bearer, errorResponses, jsonBody, jsonResponse, router, zIdParam } from '../http/openapi';
import { clipView, collectionView } from '../http/views';

const tags = ['Collections'];

const routes = {
  create: createRoute({
    method: 'post',
    path: '/collections',
    tags,
    summary: "Create a collection: a team's (editors and owners) or a personal one",
    security: bearer,
    request: jsonBody(zCreateCollection),
    responses: {
      201: jsonResponse(zCollectionView, 'The collection'),
      ...errorResponses(400, 401, 403, 404),
    },
  }),
  list: createRoute({
    method: 'get',
    path: '/collections',
    tags,
    summary: 'Every collection the caller can read',
    security: bearer,
    responses: {
      200: jsonResponse(z.object({ collections: z.array(zCollectionView) }), 'Collections'),
      ...errorResponses(401),
    },
  }),
  read: createRoute({
    method: 'get',
    path: '/collections/{id}',
    tags,
    summary: 'A collection',
    security: bearer,
    request: { params: zIdParam },
    responses: {
      200: jsonResponse(zCollectionView, 'The collection'),
      ...errorResponses(401, 404),
    },
  }),
  rename: createRoute({
    method: 'patch',
    path: '/collections/{id}',
    tags,
    summary: 'Rename a collection (editors and owners)',
    security: bearer,
    request: { params: zIdParam, ...jsonBody(zRename) },
    responses: {
      200: jsonResponse(zCollectionView, 'The collection'),
      ...errorResponses(400, 401, 403, 404),
    },
  }),
  remove: createRoute({
    method: 'delete',
    path: '/collections/{id}',
    tags,
    summary: 'Delete a collection (owners)',
    security: bearer,
    request: { params: zIdParam },
    responses: { 204: { description: 'Deleted' }, ...errorResponses(401, 403, 404) },
  }),
  changes: createRoute({
    method: 'get',
    path: '/collections/{id}/changes',
    tags: ['Sync'],
    summary: 'What changed after version `since`: clips, tombstones, the new version',
    description:
      "As in Zotero's web API: keep the returned `version` and send it as `since` next time. " +
      'With `If-Modified-Since-Version: V` an unchanged collection answers 304. Every answer ' +
      'carries `Last-Modified-Version`.',
    security: bearer,
    request: {
      params: zIdParam,
      query: z.strictObject({ since: z.coerce.number().int().min(0).default(0) }),
    },
    responses: {
      200: jsonResponse(zChangesView, 'The changes'),
      304: { description: 'Nothing changed since If-Modified-Since-Version' },
      ...errorResponses(400, 401, 404),
    },
  }),
  createClip: createRoute({
    method: 'post',
    path: '/collections/{id}/clips',
    tags: ['Clips'],
    summary: 'Create a clip from a draft or from a page (editors and owners); idempotent by id',
    description:
      'The same request again answers 200 with the stored clip; another draft under an id ' +
      'in use is a 409. A page that is not an article is a 422 with its reason.',
    security: bearer,
    request: { params: zIdParam, ...jsonBody(zCreateClip) },
    responses: {
      201: jsonResponse(zClipView, 'Created'),
      200: jsonResponse(zClipView, 'Already stored: this request was a retry'),
      ...errorResponses(400, 401, 403, 404, 409, 413),
      422: { description: 'The page is not an article' },
    },
  }),
  batch: createRoute({
    method: 'post',
    path: '/collections/{id}/clips/batch',
    tags: ['Clips'],
    summary: "Create up to 100 clips at once (an offline queue's flush): a result per item",
    security: bearer,
    request: { params: zIdParam, ...jsonBody(zCreateClipBatch) },
    responses: {
      200: jsonResponse(zBatchResult, 'One result per item, in order'),
      ...errorResponses(400, 401, 403, 404, 413),
    },
  }),
};

export const collections = router()
  .openapi(routes.create, async (c) => {
    const { user } = requireCaller(c.var.caller);
    const { db } = c.var.deps.db;
    const body = c.req.valid('json');
    if (body.teamId) {
      const team = await teamFor(db, body.teamId, user.id, 'write');
      const created = await createCollection(db, { name: body.name, teamId: team.id });
      return c.json(collectionView({ ...created, role: team.role }), 201);
    }
    const created = await createCollection(db, { name: body.name, ownerUserId: user.id });
    return c.json(collectionView({ ...created, role: 'owner' }), 201);
  })
  .openapi(routes.list, async (c) => {
    const { user } = requireCaller(c.var.caller);
    const list = await listCollectionsFor(c.var.deps.db.db, user.id);
    return c.json({ collections: list.map(collectionView) }, 200);
  })
  .openapi(routes.read, async (c) => {
    const { user } = requireCaller(c.var.caller);
    const found = await collectionFor(c.var.deps.db.db, c.req.valid('param').id, user.id, 'read');
    return c.json(collectionView(found), 200);
  })
  .openapi(routes.rename, async (c) => {
    const { user } = requireCaller(c.var.caller);
    const { db } = c.var.deps.db;
    const found = await collectionFor(db, c.req.valid('param').id, user.id, 'write');
    const renamed = await renameCollection(db, found.id, c.req.valid('json').name);
    if (!renamed) throw new ApiError(404, 'not-found', 'no such collection', 'id');
    return c.json(collectionView({ ...renamed, role: found.role }), 200);
  })
  .openapi(routes.remove, async (c) => {
    const { user } = requireCaller(c.var.caller);
    const { db } = c.var.deps.db;
    const found = await collectionFor(db, c.req.valid('param').id, user.id, 'manage');
    await deleteCollection(db, found.id);
    return c.body(null, 204);
  })
  .openapi(routes.changes, async (c) => {
    const { user } = requireCaller(c.var.caller);
    const { db } = c.var.deps.db;
    const found = await collectionFor(db, c.req.valid('param').id, user.id, 'read');
    const known = c.req.header('if-modified-since-version');
    if (known !== undefined) {
      if (!/^\d+$/.test(known.trim())) {
        throw new ApiError(
          400,
          'invalid-header',
          'If-Modified-Since-Version must be a version number',
          'If-Modified-Since-Version',
        );
      }
      if (Number(known) >= found.version) {
        c.header('Last-Modified-Version', String(found.version));
        return c.body(null, 304);
      }
    }
    const changes = await changesSince(db, found.id, c.req.valid('query').since);
    if (!changes) throw new ApiError(404, 'not-found', 'no such collection', 'id');
    c.header('Last-Modified-Version', String(changes.version));
    return c.json(
      {
        version: changes.version,
        clips: changes.clips.map(clipView),
        tombstones: changes.tombstones,
      },
      200,
    );
  })
  .openapi(routes.createClip, async (c) => {
    const { user } = requireCaller(c.var.caller);
    const found = await collectionFor(c.var.deps.db.db, c.req.valid('param').id, user.id, 'write');
    const result = await storeOne(c.var.store, found.id, user.id, c.req.valid('json'));
    c.header('ETag', `"${result.clip.version}"`);
    return c.json(clipView(result.clip), result.kind === 'created' ? 201 : 200);
  })
  .openapi(routes.batch, async (c) => {
    const { user } = requireCaller(c.var.caller);
    const found = await collectionFor(c.var.deps.db.db, c.req.valid('param').id, user.id, 'write');
    const { items, ifDuplicate } = c.req.valid('json');
    const skipDuplicates = ifDuplicate === 'skip';
    return c.json(await storeBatch(c.var.store, found.id, user.id, items, { skipDuplicates }), 200);
  });
