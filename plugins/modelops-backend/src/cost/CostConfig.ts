/*
 * CostConfig: the `modelops.cost` and `modelops.demoData.cost` settings, read
 * once with their defaults so that every part of the cost feature agrees on
 * them. Every key is declared in the package's config.d.ts.
 */
import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  COST_CATEGORIES,
  type CostCategory,
} from '@modelops/plugin-modelops-common';

/** The tag (or Kubernetes label) naming the entity a cost belongs to. */
export const DEFAULT_ENTITY_TAG_KEY = 'modelops.dev/entity';

/** Column mapping of a cloud billing export. */
export interface CsvCostMapping {
  source: string;
  dateColumn: string;
  amountColumn: string;
  currencyColumn?: string;
  usageColumn?: string;
  usageUnit: string;
  categoryColumn?: string;
  defaultCategory: CostCategory;
  tagsColumn: string;
  tagKey: string;
}

/** Where and how often to pull allocations from OpenCost. */
export interface OpenCostSettings {
  baseUrl: string;
  labelKey: string;
  /** OpenCost window of each pull, for example `3d`: recent days are re-read as they settle. */
  window: string;
  category: CostCategory;
  source: string;
  frequencyMinutes: number;
  timeoutMinutes: number;
}

/** Cost settings with defaults applied. */
export interface CostSettings {
  /** The reporting currency; records in other currencies are rejected. */
  currency: string;
  financeGroup?: string;
  csv: CsvCostMapping;
  opencost?: OpenCostSettings;
  demoData: boolean;
}

function readCategory(value: string | undefined, key: string): CostCategory {
  if (value === undefined) {
    return 'other';
  }
  if (!(COST_CATEGORIES as readonly string[]).includes(value)) {
    throw new InputError(
      `${key}: must be one of ${COST_CATEGORIES.join(', ')}, got '${value}'`,
    );
  }
  return value as CostCategory;
}

/** Reads the cost settings from the root config. */
export function readCostSettings(config: Config): CostSettings {
  const cost = config.getOptionalConfig('modelops.cost');
  const csv = cost?.getOptionalConfig('csv');
  const opencost = cost?.getOptionalConfig('opencost');
  return {
    currency: cost?.getOptionalString('currency') ?? 'USD',
    financeGroup: cost?.getOptionalString('financeGroup'),
    csv: {
      source: csv?.getOptionalString('source') ?? 'csv',
      dateColumn: csv?.getOptionalString('dateColumn') ?? 'date',
      amountColumn: csv?.getOptionalString('amountColumn') ?? 'cost',
      currencyColumn: csv?.getOptionalString('currencyColumn') ?? 'currency',
      usageColumn: csv?.getOptionalString('usageColumn'),
      usageUnit: csv?.getOptionalString('usageUnit') ?? 'inferences',
      categoryColumn: csv?.getOptionalString('categoryColumn'),
      defaultCategory: readCategory(
        csv?.getOptionalString('defaultCategory'),
        'modelops.cost.csv.defaultCategory',
      ),
      tagsColumn: csv?.getOptionalString('tagsColumn') ?? 'tags',
      tagKey: csv?.getOptionalString('tagKey') ?? DEFAULT_ENTITY_TAG_KEY,
    },
    opencost: opencost && {
      baseUrl: opencost.getString('baseUrl').replace(/\/+$/, ''),
      labelKey:
        opencost.getOptionalString('labelKey') ?? DEFAULT_ENTITY_TAG_KEY,
      window: opencost.getOptionalString('window') ?? '3d',
      category: readCategory(
        opencost.getOptionalString('category') ?? 'inference',
        'modelops.cost.opencost.category',
      ),
      source: opencost.getOptionalString('source') ?? 'opencost',
      frequencyMinutes: opencost.getOptionalNumber('frequencyMinutes') ?? 60,
      timeoutMinutes: opencost.getOptionalNumber('timeoutMinutes') ?? 10,
    },
    demoData: config.getOptionalBoolean('modelops.demoData.cost') ?? false,
  };
}
