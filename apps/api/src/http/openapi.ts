import { OpenAPIHono } from '@hono/zod-openapi';
import { zApiError } from '@jianbao/core';
import { z } from 'zod';
import type { AppEnv } from './context';
import { validationError } from './errors';

/** A sub-app whose zod validation failures become the API's 400 (field named). */
export function router() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        const prefix = result.target === 'json' ? undefined : result.target;
        throw validationError(
          result.error as z.ZodError,
          prefix === 'param' ? undefined : prefix,
          (result as { data?: unknown }).data,
        );
      }
    },
  });
}

export const jsonBody = <T extends z.ZodType>(schema: T, description?: string) => ({
  body: { content: { 'application/json': { schema } }, required: true, description },
});

export const jsonResponse = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { 'application/json': { schema } },
  description,
});

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid request: `error.field` names the field at fault',
  401: 'No valid token',
  403: 'Your role does not allow this',
  404: 'No such thing, or not visible to you',
  409: 'Conflicts with what is stored',
  412: 'Stale: the version in If-Match is not the current one',
  413: 'Request body too large',
  428: 'If-Match is required',
};

/** The error responses a route may give, all of the one error shape. */
export function errorResponses<S extends number>(...statuses: S[]) {
  return Object.fromEntries(
    statuses.map((s) => [s, jsonResponse(zApiError, ERROR_DESCRIPTIONS[s] ?? 'Error')]),
  ) as Record<S, ReturnType<typeof jsonResponse<typeof zApiError>>>;
}

export const zIdParam = z.object({ id: z.uuid() });
export const bearer = [{ bearer: [] }];
