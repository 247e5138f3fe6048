import { createRoute } from '@hono/zod-openapi';
import { zHealth } from '@jianbao/core';
import { jsonResponse, router } from '../http/openapi';

const health = createRoute({
  method: 'get',
  path: '/health',
  tags: ['Server'],
  summary: 'Which database the server runs on, and its migration level',
  responses: { 200: jsonResponse(zHealth, 'Up') },
});

export const meta = router().openapi(health, (c) => {
  const { db, migrations } = c.var.deps;
  return c.json(
    {
      status: 'ok' as const,
      database: db.driver,
      migrations: { applied: migrations.applied, latest: migrations.tag },
    },
    200,
  );
});
