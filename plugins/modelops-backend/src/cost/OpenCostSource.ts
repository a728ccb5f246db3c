/*
 * OpenCostSource: pulls daily allocations from the OpenCost API, aggregated
 * by the Kubernetes label that names the entity, and stores them as cost
 * records. Label values are read as billing tags are (see
 * CostEntityResolver): a ref encoded for labels (`mlmodel.default.x`, since
 * label values cannot hold `:` or `/`) or the entity name. Scheduled through the scheduler service with a fixed task id, so
 * one replica runs it at a time. The window re-reads the last few days on
 * every run: allocations of recent days still grow, and the upsert replaces
 * them.
 */
import type {
  AuthService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import type { CostCatalog } from './CostCatalog';
import type { OpenCostSettings } from './CostConfig';
import { CostEntityResolver, unmappedEntityRef } from './CostEntityResolver';
import type { EntityTagRule } from './CostMapping';
import type { CostRecordDraft, CostRecordPolicy } from './CostRecordPolicy';
import {
  type Exact,
  exactFromNumber,
  exactToMicros,
  microsToAmount,
} from './money';
import type { CostStore } from './types';

/** OpenCost's name for spend carrying none of the aggregated labels. */
const UNALLOCATED = '__unallocated__';
// OpenCost reports idle cluster capacity under this name; nobody owns it.
const IDLE = '__idle__';

interface OpenCostAllocation {
  name?: string;
  window?: { start?: string; end?: string };
  start?: string;
  totalCost?: number;
}

interface OpenCostAllocationResponse {
  code?: number;
  message?: string;
  data?: Array<Record<string, OpenCostAllocation> | null>;
}

/** Outcome of one pull. */
export interface OpenCostPullResult {
  upserted: number;
  unmappedTotal: number;
  /** The label values no entity matched, largest spend first (at most 10). */
  unmappedLabels: Array<{ value: string; amount: number }>;
}

/** Options of {@link OpenCostSource.create}. */
export interface OpenCostSourceOptions {
  settings: OpenCostSettings;
  /**
   * The entity tag rules of `modelops.cost.mapping`; the rule of the label
   * key decides how its values may name entities (any way by default).
   */
  entityTags?: EntityTagRule[];
  /** OpenCost reports in the reporting currency; its amounts obey the same rules. */
  policy: CostRecordPolicy;
  store: CostStore;
  catalog: CostCatalog;
  auth: AuthService;
  logger: LoggerService;
}

/** Pulls OpenCost allocations into the cost store. */
export class OpenCostSource {
  private constructor(private readonly options: OpenCostSourceOptions) {}

  static create(options: OpenCostSourceOptions): OpenCostSource {
    return new OpenCostSource(options);
  }

  /** Registers the recurring pull; one runner across replicas. */
  async schedule(scheduler: SchedulerService): Promise<void> {
    const { settings, logger } = this.options;
    await scheduler.scheduleTask({
      id: 'modelops-cost-opencost-pull',
      frequency: { minutes: settings.frequencyMinutes },
      timeout: { minutes: settings.timeoutMinutes },
      initialDelay: { seconds: 30 },
      fn: async () => {
        const result = await this.pull();
        logger.info(
          `Pulled OpenCost allocations: ${result.upserted} cost records, ${
            result.unmappedTotal
          } ${this.options.policy.currency} unmapped${
            result.unmappedLabels.length
              ? ` (label values naming no entity: ${result.unmappedLabels
                  .map(label => `${label.value} ${label.amount}`)
                  .join(', ')})`
              : ''
          }`,
        );
      },
    });
  }

  /** Fetches the configured window and upserts it. */
  async pull(): Promise<OpenCostPullResult> {
    const { settings, policy, store, catalog, auth } = this.options;
    const url = new URL(`${settings.baseUrl}/allocation`);
    url.searchParams.set('window', settings.window);
    url.searchParams.set('aggregate', `label:${settings.labelKey}`);
    url.searchParams.set('accumulate', 'false');
    url.searchParams.set('step', '1d');
    const response = await fetch(url);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    const body = (await response.json()) as OpenCostAllocationResponse;
    if (body.code !== undefined && body.code !== 200) {
      throw new Error(
        `OpenCost answered code ${body.code}: ${body.message ?? 'no message'}`,
      );
    }

    const entities = await catalog.listEntities(
      await auth.getOwnServiceCredentials(),
    );
    const rule = this.options.entityTags?.find(
      candidate => candidate.key === settings.labelKey,
    );
    const resolver = CostEntityResolver.create({
      entities,
      rules: [{ key: settings.labelKey, match: rule?.match ?? 'any' }],
    });
    const unmappedLabels = new Map<string, Exact>();
    const sums = new Map<string, CostRecordDraft>();
    const problems: string[] = [];
    let unmappedTotal: Exact = 0n;
    for (const set of body.data ?? []) {
      for (const [key, allocation] of Object.entries(set ?? {})) {
        const start = allocation.window?.start ?? allocation.start;
        const amount =
          typeof allocation.totalCost === 'number'
            ? exactFromNumber(allocation.totalCost)
            : 0n;
        if (amount === undefined) {
          problems.push(`${key}: totalCost is not a finite number`);
          continue;
        }
        if (!start || amount === 0n) continue;
        const name = allocation.name ?? key;
        const labelValue =
          name === UNALLOCATED || name === IDLE ? undefined : name;
        const mapped =
          labelValue === undefined
            ? undefined
            : resolver.resolve({ [settings.labelKey]: labelValue }).entityRef;
        if (!mapped) {
          unmappedTotal += amount;
          if (labelValue !== undefined) {
            unmappedLabels.set(
              labelValue,
              (unmappedLabels.get(labelValue) ?? 0n) + amount,
            );
          }
        }
        const entityRef =
          mapped ??
          unmappedEntityRef(name === IDLE ? 'cluster-idle' : labelValue);
        const day = start.slice(0, 10);
        const sumKey = `${day}|${entityRef}`;
        const sum = sums.get(sumKey);
        if (sum) {
          sum.amount += amount;
        } else {
          sums.set(sumKey, {
            source: settings.source,
            entityRef,
            day,
            category: settings.category,
            amount,
            currency: policy.currency,
          });
        }
      }
    }
    const records = policy.checkAll(
      'OpenCost allocations not stored',
      [...sums.values()].map(draft => ({
        path: `${draft.day} ${draft.entityRef}: `,
        draft,
      })),
      problems,
    );
    const upserted = await store.upsertRecords(records);
    return {
      upserted,
      unmappedTotal: microsToAmount(exactToMicros(unmappedTotal)),
      unmappedLabels: [...unmappedLabels]
        .sort(([, a], [, b]) => Number(b - a))
        .slice(0, 10)
        .map(([value, amount]) => ({
          value,
          amount: microsToAmount(exactToMicros(amount)),
        })),
    };
  }
}
