/*
 * CostMapping: the rules of `modelops.cost.mapping` that every billing import
 * and OpenCost share: which tags name an entity (see CostEntityResolver), the
 * category of a line from its charge type, service, SKU, usage type or tags,
 * and which usage quantities count as inferences (so that cost per 1,000
 * inferences comes from billing data). Rules are tried in order and the
 * first match wins; a line no rule matches keeps the source's default
 * category.
 */
import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  COST_CATEGORIES,
  CREDIT_COST_CATEGORY,
  INFERENCE_USAGE_UNIT,
  type CostCategory,
} from '@modelops/plugin-modelops-common';
import type { CostLineItem } from '@modelops/plugin-modelops-node';

/** How the value of an entity tag may name the entity. */
export type EntityTagMatch = 'any' | 'ref' | 'encoded' | 'name';

/** A tag (or label) key whose value names the entity a line belongs to. */
export interface EntityTagRule {
  key: string;
  /**
   * `ref`: a full ref; `encoded`: a ref encoded for labels
   * (`mlmodel.default.x`, `mlmodel--default--x`); `name`: the entity name;
   * `any` (default): whichever of these names an entity.
   */
  match: EntityTagMatch;
}

/** The fields of a line a rule may test, each against patterns. */
export interface CostLineCriteria {
  chargeType?: string[];
  service?: string[];
  sku?: string[];
  usageType?: string[];
  unit?: string[];
  /** Any of service, SKU and usage type. */
  any?: string[];
  /** Tag values by key. */
  tags?: Record<string, string[]>;
}

/** A category rule: every criterion given must match one of its patterns. */
export interface CategoryRule extends CostLineCriteria {
  category: CostCategory;
}

/** The mapping settings with their defaults applied. */
export interface CostMappingSettings {
  entityTags: EntityTagRule[];
  /** A tag whose value is the model version of the line. */
  versionTag?: string;
  categories: CategoryRule[];
  inferences: CostLineCriteria[];
}

/** The tag (or Kubernetes label) naming the entity a cost belongs to. */
export const DEFAULT_ENTITY_TAG_KEY = 'modelops.dev/entity';

/**
 * Second default entity tag: a key Google Cloud labels and Azure tags
 * accept (neither allows `/`, Google Cloud no `.` either).
 */
export const PORTABLE_ENTITY_TAG_KEY = 'modelops-entity';

/**
 * The shipped category rules, used when `modelops.cost.mapping.categories`
 * is not set. Patterns match service, SKU or usage type names of the AWS,
 * Google Cloud and Azure ML services: SageMaker usage types such as
 * `USE1-Train:ml.p3.2xlarge` and `USE1-Host:ml.m5.large`, Vertex AI
 * `Custom Training` and `Online Prediction` SKUs, Bedrock `...-input-tokens`.
 */
export const DEFAULT_CATEGORY_RULES: CategoryRule[] = [
  { category: 'training', any: ['*train*'] },
  {
    category: 'inference',
    any: ['*inference*', '*predict*', '*invocation*', '*host:*', '*tokens*'],
  },
  // Transfer before storage: moving data out of a storage service is data.
  {
    category: 'data',
    any: ['*datatransfer*', '*data transfer*', '*egress*'],
  },
  {
    category: 'storage',
    any: ['*storage*', '*EBS:*', '*ByteHrs*', '*snapshot*'],
  },
  {
    category: 'data',
    service: [
      '*BigQuery*',
      '*Athena*',
      '*Glue*',
      '*Dataflow*',
      '*Data Factory*',
    ],
  },
];

/** Lines whose usage quantity counts as inferences, by default. */
export const DEFAULT_INFERENCE_RULES: CostLineCriteria[] = [
  { unit: [INFERENCE_USAGE_UNIT] },
];

const MATCH_MODES: readonly EntityTagMatch[] = [
  'any',
  'ref',
  'encoded',
  'name',
];
const CRITERIA = [
  'chargeType',
  'service',
  'sku',
  'usageType',
  'unit',
  'any',
] as const;

function stringList(config: Config, key: string, path: string): string[] {
  const value = config.getOptional(key);
  const list = typeof value === 'string' ? [value] : value;
  if (
    !Array.isArray(list) ||
    list.length === 0 ||
    list.some(item => typeof item !== 'string' || item.length === 0)
  ) {
    throw new InputError(
      `${path}.${key}: expected a pattern or a non-empty list of patterns`,
    );
  }
  return list as string[];
}

function readCriteria(config: Config, path: string): CostLineCriteria {
  const criteria: CostLineCriteria = {};
  for (const key of CRITERIA) {
    if (config.has(key)) criteria[key] = stringList(config, key, path);
  }
  const tags = config.getOptionalConfig('tags');
  if (tags) {
    criteria.tags = Object.fromEntries(
      tags.keys().map(key => [key, stringList(tags, key, `${path}.tags`)]),
    );
  }
  if (Object.keys(criteria).length === 0) {
    throw new InputError(
      `${path}: expected at least one of ${[...CRITERIA, 'tags'].join(', ')}`,
    );
  }
  return criteria;
}

