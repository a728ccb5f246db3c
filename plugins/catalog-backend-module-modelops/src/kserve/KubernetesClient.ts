import http from 'node:http';
import https from 'node:https';
import { z } from 'zod';
import { KServeCluster } from './types';

const PAGE_SIZE = 500;
const MAX_PAGES = 1000;
const REQUEST_TIMEOUT_MS = 30_000;

/** The parts of an InferenceService (serving.kserve.io/v1beta1) read; objects stay open. */
export const inferenceServiceSchema = z.looseObject({
  metadata: z.looseObject({
    name: z.string().min(1),
    namespace: z.string().min(1),
    annotations: z.record(z.string(), z.string()).optional(),
  }),
  spec: z.looseObject({ predictor: z.unknown().optional() }).optional(),
  status: z.unknown().optional(),
});

/** An InferenceService as listed. */
export type InferenceService = z.infer<typeof inferenceServiceSchema>;

const listSchema = z.looseObject({
  kind: z.literal('InferenceServiceList', {
    error: 'expected kind InferenceServiceList',
  }),
  items: z.array(inferenceServiceSchema),
  metadata: z.looseObject({ continue: z.string().optional() }).optional(),
});

/** Lists InferenceServices of one cluster through the Kubernetes API. */
export class KubernetesClient {
  constructor(
    private readonly cluster: KServeCluster,
    private readonly timeoutMs: number = REQUEST_TIMEOUT_MS,
  ) {}

  /** Every InferenceService of the namespaces (all when empty), all pages read. */
  async listInferenceServices(
    namespaces: string[],
  ): Promise<InferenceService[]> {
    const paths = namespaces.length
      ? namespaces.map(
          ns =>
            `/apis/serving.kserve.io/v1beta1/namespaces/${encodeURIComponent(
              ns,
            )}/inferenceservices`,
        )
      : ['/apis/serving.kserve.io/v1beta1/inferenceservices'];
    const all: InferenceService[] = [];
    for (const path of paths) {
      all.push(...(await this.readAllPages(path)));
    }
    return all;
  }

  private async readAllPages(path: string): Promise<InferenceService[]> {
    const items: InferenceService[] = [];
    let token: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const params = new URLSearchParams({ limit: String(PAGE_SIZE) });
      if (token) params.set('continue', token);
      const url = `${this.cluster.url}${path}?${params}`;
      const list = listSchema.safeParse(await this.getJson(url));
      if (!list.success) {
        const issue = list.error.issues[0];
        throw new Error(
          `GET ${url} answered JSON of an unexpected shape: ${
            issue.path.join('.') || 'body'
          }: ${issue.message}`,
        );
      }
      items.push(...list.data.items);
      const next = list.data.metadata?.continue || undefined;
      if (!next) return items;
      if (next === token) {
        throw new Error(`GET ${url} returned the same continue token twice`);
      }
      token = next;
    }
    throw new Error(`${path} returned more than ${MAX_PAGES} pages`);
  }

  private getJson(url: string): Promise<unknown> {
    const target = new URL(url);
    const secure = target.protocol === 'https:';
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (this.cluster.token) {
      headers.Authorization = `Bearer ${this.cluster.token}`;
    }
    return new Promise((resolve, reject) => {
      const request = (secure ? https : http).request(
        target,
        {
          method: 'GET',
          headers,
          timeout: this.timeoutMs,
          ...(secure
            ? {
                ca: this.cluster.ca,
                rejectUnauthorized: !this.cluster.skipTLSVerify,
              }
            : {}),
        },
        response => {
          const chunks: Buffer[] = [];
          response.on('data', chunk => chunks.push(chunk));
          response.on('error', error =>
            reject(new Error(`GET ${url} failed: ${error.message}`)),
          );
          response.on('end', () => {
            const body = Buffer.concat(chunks).toString('utf8');
            const status = response.statusCode ?? 0;
            if (status < 200 || status >= 300) {
              reject(
                new Error(
                  `GET ${url} answered ${status}: ${body.slice(0, 200)}`,
                ),
              );
              return;
            }
            try {
              resolve(JSON.parse(body));
            } catch {
              reject(
                new Error(
                  `GET ${url} answered something that is not JSON: ${body.slice(
                    0,
                    80,
                  )}`,
                ),
              );
            }
          });
        },
      );
      request.on('timeout', () =>
        request.destroy(new Error(`no answer within ${this.timeoutMs} ms`)),
      );
      request.on('error', error =>
        reject(new Error(`GET ${url} failed: ${error.message}`)),
      );
      request.end();
    });
  }
}
