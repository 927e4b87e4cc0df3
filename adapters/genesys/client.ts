import pRetry, { AbortError } from 'p-retry';
import { z } from 'zod';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../../core/enrich/engine-call.js';
import type { NameDirectory } from '../../core/names/name-export.js';

/**
 * The Genesys Cloud platform API as debrief uses it on AWS (behind configuration), shared by the
 * users and routing (queues) lookups so they hold one token:
 *  - OAuth client credentials: `POST {login}/oauth/token` with HTTP Basic `clientId:clientSecret`
 *    and `grant_type=client_credentials` -> `{access_token, token_type, expires_in}`;
 *  - `GET {api}{path}` with `Authorization: Bearer <token>`, JSON back.
 * The token is kept until shortly before it expires. 429 and 5xx are retried; a 429's Retry-After
 * (Genesys asks for 1–30 s, per OAuth client) is waited out in full, up to MAX_RETRY_AFTER_MS per
 * wait and RETRY_AFTER_BUDGET_MS per request (MergeCtr's Lambda has 300 s); a 401 gets one fresh
 * token. Anything else fails the request.
 */
/** The longest single Retry-After waited out; a longer one fails the request at once. */
export const MAX_RETRY_AFTER_MS = 60_000;
/** All Retry-After waits of one request together. */
export const RETRY_AFTER_BUDGET_MS = 120_000;

export interface GenesysApiOptions {
  /** e.g. https://api.mypurecloud.com (the org's region). */
  apiBase: string;
  /** Default: the api host with `api.` replaced by `login.`. */
  loginBase?: string;
  clientId: string;
  /** The secret, or how to get it (e.g. from Secrets Manager) on the first request. */
  clientSecret: string | (() => Promise<string>);
  fetch?: typeof fetch;
  timeoutMs?: number;
  retry?: RetryPolicy;
  now?: () => number;
  /** Waits (injected so tests need not wait a Retry-After out). */
  sleep?: (ms: number) => Promise<void>;
}

export interface GenesysApiClient {
  /** The API origin, for lineage. */
  readonly apiBase: string;
  /** `GET {apiBase}{pathAndQuery}` as JSON, authorised, retried. */
  get(pathAndQuery: string): Promise<unknown>;
}

const TokenResponse = z.looseObject({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.number().positive().optional(),
});

/** The entity listings (UserEntityListing, QueueEntityListing): `{entities: [{id, name, ...}], ...}`. */
export const EntityListing = z.looseObject({
  entities: z.array(z.looseObject({ id: z.string(), name: z.string().optional() })).default([]),
});

class HttpError extends Error {
  override name = 'GenesysApiError';
  constructor(
    readonly status: number,
    readonly retryAfterMs: number | null,
    message: string,
  ) {
    super(message);
  }
}

const loginFor = (apiBase: string): string => {
  const url = new URL(apiBase);
  url.hostname = url.hostname.replace(/^api\./, 'login.');
  return url.origin;
};

