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
import {
  type CostMappingSettings,
  DEFAULT_ENTITY_TAG_KEY,
  readCostMapping,
} from './CostMapping';

export { DEFAULT_ENTITY_TAG_KEY };

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

/**
 * A named source of billing exports (`modelops.cost.sources.<name>`): its
 * records are stored under the name, and an import replaces the name's
 * records of the days it covers.
 */
export interface CostSourceSettings {
  name: string;
  /** Format id; detected from the header when absent. */
  format?: string;
  /** Cost measure of the format that counts; the format's default when absent. */
  amount?: string;
  /** Category of lines no rule and no column categorises. */
  defaultCategory: CostCategory;
}

/** Limits and placement of billing file imports (`modelops.cost.imports`). */
export interface CostImportSettings {
  /** Largest file accepted, in bytes (compressed size for gzip files). */
  maxFileBytes: number;
  /** Files up to this size are imported before the request is answered. */
  waitBytes: number;
  /** Where uploads wait for their background import. */
  directory?: string;
  /** Background imports running at once on one backend instance. */
  concurrency: number;
  /** Longest charge period spread over its days; longer ones count on their first day. */
  maxSpreadDays: number;
}

/** The pattern of source names, as the records API checks them. */
export const SOURCE_NAME = /^[a-z0-9][a-z0-9._-]{0,62}$/;

/** Default bound of one record's amount, in units of the reporting currency. */
export const DEFAULT_MAX_RECORD_AMOUNT = 10_000_000;
/**
 * Largest bound config may set: a month of bounded records still sums within
 * the databases' 64-bit integers and JavaScript's exact integers.
 */
export const MAX_RECORD_AMOUNT_LIMIT = 1_000_000_000;

/** Cost settings with defaults applied. */
export interface CostSettings {
  /** The reporting currency every stored amount is in. */
  currency: string;
  /** Largest absolute amount of one record (a day, entity and category). */
  maxRecordAmount: number;
  /**
   * Reporting-currency value of one unit of another currency, by ISO code.
   * Records in a currency without a rate are refused, never summed.
   */
  exchangeRates: Record<string, number>;
  financeGroup?: string;
  csv: CsvCostMapping;
  mapping: CostMappingSettings;
  /** Configured sources by name; empty when none is configured. */
  sources: Map<string, CostSourceSettings>;
  imports: CostImportSettings;
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

function readMaxRecordAmount(cost: Config | undefined): number {
  const key = 'modelops.cost.maxRecordAmount';
  const value =
    cost?.getOptionalNumber('maxRecordAmount') ?? DEFAULT_MAX_RECORD_AMOUNT;
  if (!(value > 0 && value <= MAX_RECORD_AMOUNT_LIMIT)) {
    throw new InputError(
      `${key}: must be above 0 and at most ${MAX_RECORD_AMOUNT_LIMIT}, got ${value}`,
    );
  }
  return value;
}

function readExchangeRates(
  cost: Config | undefined,
  currency: string,
): Record<string, number> {
  const rates = cost?.getOptionalConfig('exchangeRates');
  const result: Record<string, number> = {};
  for (const code of rates?.keys() ?? []) {
    const key = `modelops.cost.exchangeRates.${code}`;
    const rate = rates!.getNumber(code);
    if (!/^[A-Z]{3}$/.test(code) || code === currency) {
      throw new InputError(
        `${key}: expected an ISO 4217 code other than the reporting currency ${currency}`,
      );
    }
    if (!(Number.isFinite(rate) && rate > 0)) {
      throw new InputError(`${key}: must be a number above 0, got ${rate}`);
    }
    result[code] = rate;
  }
  return result;
}

function readSources(
  cost: Config | undefined,
): Map<string, CostSourceSettings> {
  const sources = new Map<string, CostSourceSettings>();
  const config = cost?.getOptionalConfig('sources');
  for (const name of config?.keys() ?? []) {
    const key = `modelops.cost.sources.${name}`;
    if (!SOURCE_NAME.test(name)) {
      throw new InputError(
        `${key}: a source name is lowercase letters, digits, dots, dashes or underscores`,
      );
    }
    const source = config!.getConfig(name);
    sources.set(name, {
      name,
      format: source.getOptionalString('format'),
      amount: source.getOptionalString('amount'),
      defaultCategory: readCategory(
        source.getOptionalString('defaultCategory'),
        `${key}.defaultCategory`,
      ),
    });
  }
  return sources;
}

function positiveInteger(
  config: Config | undefined,
  key: string,
  fallback: number,
): number {
  const value = config?.getOptionalNumber(key) ?? fallback;
  if (!(Number.isSafeInteger(value) && value > 0)) {
    throw new InputError(
      `modelops.cost.imports.${key}: must be a whole number above 0, got ${value}`,
    );
  }
  return value;
}

function wholeNumber(
  config: Config | undefined,
  key: string,
  fallback: number,
): number {
  const value = config?.getOptionalNumber(key) ?? fallback;
  if (!(Number.isSafeInteger(value) && value >= 0)) {
    throw new InputError(
      `modelops.cost.imports.${key}: must be a whole number of 0 or more, got ${value}`,
    );
  }
  return value;
}

function readImports(cost: Config | undefined): CostImportSettings {
  const imports = cost?.getOptionalConfig('imports');
  return {
    maxFileBytes: positiveInteger(imports, 'maxFileBytes', 4 * 1024 ** 3),
    waitBytes: wholeNumber(imports, 'waitBytes', 8 * 1024 ** 2),
    directory: imports?.getOptionalString('directory'),
    concurrency: positiveInteger(imports, 'concurrency', 1),
    maxSpreadDays: positiveInteger(imports, 'maxSpreadDays', 31),
  };
}

/** Reads the cost settings from the root config. */
export function readCostSettings(config: Config): CostSettings {
  const cost = config.getOptionalConfig('modelops.cost');
  const csv = cost?.getOptionalConfig('csv');
  const opencost = cost?.getOptionalConfig('opencost');
  const currency = cost?.getOptionalString('currency') ?? 'USD';
  return {
    currency,
    maxRecordAmount: readMaxRecordAmount(cost),
    exchangeRates: readExchangeRates(cost, currency),
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
    mapping: readCostMapping(cost, csv?.getOptionalString('tagKey')),
    sources: readSources(cost),
    imports: readImports(cost),
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
