import type {
  ApiError,
  ClipDraft,
  CreateClip,
  SimilarResult,
  zBatchResult,
  zCollectionView,
  zSession,
  zUserView,
} from '@jianbao/core/light';
import type { z } from 'zod';

export type CollectionView = z.infer<typeof zCollectionView>;
export type BatchResult = z.infer<typeof zBatchResult>;
export type Session = z.infer<typeof zSession>;
export type UserView = z.infer<typeof zUserView>;

/**
 * Why a request failed, in the API's own terms (`{ error: { code, message, field? } }`) or ours
 * for what never reached it: `network` (server down, offline, refused by CORS) and `bad-response`.
 * `retryable` says whether the same request later could succeed unchanged.
 */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    /** From Retry-After on a 429 or 503. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'ApiFailure';
  }

  get retryable(): boolean {
    return this.status === 0 || this.status === 408 || this.status === 429 || this.status >= 500;
  }
}

export interface ApiClientOptions {
  /** The server's address, e.g. http://127.0.0.1:8787. */
  baseUrl: string;
  token?: string | null;
  fetch?: typeof fetch;
  /** Milliseconds before a request counts as a network failure. */
  timeoutMs?: number;
}

/** The Jianbao API as the extension uses it. Every method throws ApiFailure on failure. */
export class ApiClient {
  private readonly base: string;
  private readonly token: string | null;
  private readonly fetchImpl: typeof fetch;
  private readonly timeoutMs: number;

  constructor(options: ApiClientOptions) {
    this.base = normalizeServerUrl(options.baseUrl);
    this.token = options.token ?? null;
    this.fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.timeoutMs = options.timeoutMs ?? 20_000;
  }

  signIn(email: string, password: string, tokenName: string): Promise<Session> {
    return this.request('POST', '/auth/signin', { email, password, tokenName });
  }

  me(): Promise<UserView> {
    return this.request('GET', '/me');
  }

  async collections(): Promise<CollectionView[]> {
    return (await this.request<{ collections: CollectionView[] }>('GET', '/collections'))
      .collections;
  }

  similarCheck(draft: ClipDraft, collection?: string): Promise<SimilarResult> {
    return this.request('POST', '/similar/check', collection ? { draft, collection } : { draft });
  }

  createBatch(collectionId: string, items: CreateClip[]): Promise<BatchResult> {
    return this.request('POST', `/collections/${encodeURIComponent(collectionId)}/clips/batch`, {
      items,
    });
  }

  private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (this.token) headers.Authorization = `Bearer ${this.token}`;
    let response: Response;
    try {
      response = await this.fetchImpl(`${this.base}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
      throw new ApiFailure(
        0,
        'network',
        timedOut
          ? `The server at ${this.base} did not answer within ${this.timeoutMs / 1000} s.`
          : `The server at ${this.base} cannot be reached (${errorText(error)}).`,
      );
    }
    const payload = await response.json().catch(() => undefined);
    if (response.ok) {
      if (payload === undefined) {
        throw new ApiFailure(response.status, 'bad-response', 'The server answered without JSON.');
      }
      return payload as T;
    }
    const retryAfter = Number(response.headers.get('Retry-After'));
    const error = (payload as ApiError | undefined)?.error;
    throw new ApiFailure(
      response.status,
      error?.code ?? `http-${response.status}`,
      error?.message ?? `The server answered ${response.status} ${response.statusText}.`,
      error?.field,
      Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : undefined,
    );
  }
}

/** `127.0.0.1:8787/` → `http://127.0.0.1:8787`; throws on what is no http(s) address. */
export function normalizeServerUrl(input: string): string {
  const trimmed = input.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `http://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new ApiFailure(0, 'invalid-server', `"${input}" is not a server address.`, 'server');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ApiFailure(
      0,
      'invalid-server',
      'The server address must start with http:// or https://.',
      'server',
    );
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
