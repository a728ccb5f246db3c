import { z } from 'zod';
import {
  experimentsPageSchema,
  loggedModelsPageSchema,
  MlflowLoggedModel,
  MlflowModelVersion,
  MlflowRegisteredModel,
  modelVersionsPageSchema,
  registeredModelPageSchema,
  registeredModelsPageSchema,
} from './mlflowResponses';

/** Reads the model registry of one MLflow server. */
export interface MlflowRegistryClient {
  /** Every registered model matching the filter, all pages read. */
  searchRegisteredModels(filter?: string): Promise<MlflowRegisteredModel[]>;
  /** Every model version, all pages read. */
  searchModelVersions(filter?: string): Promise<MlflowModelVersion[]>;
  /** One registered model; undefined when the server does not have it. */
  getRegisteredModel(name: string): Promise<MlflowRegisteredModel | undefined>;
  /**
   * Every logged model of every experiment (MLflow 3); undefined when the
   * server has no logged-models endpoint (MLflow 2 answers 404).
   */
  searchLoggedModels(): Promise<MlflowLoggedModel[] | undefined>;
}

/** The MLflow search filter of one model's versions. */
export function versionsOfModelFilter(name: string): string {
  return `name='${name.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

const PAGE_SIZE = 100;
// The largest page experiments/search and logged-models/search allow.
const EXPERIMENTS_PAGE_SIZE = 1000;
const LOGGED_MODELS_PAGE_SIZE = 50;
// Experiments per logged-models/search request, to keep bodies small.
const EXPERIMENTS_PER_SEARCH = 100;
// A server that keeps answering with a next page token would otherwise keep
// the refresh running forever.
const MAX_PAGES = 10_000;
const REQUEST_TIMEOUT_MS = 30_000;

/** A 404 the caller asked to see instead of an error. */
const NOT_FOUND = Symbol('not found');

interface PageRequest {
  endpoint: string;
  /** GET query parameters, or the POST body, of one page. */
  page(pageToken: string | undefined): {
    query?: URLSearchParams;
    body?: object;
  };
}

/**
 * MLflow REST client (the `/api/2.0/mlflow` endpoints, served by MLflow 2
 * and 3 alike). Every failure is thrown with the URL and the reason, so
 * that the provider can log it and skip the refresh.
 */
export class MlflowRestClient implements MlflowRegistryClient {
  static create(options: {
    baseUrl: string;
    token?: string;
    fetch?: typeof fetch;
  }): MlflowRestClient {
    return new MlflowRestClient(
      options.baseUrl.replace(/\/+$/, ''),
      options.token,
      options.fetch ?? fetch,
    );
  }

  private constructor(
    private readonly baseUrl: string,
    private readonly token: string | undefined,
    private readonly fetchFn: typeof fetch,
  ) {}

  async searchRegisteredModels(
    filter?: string,
  ): Promise<MlflowRegisteredModel[]> {
    return this.readAllPages(
      searchPages('registered-models/search', filter),
      registeredModelsPageSchema,
      page => page.registered_models ?? [],
    );
  }

  async searchModelVersions(filter?: string): Promise<MlflowModelVersion[]> {
    return this.readAllPages(
      searchPages('model-versions/search', filter),
      modelVersionsPageSchema,
      page => page.model_versions ?? [],
    );
  }

  async getRegisteredModel(
    name: string,
  ): Promise<MlflowRegisteredModel | undefined> {
    const page = await this.send(
      'GET',
      `registered-models/get?${new URLSearchParams({ name })}`,
      undefined,
      registeredModelPageSchema,
      { notFound: true },
    );
    return page === NOT_FOUND ? undefined : page.registered_model;
  }

  async searchLoggedModels(): Promise<MlflowLoggedModel[] | undefined> {
    // logged-models/search needs experiment ids, so the experiments come
    // first (experiments/search is served by MLflow 2 and 3 alike).
    const experimentIds = await this.readAllPages(
      {
        endpoint: 'experiments/search',
        page: pageToken => ({
          body: {
            max_results: EXPERIMENTS_PAGE_SIZE,
            view_type: 'ALL',
            ...(pageToken ? { page_token: pageToken } : {}),
          },
        }),
      },
      experimentsPageSchema,
      page => (page.experiments ?? []).map(e => e.experiment_id),
    );
    const all: MlflowLoggedModel[] = [];
    for (let i = 0; i < experimentIds.length; i += EXPERIMENTS_PER_SEARCH) {
      const models = await this.readAllPages(
        {
          endpoint: 'logged-models/search',
          page: pageToken => ({
            body: {
              experiment_ids: experimentIds.slice(
                i,
                i + EXPERIMENTS_PER_SEARCH,
              ),
              max_results: LOGGED_MODELS_PAGE_SIZE,
              ...(pageToken ? { page_token: pageToken } : {}),
            },
          }),
        },
        loggedModelsPageSchema,
        page => page.models ?? [],
        { notFoundOnFirstPage: i === 0 },
      );
      if (models === NOT_FOUND) return undefined;
      all.push(...models);
    }
    return all;
  }

  private async readAllPages<P extends { next_page_token?: string }, T>(
    request: PageRequest,
    pageSchema: z.ZodType<P>,
    items: (page: P) => T[],
  ): Promise<T[]>;
  private async readAllPages<P extends { next_page_token?: string }, T>(
    request: PageRequest,
    pageSchema: z.ZodType<P>,
    items: (page: P) => T[],
    options: { notFoundOnFirstPage: boolean },
  ): Promise<T[] | typeof NOT_FOUND>;
  private async readAllPages<P extends { next_page_token?: string }, T>(
    request: PageRequest,
    pageSchema: z.ZodType<P>,
    items: (page: P) => T[],
    options: { notFoundOnFirstPage?: boolean } = {},
  ): Promise<T[] | typeof NOT_FOUND> {
    const all: T[] = [];
    const seenTokens = new Set<string>();
    let pageToken: string | undefined;
    for (let pageNumber = 0; pageNumber < MAX_PAGES; pageNumber++) {
      const { query, body } = request.page(pageToken);
      const page = await this.send(
        body ? 'POST' : 'GET',
        query ? `${request.endpoint}?${query}` : request.endpoint,
        body,
        pageSchema,
        { notFound: Boolean(options.notFoundOnFirstPage) && pageNumber === 0 },
      );
      if (page === NOT_FOUND) return NOT_FOUND;
      all.push(...items(page));
      pageToken = page.next_page_token || undefined;
      if (!pageToken) {
        return all;
      }
      if (seenTokens.has(pageToken)) {
        throw new Error(
          `${request.endpoint} returned the page token ${JSON.stringify(
            pageToken,
          )} twice`,
        );
      }
      seenTokens.add(pageToken);
    }
    throw new Error(
      `${request.endpoint} returned more than ${MAX_PAGES} pages`,
    );
  }

  private async send<P>(
    method: 'GET' | 'POST',
    path: string,
    body: object | undefined,
    schema: z.ZodType<P>,
  ): Promise<P>;
  private async send<P>(
    method: 'GET' | 'POST',
    path: string,
    body: object | undefined,
    schema: z.ZodType<P>,
    options: { notFound: boolean },
  ): Promise<P | typeof NOT_FOUND>;
  private async send<P>(
    method: 'GET' | 'POST',
    path: string,
    body: object | undefined,
    schema: z.ZodType<P>,
    options: { notFound?: boolean } = {},
  ): Promise<P | typeof NOT_FOUND> {
    const url = `${this.baseUrl}/api/2.0/mlflow/${path}`;
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (this.token) {
      headers.Authorization = `Bearer ${this.token}`;
    }
    if (body) {
      headers['Content-Type'] = 'application/json';
    }
    let response: Response;
    try {
      response = await this.fetchFn(url, {
        method,
        headers,
        body: body ? JSON.stringify(body) : undefined,
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      throw new Error(`${method} ${url} failed: ${(error as Error).message}`);
    }
    const text = await response.text();
    // MLflow answers 404 with RESOURCE_DOES_NOT_EXIST for a model it lacks,
    // and with ENDPOINT_NOT_FOUND (or its web server's 404 page) for an
    // endpoint of a later release.
    if (options.notFound && response.status === 404) {
      return NOT_FOUND;
    }
    if (!response.ok) {
      throw new Error(
        `${method} ${url} answered ${response.status} ${
          response.statusText
        }: ${text.slice(0, 200)}`,
      );
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new Error(
        `${method} ${url} answered something that is not JSON: ${text.slice(
          0,
          80,
        )}`,
      );
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(
        `${method} ${url} answered JSON of an unexpected shape: ${
          issue.path.join('.') || 'body'
        }: ${issue.message}`,
      );
    }
    return parsed.data;
  }
}

function searchPages(
  endpoint: string,
  filter: string | undefined,
): PageRequest {
  return {
    endpoint,
    page: pageToken => {
      const query = new URLSearchParams({ max_results: String(PAGE_SIZE) });
      if (filter) query.set('filter', filter);
      if (pageToken) query.set('page_token', pageToken);
      return { query };
    },
  };
}
