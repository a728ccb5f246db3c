import type {
  AuthService,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import type { SourceObjectReport } from '@modelops/plugin-modelops-common';

/** Sends a provider's import notes and observations to the ModelOps backend. @public */
export interface ObservationsPublisher {
  /**
   * Replaces the snapshot of `source`. Only reports that say something (an
   * import note or a serving observation) are sent: an object without
   * either has nothing the backend would keep.
   */
  publish(source: string, reports: SourceObjectReport[]): Promise<void>;
}

/**
 * Publishes through `PUT /api/modelops/observations/sources/{source}` with
 * the catalog's own service credentials.
 */
export class HttpObservationsPublisher implements ObservationsPublisher {
  static create(options: {
    discovery: DiscoveryService;
    auth: AuthService;
    fetch?: typeof fetch;
  }): HttpObservationsPublisher {
    return new HttpObservationsPublisher(
      options.discovery,
      options.auth,
      options.fetch ?? fetch,
    );
  }

  private constructor(
    private readonly discovery: DiscoveryService,
    private readonly auth: AuthService,
    private readonly fetchFn: typeof fetch,
  ) {}

  async publish(source: string, reports: SourceObjectReport[]): Promise<void> {
    const baseUrl = await this.discovery.getBaseUrl('modelops');
    const { token } = await this.auth.getPluginRequestToken({
      onBehalfOf: await this.auth.getOwnServiceCredentials(),
      targetPluginId: 'modelops',
    });
    const url = `${baseUrl}/observations/sources/${encodeURIComponent(source)}`;
    const response = await this.fetchFn(url, {
      method: 'PUT',
      headers: {
        Authorization: `Bearer ${token}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({
        reports: reports.filter(r => r.notes.length > 0 || r.serving),
      }),
      signal: AbortSignal.timeout(30_000),
    });
    if (!response.ok) {
      throw new Error(
        `PUT ${url} answered ${response.status}: ${(
          await response.text()
        ).slice(0, 300)}`,
      );
    }
  }
}

/**
 * Publishes a provider's reports, logging a failure as a warning: the
 * entities are applied by then, and the next refresh publishes again.
 */
export async function publishReports(
  publisher: ObservationsPublisher | undefined,
  source: string,
  reports: SourceObjectReport[],
  logger: Pick<LoggerService, 'warn'>,
): Promise<void> {
  if (!publisher) return;
  try {
    await publisher.publish(source, reports);
  } catch (error) {
    logger.warn(
      `Could not publish the import notes to the ModelOps backend; the entities are applied. ${
        (error as Error).message
      }`,
    );
  }
}