export const genesysApiClient = (options: GenesysApiOptions): GenesysApiClient => {
  const doFetch = options.fetch ?? fetch;
  const apiBase = new URL(options.apiBase).origin;
  const loginBase = options.loginBase ? new URL(options.loginBase).origin : loginFor(apiBase);
  const now = options.now ?? Date.now;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const policy = options.retry ?? DEFAULT_RETRY_POLICY;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  let token: { value: string; expiresAt: number } | null = null;

  const request = async (url: string, init: RequestInit): Promise<unknown> => {
    const response = await doFetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    if (!response.ok) {
      const retryAfter = Number(response.headers.get('retry-after'));
      const body = (await response.text()).slice(0, 200);
      throw new HttpError(
        response.status,
        Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : null,
        `${init.method ?? 'GET'} ${new URL(url).pathname} -> HTTP ${response.status} ${body}`.trim(),
      );
    }
    return response.json();
  };

  const withRetries = <T>(run: () => Promise<T>) => {
    let waited = 0;
    return pRetry(
      async () => {
        try {
          return await run();
        } catch (error) {
          const transient = error instanceof HttpError && (error.status === 429 || error.status >= 500);
          if (!transient && !(error instanceof Error && error.name === 'TimeoutError'))
            throw new AbortError(error as Error);
          if (error instanceof HttpError && error.retryAfterMs) {
            // Asked again before the Retry-After is up, Genesys answers 429 again: wait it out,
            // or give up now if it is longer than this request may wait.
            if (
              error.retryAfterMs > MAX_RETRY_AFTER_MS ||
              waited + error.retryAfterMs > RETRY_AFTER_BUDGET_MS
            )
              throw new AbortError(
                new HttpError(
                  error.status,
                  error.retryAfterMs,
                  `${error.message} (Retry-After ${error.retryAfterMs / 1000} s: longer than this request waits)`,
                ),
              );
            waited += error.retryAfterMs;
            await sleep(error.retryAfterMs);
          }
          throw error;
        }
      },
      { retries: policy.retries, minTimeout: policy.minTimeoutMs, maxTimeout: policy.maxTimeoutMs },
    );
  };

  const accessToken = async (): Promise<string> => {
    if (token && token.expiresAt > now()) return token.value;
    const secret =
      typeof options.clientSecret === 'string' ? options.clientSecret : await options.clientSecret();
    const basic = Buffer.from(`${options.clientId}:${secret}`).toString('base64');
    const raw = await withRetries(() =>
      request(`${loginBase}/oauth/token`, {
        method: 'POST',
        headers: {
          Authorization: `Basic ${basic}`,
          'Content-Type': 'application/x-www-form-urlencoded',
        },
        body: 'grant_type=client_credentials',
      }),
    );
    const parsed = TokenResponse.parse(raw);
    // Renew a minute early: a token that expires mid-batch costs a 401 round trip.
    token = {
      value: parsed.access_token,
      expiresAt: now() + Math.max(0, (parsed.expires_in ?? 3600) - 60) * 1000,
    };
    return token.value;
  };

  return {
    apiBase,
    get: async (pathAndQuery) => {
      const get = async () =>
        request(`${apiBase}${pathAndQuery}`, {
          method: 'GET',
          headers: { Authorization: `Bearer ${await accessToken()}`, Accept: 'application/json' },
        });
      try {
        return await withRetries(get);
      } catch (error) {
        // One fresh token for a 401 (revoked or expired early), then give up.
        if (!(error instanceof HttpError && error.status === 401)) throw error;
        token = null;
        return withRetries(get);
      }
    },
  };
};

/** A client from options, or the one given (so several lookups share a token). */
export const clientFrom = (client: GenesysApiClient | GenesysApiOptions): GenesysApiClient =>
  'get' in client ? client : genesysApiClient(client);

/**
 * A name directory over a bulk listing endpoint: ids not seen yet are asked for `perRequest` at a
 * time (`path(ids)` -> an entity listing), and every answer is cached for the life of the process,
 * unknown ids too (a deleted user or queue is not asked for again on every call).
 */
export const listingDirectory = (
  client: GenesysApiClient,
  source: string,
  perRequest: number,
  path: (ids: readonly string[]) => string,
): NameDirectory => {
  const names = new Map<string, string | null>();
  const fetchNames = async (ids: readonly string[]): Promise<void> => {
    const raw = await client.get(path(ids));
    const found = new Map(EntityListing.parse(raw).entities.map((e) => [e.id, e.name?.trim() || null]));
    for (const id of ids) names.set(id, found.get(id) ?? null);
  };
  return {
    source: `${source} ${client.apiBase}`,
    names: async (ids) => {
      const missing = [...new Set(ids)].filter((id) => !names.has(id));
      for (let i = 0; i < missing.length; i += perRequest) await fetchNames(missing.slice(i, i + perRequest));
      return new Map(
        ids.flatMap((id) => {
          const name = names.get(id);
          return name ? [[id, name] as const] : [];
        }),
      );
    },
  };
};
