import { createRoute } from '@hono/zod-openapi';
import { zExportQuery } from '@jianbao/core';
import { EXPORT_FORMATS, exportStream } from '@jianbao/corpus';
import { listCollectionsFor, parseSearchQuery } from '@jianbao/db';
import { z } from 'zod';
import { collectionFor } from '../auth/access';
import { requireCaller } from '../auth/middleware';
import { exportRecords } from '../export/records';
import { attachment, streamedResponse } from '../export/response';
import { bearer, errorResponses, router } from '../http/openapi';

const binary = z.string().openapi({ format: 'binary' });

const routes = {
  export: createRoute({
    method: 'get',
    path: '/export',
    tags: ['Export'],
    summary: 'The clips of a collection, or of a filter over what you can read, as one file',
    description:
      'Streamed: memory on the server stays flat whatever the size. Formats: `jsonl` (every ' +
      'field, one clip a line; what `jianbao import` reads back), `csv` (UTF-8 with a BOM, one ' +
      'row a clip), `markdown` (a zip of one file a clip with YAML front matter), `text` (a zip ' +
      'of one .txt a clip plus manifest.csv, for corpus tools), `parquet`. Filters as for ' +
      '`GET /clips`. `dedupe=true` keeps one clip per near-duplicate group, its canonical; ' +
      '`script` converts the text; `html=true` keeps the sanitised HTML.',
    security: bearer,
    request: { query: zExportQuery },
    responses: {
      200: {
        description: 'The file, as an attachment',
        content: Object.fromEntries(
          Object.values(EXPORT_FORMATS).map((f) => [f.contentType, { schema: binary }]),
        ),
      },
      ...errorResponses(400, 401, 404),
    },
  }),
};

export const exportRoute = router().openapi(routes.export, async (c) => {
  const { user } = requireCaller(c.var.caller);
  const { db } = c.var.deps.db;
  const query = c.req.valid('query');
  // A query with nothing searchable is a 400 now, not a stream cut later.
  if (query.q !== undefined) parseSearchQuery(query.q);
  const readable = query.collection
    ? [await collectionFor(db, query.collection, user.id, 'read')]
    : await listCollectionsFor(db, user.id);
  const format = EXPORT_FORMATS[query.format];
  const records = exportRecords(
    db,
    readable.map((col) => col.id),
    query,
  );
  const name = query.collection ? readable[0]!.name : 'jianbao';
  const day = new Date().toISOString().slice(0, 10);
  return streamedResponse(
    exportStream(records, query.format, { includeHtml: query.html, script: query.script }),
    {
      'content-type': format.contentType,
      'content-disposition': attachment(`${name}-${day}.${format.extension}`),
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
  ) as never;
});
