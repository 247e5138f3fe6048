/**
 * The pages read and write through the API itself, in process (`app.request`), with the
 * signed-in user's token: every check the API makes (roles, validation, limits) holds for the
 * pages too, and a page can do nothing a script with the same token could not.
 */
export type Fetch = (path: string, init: RequestInit) => Response | Promise<Response>;

/** An answer of the API other than 2xx, with its error body. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ApiFailure';
  }
}

export class PageApi {
  constructor(
    private readonly fetch: Fetch,
    readonly token: string | undefined,
  ) {}

  /** The raw answer (an export streams through unchanged). */
  async raw(
    method: string,
    path: string,
    body?: unknown,
    extra: Record<string, string> = {},
  ): Promise<Response> {
    const headers: Record<string, string> = { ...extra };
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    return this.fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  async call<T>(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<T> {
    const response = await this.raw(method, path, body, headers);
    const text = await response.text();
    const value = text ? (JSON.parse(text) as unknown) : null;
    if (!response.ok) {
      const error = (value as { error?: { code?: string; message?: string; field?: string } })
        ?.error;
      throw new ApiFailure(
        response.status,
        error?.code ?? 'http-error',
        error?.message ?? response.statusText,
        error?.field,
      );
    }
    return value as T;
  }

  get<T>(path: string): Promise<T> {
    return this.call<T>('GET', path);
  }
}

/** A query string from the values given (empty ones left out). */
export function query(values: Record<string, string | number | boolean | undefined | null>) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined && value !== null && value !== '' && value !== false) {
      params.set(key, String(value));
    }
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}
