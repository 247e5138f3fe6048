import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';

/** An error the API answers with on purpose: status, a stable code, the field at fault. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function errorBody(code: string, message: string, field?: string) {
  return { error: field === undefined ? { code, message } : { code, message, field } };
}

export function sendError(c: Context, error: ApiError): Response {
  return c.json(errorBody(error.code, error.message, error.field), error.status);
}

/** zod's first issue, as the API's error: where (`draft.title`), and what is wrong in words. */
export function validationError(error: z.ZodError, prefix?: string, input?: unknown): ApiError {
  const issue = error.issues[0]!;
  let path = issue.path.map(String);
  // An unknown field is named by its own path, not its parent's.
  if (issue.code === 'unrecognized_keys') path = [...path, ...issue.keys.slice(0, 1)];
  const field = [prefix, ...path].filter(Boolean).join('.') || undefined;
  const code =
    issue.code === 'unrecognized_keys'
      ? 'unknown-field'
      : issue.code === 'too_big'
        ? 'too-large'
        : issue.code === 'invalid_type' && valueAt(input, issue.path) === undefined
          ? 'missing-field'
          : 'invalid-field';
  const what =
    issue.code === 'unrecognized_keys'
      ? `unknown field ${field}`
      : `${field ?? 'body'}: ${issue.message}`;
  return new ApiError(400, code, what, field);
}

/** The value at a zod path in the input (zod 4 does not keep it in the issue). */
function valueAt(input: unknown, path: PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}