/** Reads `modelops.cost.mapping`, with the legacy tag keys as defaults. */
export function readCostMapping(
  cost: Config | undefined,
  legacyTagKey: string | undefined,
): CostMappingSettings {
  const mapping = cost?.getOptionalConfig('mapping');
  const base = 'modelops.cost.mapping';
  const entityTags = mapping
    ?.getOptionalConfigArray('entityTags')
    ?.map((rule, index) => {
      const match = rule.getOptionalString('match') ?? 'any';
      if (!MATCH_MODES.includes(match as EntityTagMatch)) {
        throw new InputError(
          `${base}.entityTags.${index}.match: must be one of ${MATCH_MODES.join(
            ', ',
          )}, got '${match}'`,
        );
      }
      return { key: rule.getString('key'), match: match as EntityTagMatch };
    }) ?? [
    { key: legacyTagKey ?? DEFAULT_ENTITY_TAG_KEY, match: 'any' as const },
    { key: PORTABLE_ENTITY_TAG_KEY, match: 'any' as const },
  ];
  const categories = mapping
    ?.getOptionalConfigArray('categories')
    ?.map((rule, index) => {
      const path = `${base}.categories.${index}`;
      const category = rule.getString('category');
      if (!(COST_CATEGORIES as readonly string[]).includes(category)) {
        throw new InputError(
          `${path}.category: must be one of ${COST_CATEGORIES.join(
            ', ',
          )}, got '${category}'`,
        );
      }
      return {
        ...readCriteria(rule, path),
        category: category as CostCategory,
      };
    });
  const inferences = mapping
    ?.getOptionalConfigArray('inferences')
    ?.map((rule, index) => readCriteria(rule, `${base}.inferences.${index}`));
  return {
    entityTags,
    versionTag: mapping?.getOptionalString('versionTag'),
    categories: categories ?? DEFAULT_CATEGORY_RULES,
    inferences: inferences ?? DEFAULT_INFERENCE_RULES,
  };
}

/**
 * A pattern as a case-insensitive matcher of whole values: `*` any text,
 * `?` one character; `/.../` is a regular expression.
 */
function compilePattern(pattern: string): RegExp {
  if (pattern.length > 2 && pattern.startsWith('/') && pattern.endsWith('/')) {
    return new RegExp(pattern.slice(1, -1), 'i');
  }
  const body = pattern
    .split('')
    .map(char => {
      if (char === '*') return '.*';
      if (char === '?') return '.';
      return char.replace(/[.+^${}()|[\]\\/-]/g, '\\$&');
    })
    .join('');
  return new RegExp(`^${body}$`, 'is');
}

type Matcher = (item: CostLineItem) => boolean;

function compileCriteria(criteria: CostLineCriteria): Matcher {
  const tests: Matcher[] = [];
  const field = (
    patterns: string[] | undefined,
    values: (item: CostLineItem) => Array<string | undefined>,
  ) => {
    if (!patterns) return;
    const regexes = patterns.map(compilePattern);
    tests.push(item =>
      values(item).some(
        value =>
          value !== undefined && regexes.some(regex => regex.test(value)),
      ),
    );
  };
  field(criteria.chargeType, item => [item.chargeType]);
  field(criteria.service, item => [item.service]);
  field(criteria.sku, item => [item.sku]);
  field(criteria.usageType, item => [item.usageType]);
  field(criteria.unit, item => [item.usageUnit]);
  field(criteria.any, item => [item.service, item.sku, item.usageType]);
  for (const [key, patterns] of Object.entries(criteria.tags ?? {})) {
    field(patterns, item => [item.tags[key]]);
  }
  return item => tests.every(test => test(item));
}

// Rule outcomes by the fields rules read (tags aside): most lines of a file
// repeat a few hundred combinations of service, SKU and usage type.
const CACHE_LIMIT = 50_000;

/** Decides categories and inference counts of billing lines. */
export class CostCategorizer {
  private readonly categoryRules: Array<{
    category: CostCategory;
    matches: Matcher;
  }>;
  private readonly inferenceRules: Matcher[];
  private readonly usesTags: boolean;
  private readonly cache = new Map<
    string,
    { category?: CostCategory; inferences: boolean }
  >();

  private constructor(settings: CostMappingSettings) {
    this.categoryRules = settings.categories.map(rule => ({
      category: rule.category,
      matches: compileCriteria(rule),
    }));
    this.inferenceRules = settings.inferences.map(compileCriteria);
    this.usesTags = [...settings.categories, ...settings.inferences].some(
      rule => rule.tags !== undefined,
    );
  }

  static create(settings: CostMappingSettings): CostCategorizer {
    return new CostCategorizer(settings);
  }

  /**
   * The category of a line: credit for credits, the category the line
   * states, then the first matching rule, else `fallback`; and whether its
   * usage quantity counts as inferences.
   */
  classify(
    item: CostLineItem,
    fallback: CostCategory,
  ): { category: CostCategory; inferences: boolean } {
    const outcome = this.rulesOutcome(item);
    let category: CostCategory = outcome.category ?? fallback;
    if (item.credit) {
      category = CREDIT_COST_CATEGORY;
    } else {
      const stated = item.category?.toLowerCase();
      if (stated && (COST_CATEGORIES as readonly string[]).includes(stated)) {
        category = stated as CostCategory;
      }
    }
    return { category, inferences: outcome.inferences };
  }

  private rulesOutcome(item: CostLineItem) {
    const key = this.usesTags
      ? undefined
      : [
          item.chargeType,
          item.service,
          item.sku,
          item.usageType,
          item.usageUnit,
        ].join('\u0000');
    const cached = key === undefined ? undefined : this.cache.get(key);
    if (cached) return cached;
    const outcome = {
      category: this.categoryRules.find(rule => rule.matches(item))?.category,
      inferences: this.inferenceRules.some(matches => matches(item)),
    };
    if (key !== undefined) {
      if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
      this.cache.set(key, outcome);
    }
    return outcome;
  }
}
