/*
 * createModelOpsFetcher: the one place where clients of the ModelOps backend
 * resolve its base URL, encode query strings and JSON bodies, and turn error
 * responses into ResponseError (which carries the backend's error message and
 * status). ModelOpsClient and the feature clients (cost, scorecards) share it
 * so that they all behave the same.
 */
import { ResponseError } from '@backstage/errors';

/**
 * What a client needs from the app: the structural subset of Backstage's
 * DiscoveryApi and FetchApi (the FetchApi attaches the user's token).
 *
 * @public
 */
export interface ModelOpsClientOptions {
  discoveryApi: { getBaseUrl(pluginId: string): Promise<string> };
  fetchApi: { fetch: typeof fetch };
}

/** Query values; undefined ones are left out. @public */
export type ModelOpsQuery = Record<
  string,
  string | number | boolean | undefined
>;

/** A request to the ModelOps backend. @public */
export interface ModelOpsRequestInit {
  /** GET by default. */
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: ModelOpsQuery;
  /** Sent as JSON. */
  body?: unknown;
}

/**
 * Sends a request to a path of the ModelOps backend (for example
 * `/evaluations`) and returns the parsed JSON answer, or undefined for 204.
 *
 * @public
 */
export type ModelOpsFetcher = <T>(
  path: string,
  init?: ModelOpsRequestInit,
) => Promise<T>;

function toQueryString(query: ModelOpsQuery | undefined): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined) {
      params.append(key, String(value));
    }
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/**
 * Creates the request function of the ModelOps clients.
 *
 * @throws ResponseError from the returned function for any non-2xx answer
 * @public
 */
export function createModelOpsFetcher(
  options: ModelOpsClientOptions,
): ModelOpsFetcher {
  return async function request<T>(
    path: string,
    init: ModelOpsRequestInit = {},
  ): Promise<T> {
    const baseUrl = await options.discoveryApi.getBaseUrl('modelops');
    const hasBody = init.body !== undefined;
    const response = await options.fetchApi.fetch(
      `${baseUrl}${path}${toQueryString(init.query)}`,
      {
        method: init.method ?? 'GET',
        headers: hasBody ? { 'Content-Type': 'application/json' } : undefined,
        body: hasBody ? JSON.stringify(init.body) : undefined,
      },
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    if (response.status === 204) {
      return undefined as T;
    }
    return (await response.json()) as T;
  };
}
