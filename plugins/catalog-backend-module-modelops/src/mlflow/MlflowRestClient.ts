import { z } from 'zod';
import {
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
}

/** The MLflow search filter of one model's versions. */
export function versionsOfModelFilter(name: string): string {
  return `name='${name.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

const PAGE_SIZE = 100;
// A server that keeps answering with a next page token would otherwise keep
// the refresh running forever.
const MAX_PAGES = 10_000;
const REQUEST_TIMEOUT_MS = 30_000;

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
      'registered-models/search',
      filter,
      registeredModelsPageSchema,
      page => page.registered_models ?? [],
    );
  }

  async searchModelVersions(filter?: string): Promise<MlflowModelVersion[]> {
    return this.readAllPages(
      'model-versions/search',
      filter,
      modelVersionsPageSchema,
      page => page.model_versions ?? [],
    );
  }

  async getRegisteredModel(
    name: string,
  ): Promise<MlflowRegisteredModel | undefined> {
    const page = await this.getJson(
      `${
        this.baseUrl
      }/api/2.0/mlflow/registered-models/get?${new URLSearchParams({ name })}`,
      registeredModelPageSchema,
      { notFound: true },
    );
    return page?.registered_model;
  }

  private async readAllPages<P extends { next_page_token?: string }, T>(
    endpoint: string,
    filter: string | undefined,
    pageSchema: z.ZodType<P>,
    items: (page: P) => T[],
  ): Promise<T[]> {
    const all: T[] = [];
    const seenTokens = new Set<string>();
    let pageToken: string | undefined;
    for (let pageNumber = 0; pageNumber < MAX_PAGES; pageNumber++) {
      const params = new URLSearchParams({ max_results: String(PAGE_SIZE) });
      if (filter) {
        params.set('filter', filter);
      }
      if (pageToken) {
        params.set('page_token', pageToken);
      }
      const page = await this.getJson(
        `${this.baseUrl}/api/2.0/mlflow/${endpoint}?${params}`,
        pageSchema,
      );
      all.push(...items(page));
      pageToken = page.next_page_token || undefined;
      if (!pageToken) {
        return all;
      }
      if (seenTokens.has(pageToken)) {
        throw new Error(
          `${endpoint} returned the page token ${JSON.stringify(
            pageToken,
          )} twice`,
        );
      }
      seenTokens.add(pageToken);
    }
    throw new Error(`${endpoint} returned more than ${MAX_PAGES} pages`);
  }

  private async getJson<P>(url: string, schema: z.ZodType<P>): Promise<P>;
  private async getJson<P>(
    url: string,
    schema: z.ZodType<P>,
    options: { notFound: true },
  ): Promise<P | undefined>;
  private async getJson<P>(
    url: string,
    schema: z.ZodType<P>,
    options: { notFound?: boolean } = {},
  ): Promise<P | undefined> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (this.token) {
      headers.Authorization = `Bearer ${this.token}`;
    }
    let response: Response;
    try {
      response = await this.fetchFn(url, {
        headers,
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      throw new Error(`GET ${url} failed: ${(error as Error).message}`);
    }
    const body = await response.text();
    // MLflow answers 404 with RESOURCE_DOES_NOT_EXIST for a model it lacks.
    if (options.notFound && response.status === 404) {
      return undefined;
    }
    if (!response.ok) {
      throw new Error(
        `GET ${url} answered ${response.status} ${
          response.statusText
        }: ${body.slice(0, 200)}`,
      );
    }
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      throw new Error(
        `GET ${url} answered something that is not JSON: ${body.slice(0, 80)}`,
      );
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(
        `GET ${url} answered JSON of an unexpected shape: ${
          issue.path.join('.') || 'body'
        }: ${issue.message}`,
      );
    }
    return parsed.data;
  }
}
