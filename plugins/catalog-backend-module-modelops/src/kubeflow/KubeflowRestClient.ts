import { z } from 'zod';
import {
  KubeflowArtifact,
  kubeflowArtifactSchema,
  KubeflowInferenceService,
  kubeflowInferenceServiceSchema,
  kubeflowListSchema,
  KubeflowModelVersion,
  kubeflowModelVersionSchema,
  KubeflowRegisteredModel,
  kubeflowRegisteredModelSchema,
  KubeflowServingEnvironment,
  kubeflowServingEnvironmentSchema,
} from './kubeflowResponses';

/** Reads one Kubeflow Model Registry; every list is read to its last page. */
export interface KubeflowRegistryClient {
  listRegisteredModels(): Promise<KubeflowRegisteredModel[]>;
  listModelVersions(): Promise<KubeflowModelVersion[]>;
  /** The model artifacts of one version. */
  listModelArtifacts(modelVersionId: string): Promise<KubeflowArtifact[]>;
  listInferenceServices(): Promise<KubeflowInferenceService[]>;
  listServingEnvironments(): Promise<KubeflowServingEnvironment[]>;
}

/** Where the REST API of a registry lives below its base URL. */
export const KUBEFLOW_API_PATH = '/api/model_registry/v1alpha3';

const PAGE_SIZE = 100;
// A server that keeps answering with a next page token would otherwise keep
// the refresh running forever.
const MAX_PAGES = 10_000;
const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * REST client of the Kubeflow Model Registry (`v1alpha3`), with the bearer
 * token of its config. Every failure is thrown naming the URL and the
 * reason, so that the provider can log it and leave the catalog as it was.
 */
export class KubeflowRestClient implements KubeflowRegistryClient {
  static create(options: {
    baseUrl: string;
    token?: string;
    timeoutMs?: number;
    fetch?: typeof fetch;
  }): KubeflowRestClient {
    return new KubeflowRestClient(
      `${options.baseUrl.replace(/\/+$/, '')}${KUBEFLOW_API_PATH}`,
      options.token,
      options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      options.fetch ?? fetch,
    );
  }

  private constructor(
    private readonly apiUrl: string,
    private readonly token: string | undefined,
    private readonly timeoutMs: number,
    private readonly fetchFn: typeof fetch,
  ) {}

  listRegisteredModels() {
    return this.readAllPages(
      'registered_models',
      kubeflowRegisteredModelSchema,
    );
  }

  listModelVersions() {
    return this.readAllPages('model_versions', kubeflowModelVersionSchema);
  }

  listModelArtifacts(modelVersionId: string) {
    return this.readAllPages(
      `model_versions/${encodeURIComponent(modelVersionId)}/artifacts`,
      kubeflowArtifactSchema,
      { artifactType: 'model-artifact' },
    );
  }

  listInferenceServices() {
    return this.readAllPages(
      'inference_services',
      kubeflowInferenceServiceSchema,
    );
  }

  listServingEnvironments() {
    return this.readAllPages(
      'serving_environments',
      kubeflowServingEnvironmentSchema,
    );
  }

  private async readAllPages<T extends z.ZodType>(
    path: string,
    item: T,
    extraQuery: Record<string, string> = {},
  ): Promise<z.infer<T>[]> {
    const pageSchema = kubeflowListSchema(item);
    const all: z.infer<T>[] = [];
    const seenTokens = new Set<string>();
    let pageToken: string | undefined;
    for (let pageNumber = 0; pageNumber < MAX_PAGES; pageNumber++) {
      const query = new URLSearchParams({
        ...extraQuery,
        pageSize: String(PAGE_SIZE),
        orderBy: 'ID',
        sortOrder: 'ASC',
      });
      if (pageToken) query.set('nextPageToken', pageToken);
      const page = await this.getJson(
        `${this.apiUrl}/${path}?${query}`,
        pageSchema,
      );
      all.push(...page.items);
      pageToken = page.nextPageToken || undefined;
      // A last page may still carry a token; an empty page ends the list too.
      if (!pageToken || page.items.length === 0) return all;
      if (seenTokens.has(pageToken)) {
        throw new Error(
          `${path} returned the page token ${JSON.stringify(pageToken)} twice`,
        );
      }
      seenTokens.add(pageToken);
    }
    throw new Error(`${path} returned more than ${MAX_PAGES} pages`);
  }

  private async getJson<P>(url: string, schema: z.ZodType<P>): Promise<P> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (this.token) headers.Authorization = `Bearer ${this.token}`;
    let body: string;
    let response: Response;
    try {
      response = await this.fetchFn(url, {
        headers,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      // Read inside the try: a server that drops the connection mid-answer
      // fails here, not at fetch.
      body = await response.text();
    } catch (error) {
      const reason =
        (error as Error).name === 'TimeoutError'
          ? `no answer within ${this.timeoutMs} ms`
          : (error as Error).message;
      throw new Error(`GET ${url} failed: ${reason}`);
    }
    if (!response.ok) {
      const hint =
        response.status === 401 || response.status === 403
          ? ' (the token was refused; check the provider token)'
          : '';
      throw new Error(
        `GET ${url} answered ${response.status} ${
          response.statusText
        }${hint}: ${body.slice(0, 200)}`,
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
