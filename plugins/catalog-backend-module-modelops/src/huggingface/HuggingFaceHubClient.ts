import { HubModel, hubModelsPageSchema } from './huggingFaceResponses';

/** Reads models and their cards from a Hugging Face Hub. */
export interface HuggingFaceHub {
  /** Every model of the author, all pages read. */
  listModels(author: string): Promise<HubModel[]>;
  /**
   * The model's README.md at the revision; undefined when the Hub does not
   * let us read it (404, or 401/403 for a gated or private model), with
   * the status as the reason.
   */
  readme(
    model: HubModel,
  ): Promise<{ text: string } | { text?: undefined; status: number }>;
}

const PAGE_SIZE = 100;
// A Hub that keeps answering with a next link would otherwise keep the
// refresh running forever.
const MAX_PAGES = 10_000;

/** The `rel="next"` target of a Link header (RFC 8288), if any. */
export function nextLink(header: string | null): string | undefined {
  if (!header) return undefined;
  for (const link of header.split(/,(?=\s*<)/)) {
    const match = /^\s*<([^>]*)>(.*)$/.exec(link);
    if (!match) continue;
    const rels = match[2]
      .split(';')
      .map(param => /^\s*rel\s*=\s*"?([^"]*)"?\s*$/i.exec(param)?.[1])
      .filter((rel): rel is string => rel !== undefined)
      .flatMap(rel => rel.toLowerCase().split(/\s+/));
    if (rels.includes('next')) return match[1];
  }
  return undefined;
}

/**
 * The Hub's REST API: `GET /api/models?author=&full=true&cardData=true`
 * followed through its `Link: <...>; rel="next"` cursor, and
 * `GET /<id>/raw/<revision>/README.md`. Every failure is thrown with the
 * URL and the reason, so that the provider can log it and skip the run.
 */
export class HuggingFaceHubClient implements HuggingFaceHub {
  static create(options: {
    baseUrl: string;
    token?: string;
    fetch?: typeof fetch;
    requestTimeoutMs?: number;
  }): HuggingFaceHubClient {
    return new HuggingFaceHubClient(
      options.baseUrl.replace(/\/+$/, ''),
      options.token,
      options.fetch ?? fetch,
      options.requestTimeoutMs ?? 30_000,
    );
  }

  private constructor(
    private readonly baseUrl: string,
    private readonly token: string | undefined,
    private readonly fetchFn: typeof fetch,
    private readonly timeoutMs: number,
  ) {}

  async listModels(author: string): Promise<HubModel[]> {
    const origin = new URL(this.baseUrl).origin;
    const params = new URLSearchParams({
      author,
      full: 'true',
      cardData: 'true',
      limit: String(PAGE_SIZE),
    });
    let url: string | undefined = `${this.baseUrl}/api/models?${params}`;
    const seen = new Set<string>();
    const models: HubModel[] = [];
    for (let page = 0; url && page < MAX_PAGES; page++) {
      seen.add(url);
      const response = await this.get(url);
      const body = await this.text(url, response);
      if (!response.ok) {
        throw new Error(this.statusMessage(url, response, body));
      }
      let json: unknown;
      try {
        json = JSON.parse(body);
      } catch {
        throw new Error(
          `GET ${url} answered something that is not JSON: ${body.slice(
            0,
            80,
          )}`,
        );
      }
      const parsed = hubModelsPageSchema.safeParse(json);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new Error(
          `GET ${url} answered JSON of an unexpected shape: ${
            issue.path.join('.') || 'body'
          }: ${issue.message}`,
        );
      }
      models.push(...parsed.data);
      const next = nextLink(response.headers.get('link'));
      if (next === undefined) return models;
      const nextUrl: URL = new URL(next, url);
      // The token goes only to the configured Hub.
      if (nextUrl.origin !== origin) {
        throw new Error(
          `GET ${url} pointed its next page to another host (${nextUrl.origin})`,
        );
      }
      if (seen.has(nextUrl.href)) {
        throw new Error(
          `GET ${url} pointed its next page to a page already read`,
        );
      }
      url = nextUrl.href;
    }
    throw new Error(
      `the model list of ${author} has more than ${MAX_PAGES} pages`,
    );
  }

  async readme(
    model: HubModel,
  ): Promise<{ text: string } | { text?: undefined; status: number }> {
    const revision = model.sha ?? 'main';
    const url = `${this.baseUrl}/${model.id
      .split('/')
      .map(encodeURIComponent)
      .join('/')}/raw/${encodeURIComponent(revision)}/README.md`;
    const response = await this.get(url);
    const body = await this.text(url, response);
    if ([401, 403, 404].includes(response.status)) {
      return { status: response.status };
    }
    if (!response.ok) {
      throw new Error(this.statusMessage(url, response, body));
    }
    return { text: body };
  }

  private async get(url: string): Promise<Response> {
    const headers: Record<string, string> = {};
    if (this.token) {
      headers.Authorization = `Bearer ${this.token}`;
    }
    try {
      return await this.fetchFn(url, {
        headers,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new Error(`GET ${url} failed: ${(error as Error).message}`);
    }
  }

  // A server that goes away while sending the body fails here, not in get.
  private async text(url: string, response: Response): Promise<string> {
    try {
      return await response.text();
    } catch (error) {
      throw new Error(
        `GET ${url} broke off while answering: ${(error as Error).message}`,
      );
    }
  }

  private statusMessage(url: string, response: Response, body: string) {
    let hint = '';
    if (response.status === 401 || response.status === 403) {
      hint = ' (check the token: the Hub refused it or the author needs one)';
    } else if (response.status === 429) {
      const retryAfter = response.headers.get('retry-after');
      hint = ` (rate limited${
        retryAfter ? `; retry after ${retryAfter} s` : ''
      }; the next scheduled run tries again)`;
    }
    return `GET ${url} answered ${response.status} ${
      response.statusText
    }${hint}: ${body.slice(0, 200)}`;
  }
}
