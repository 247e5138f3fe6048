import { setTimeout as sleep } from 'node:timers/promises';

/** An answer of the API's error shape, or no answer at all (`status` 0). */
export class ApiCallError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ApiCallError';
  }
}

export interface ClientOptions {
  server: string;
  token?: string;
  /** Tries for an answer that may come right later (no answer, 429, 502-504); default 5. */
  attempts?: number;
  fetch?: typeof fetch;
}

/**
 * The API for the command line: JSON in and out, the token as a bearer, the error shape turned
 * into ApiCallError. Transient failures are retried with backoff (a 429's Retry-After wins).
 */
export class ApiClient {
  readonly #options: Required<Omit<ClientOptions, 'token'>> & { token?: string };

  constructor(options: ClientOptions) {
    this.#options = { attempts: 5, fetch: globalThis.fetch, ...options };
  }

  get server(): string {
    return this.#options.server;
  }

  async json<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await this.request(method, path, {
      body: body === undefined ? undefined : JSON.stringify(body),
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
    });
    return (await response.json()) as T;
  }

  /** The raw answer of a 2xx (its body unread: a download streams it). */
  async request(
    method: string,
    path: string,
    init: { body?: string; headers?: Record<string, string>; signal?: AbortSignal } = {},
  ): Promise<Response> {
    const { server, token, attempts } = this.#options;
    const url = `${server}${path}`;
    for (let attempt = 1; ; attempt++) {
      let response: Response;
      try {
        response = await this.#options.fetch(url, {
          method,
          body: init.body,
          signal: init.signal,
          headers: {
            accept: 'application/json',
            ...(token ? { authorization: `Bearer ${token}` } : {}),
            ...init.headers,
          },
        });
      } catch (error) {
        if (init.signal?.aborted) throw error;
        if (attempt >= attempts) {
          throw new ApiCallError(
            0,
            'no-answer',
            `no answer from ${server}: ${describeFetchError(error)}`,
          );
        }
        await sleep(backoff(attempt));
        continue;
      }
      if (response.ok) return response;
      const transient = response.status === 429 || [502, 503, 504].includes(response.status);
      if (transient && attempt < attempts) {
        const retryAfter = Number(response.headers.get('retry-after'));
        await response.body?.cancel();
        await sleep(
          Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : backoff(attempt),
        );
        continue;
      }
      throw await errorOf(response);
    }
  }
}

const backoff = (attempt: number) => Math.min(500 * 2 ** (attempt - 1), 8000);

async function errorOf(response: Response): Promise<ApiCallError> {
  const text = await response.text().catch(() => '');
  try {
    const { error } = JSON.parse(text) as {
      error: { code: string; message: string; field?: string };
    };
    if (error?.code) {
      return new ApiCallError(response.status, error.code, error.message, error.field);
    }
  } catch {
    // Not the API's error shape: a proxy's page, say.
  }
  return new ApiCallError(
    response.status,
    `http-${response.status}`,
    `the server answered ${response.status} ${response.statusText}`.trim(),
  );
}

function describeFetchError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message;
}
