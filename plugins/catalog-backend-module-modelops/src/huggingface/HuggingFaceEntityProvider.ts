import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import {
  HuggingFaceCardImport,
  importHuggingFaceCardData,
  importHuggingFaceReadme,
  MLModelEntity,
  SourceObjectReport,
} from '@modelops/plugin-modelops-common';
import { ObservationsPublisher } from '../importNotes/ObservationsPublisher';
import type {
  RegistryRefreshResult,
  RegistrySnapshot,
} from '../registries/refreshRegistry';
import {
  RegistryEntityProvider,
  type RegistryProviderOptions,
} from '../registries/RegistryEntityProvider';
import { HuggingFaceHub, HuggingFaceHubClient } from './HuggingFaceHubClient';
import { huggingFaceModelToEntity } from './huggingFaceModelToEntity';
import { HubModel } from './huggingFaceResponses';
import { readHuggingFaceProviderConfigs } from './readHuggingFaceProviderConfigs';
import { HuggingFaceProviderConfig } from './types';

/**
 * Outcome of one refresh, for logs and tests.
 *
 * @public
 */
export type HuggingFaceRefreshResult = RegistryRefreshResult;

// READMEs read at the same time; the Hub rate-limits per token and address.
const README_CONCURRENCY = 4;

/**
 * Mirrors the models of Hugging Face Hub organisations and users as
 * MLModel entities, one provider per
 * `catalog.providers.modelops.huggingface.<id>` block. Each refresh reads
 * every page of every configured author's model list and each model's
 * README, then replaces the provider's entities with a full mutation; if
 * any of it cannot be read the refresh stops before the mutation, so the
 * catalog keeps the last good state. Every model gets a report of what
 * could not be mapped (its import notes), logged once per change and
 * published to the ModelOps backend.
 *
 * @public
 */
export class HuggingFaceEntityProvider implements EntityProvider {
  private readonly registry: RegistryEntityProvider<RegistrySnapshot>;

  static fromConfig(
    config: Config,
    options: {
      logger: LoggerService;
      scheduler: SchedulerService;
      /** Where import notes go; without one they are only logged. */
      publisher?: ObservationsPublisher;
      /** Replaces the HTTP client, for tests. */
      fetch?: typeof fetch;
      /** Time allowed per Hub request; 30 seconds by default. */
      requestTimeoutMs?: number;
    },
  ): HuggingFaceEntityProvider[] {
    return readHuggingFaceProviderConfigs(config).map(
      providerConfig =>
        new HuggingFaceEntityProvider(
          providerConfig,
          HuggingFaceHubClient.create({
            baseUrl: providerConfig.baseUrl,
            token: providerConfig.token,
            fetch: options.fetch,
            requestTimeoutMs: options.requestTimeoutMs,
          }),
          options,
        ),
    );
  }

  private constructor(
    private readonly config: HuggingFaceProviderConfig,
    private readonly hub: HuggingFaceHub,
    options: RegistryProviderOptions,
  ) {
    this.registry = new RegistryEntityProvider({
      ...options,
      kind: 'HuggingFaceEntityProvider',
      config,
      registry: `the Hugging Face Hub at ${config.baseUrl}`,
      models: 'Hugging Face models',
      read: () => this.read(),
    });
  }

  getProviderName(): string {
    return this.registry.getProviderName();
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    await this.registry.connect(connection);
  }

  /** Reads the Hub and applies a full mutation; logs and skips on failure. */
  async refresh(): Promise<HuggingFaceRefreshResult> {
    return this.registry.refresh();
  }

  private async read(): Promise<RegistrySnapshot> {
    const models = new Map<string, HubModel>();
    for (const author of this.config.authors) {
      for (const model of await this.hub.listModels(author)) {
        models.set(model.id, model);
      }
    }
    const cards = await mapWithConcurrency(
      [...models.values()],
      README_CONCURRENCY,
      model => this.cardOf(model),
    );
    const byName = new Map<string, MLModelEntity>();
    const reports: SourceObjectReport[] = [];
    [...models.values()].forEach((model, i) => {
      const { entity, notes } = huggingFaceModelToEntity({
        providerName: this.getProviderName(),
        baseUrl: this.config.baseUrl,
        model,
        card: cards[i],
        defaults: this.config.defaults,
      });
      // The catalog compares names without case; Hub ids keep it.
      const key = entity.metadata.name.toLocaleLowerCase('en-US');
      const clash = byName.get(key);
      if (clash) {
        reports.push({
          sourceObject: model.id,
          notes: [
            {
              field: 'id',
              value: model.id,
              reason: `maps to the entity name ${
                entity.metadata.name
              }, which the Hub model ${JSON.stringify(
                clash.metadata.title,
              )} already took; not imported`,
            },
          ],
        });
        return;
      }
      byName.set(key, entity);
      reports.push({
        sourceObject: model.id,
        entityRef: stringifyEntityRef(entity).toLocaleLowerCase('en-US'),
        notes,
      });
    });
    return { entities: [...byName.values()], reports };
  }

  /** The card from README.md, or from the listed cardData when there is none to read. */
  private async cardOf(model: HubModel): Promise<HuggingFaceCardImport> {
    const fromCardData = () => importHuggingFaceCardData(model.cardData ?? {});
    const hasReadme =
      model.siblings === undefined ||
      model.siblings.some(s => s.rfilename === 'README.md');
    if (!this.config.readme || !hasReadme) {
      return fromCardData();
    }
    const readme = await this.hub.readme(model);
    if (readme.text !== undefined) {
      return importHuggingFaceReadme(readme.text);
    }
    const card = fromCardData();
    card.notes.unshift({
      field: 'README.md',
      value: String(readme.status),
      reason:
        readme.status === 404
          ? 'the Hub has no README.md at this revision; only the listed card data was read'
          : 'the Hub refused the README.md (gated or private model; a token with access reads it); only the listed card data was read',
    });
    return card;
  }
}

/** Maps items with at most `limit` calls running; fails as soon as one fails. */
async function mapWithConcurrency<T, R>(
  items: T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (next < items.length && !failed) {
      const i = next++;
      try {
        results[i] = await fn(items[i]);
      } catch (error) {
        // The run is lost; the other workers stop taking items.
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, worker),
  );
  return results;
}
