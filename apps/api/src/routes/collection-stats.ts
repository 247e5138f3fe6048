import { createRoute } from '@hono/zod-openapi';
import {
  type CollectionStatsQuery,
  zCollectionStatsQuery,
  zFacetCounts,
  zOverview,
} from '@jianbao/core';
import { facetCounts, overview } from '@jianbao/db';
import { collectionFor } from '../auth/access';
import { requireCaller } from '../auth/middleware';
import { filtersOf } from '../clips/list';
import { statsKey } from '../clips/stats-cache';
import { bearer, errorResponses, jsonResponse, router, zIdParam } from '../http/openapi';

const tags = ['Collections'];

const routes = {
  facets: createRoute({
    method: 'get',
    path: '/collections/{id}/facets',
    tags,
    summary: 'How the clips matching the filters divide by source kind, topic, region, …',
    description:
      'The filters of `GET /clips` (`q` included), combined with AND. Each list is the top 20 ' +
      'values by count, then by value; pass a value back as the filter of the same name. ' +
      'Regions are provinces, or one level below the `region` filter (its cities; a ' +
      "municipality's districts; a city's counties). Viewers may read it.",
    security: bearer,
    request: { params: zIdParam, query: zCollectionStatsQuery },
    responses: {
      200: jsonResponse(zFacetCounts, 'Counts of the matching clips'),
      ...errorResponses(400, 401, 404),
    },
  }),
  overview: createRoute({
    method: 'get',
    path: '/collections/{id}/overview',
    tags,
    summary: 'Clips per month by topic and province, top sources and institutions: for charts',
    description:
      'For the clips matching the filters of `GET /clips` (all optional). Months are those of ' +
      '`publishedAt` as written, every month from the first present to the last, at most the ' +
      'last 120; undated clips are counted in `undated` and in no series. Viewers may read it.',
    security: bearer,
    request: { params: zIdParam, query: zCollectionStatsQuery },
    responses: {
      200: jsonResponse(zOverview, 'The numbers the charts draw'),
      ...errorResponses(400, 401, 404),
    },
  }),
};

/**
 * `GET /collections/{id}/facets` and `GET /collections/{id}/overview`, kept by collection version
 * (StatsCache): paging or reloading a collection counts once until its next write.
 */
export const collectionStats = router()
  .openapi(routes.facets, async (c) => {
    const { user } = requireCaller(c.var.caller);
    const { db } = c.var.deps.db;
    const collection = await collectionFor(db, c.req.valid('param').id, user.id, 'read');
    const query = c.req.valid('query');
    const params = statsParams(collection.id, query);
    return c.json(
      await c.var.stats.get(statsKey('facets', collection, { ...query, q: params.query }), () =>
        facetCounts(db, params),
      ),
      200,
    );
  })
  .openapi(routes.overview, async (c) => {
    const { user } = requireCaller(c.var.caller);
    const { db } = c.var.deps.db;
    const collection = await collectionFor(db, c.req.valid('param').id, user.id, 'read');
    const query = c.req.valid('query');
    const params = statsParams(collection.id, query);
    return c.json(
      await c.var.stats.get(statsKey('overview', collection, { ...query, q: params.query }), () =>
        overview(db, params),
      ),
      200,
    );
  });

function statsParams(collectionId: string, query: CollectionStatsQuery) {
  return {
    collectionIds: [collectionId],
    filters: filtersOf(query),
    query: query.q?.trim() ? query.q : undefined,
  };
}
