/*
 * generateDemoCosts: a year of daily cost history for the demo portfolio.
 * Deterministic: every value comes from a hash of (seed, entity, day,
 * channel), so the same day always gets the same amounts whatever the end
 * day, and reloading the demo replaces rows instead of changing history.
 */
import {
  INFERENCE_USAGE_UNIT,
  type CostCategory,
} from '@modelops/plugin-modelops-common';
import { addDays, daysBetween } from '../costCalendar';
import { microsToAmount } from '../money';
import type { StoredCostRecord } from '../types';
import {
  DEMO_IDLE_DAYS,
  DEMO_IDLE_MODEL,
  DEMO_OVER_BUDGET_MODEL,
  DEMO_PORTFOLIO,
  type DemoCostEntity,
} from './demoPortfolio';

// Day from which the demo's spend trend is measured.
const TREND_ANCHOR = '2026-01-01';

/** Source name of generated demo records. */
export const DEMO_COST_SOURCE = 'demo';

/** Options of {@link generateDemoCosts}. */
export interface GenerateDemoCostsOptions {
  /** Last day of the history (YYYY-MM-DD), usually today. */
  endDay: string;
  /** Days of history; 365 by default. */
  days?: number;
  seed?: number;
  currency?: string;
  portfolio?: DemoCostEntity[];
}

// FNV-1a over the key, then a murmur-style finaliser: a stable uniform
// number in [0, 1) per key without carrying generator state across days.
function unit(seed: number, key: string): number {
  let hash = 0x811c9dc5 ^ seed;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return (hash >>> 0) / 4294967296;
}

interface Profile {
  /** Share of the budget the entity usually spends. */
  level: number;
  shares: Record<
    Extract<CostCategory, 'training' | 'inference' | 'storage'>,
    number
  >;
  /** Days between retraining runs. */
  retrainEvery: number;
  serves: boolean;
}

function profileOf(lifecycle: string): Profile {
  switch (lifecycle) {
    case 'production':
      return {
        level: 0.8,
        shares: { inference: 0.6, training: 0.25, storage: 0.15 },
        retrainEvery: 7,
        serves: true,
      };
    case 'staging':
      return {
        level: 0.55,
        shares: { inference: 0.45, training: 0.4, storage: 0.15 },
        retrainEvery: 10,
        serves: true,
      };
    case 'deprecated':
      return {
        level: 0.45,
        shares: { inference: 0.6, training: 0, storage: 0.4 },
        retrainEvery: 0,
        serves: true,
      };
    default:
      // experimental, development and retired models mostly train.
      return {
        level: 0.6,
        shares: { inference: 0.05, training: 0.75, storage: 0.2 },
        retrainEvery: 3,
        serves: false,
      };
  }
}

const cents = (value: number) => Math.round(value * 100) / 100;
// Demo amounts are whole cents, held as micros like every stored amount.
const centsInMicros = (value: number) =>
  BigInt(Math.round(value * 100)) * 10_000n;

/** Generates daily training, inference and storage records. */
export function generateDemoCosts(
  options: GenerateDemoCostsOptions,
): StoredCostRecord[] {
  const seed = options.seed ?? 20261127;
  const days = options.days ?? 365;
  const currency = options.currency ?? 'USD';
  const firstDay = addDays(options.endDay, -(days - 1));
  const records: StoredCostRecord[] = [];

  for (const entity of options.portfolio ?? DEMO_PORTFOLIO) {
    const entityRef = `${entity.kind}:default/${entity.name}`;
    const profile = profileOf(entity.lifecycle);
    const dailyBase = ((entity.monthlyBudget ?? 300) * profile.level) / 30.4;
    const costPer1k =
      entity.targetCostPer1kInferences ?? 0.05 + unit(seed, entity.name) * 0.2;
    const retrainOffset = Math.floor(unit(seed, `${entity.name}/retrain`) * 7);

    for (let index = 0; index < days; index++) {
      const day = addDays(firstDay, index);
      const daysToEnd = daysBetween(day, options.endDay);
      // Retired models stopped costing anything four months ago.
      if (entity.lifecycle === 'retired' && daysToEnd < 120) continue;
      const noise = (channel: string) =>
        unit(seed, `${entity.name}/${day}/${channel}`);
      // Spend drifts up by about a tenth a year. Measured from a fixed day,
      // not from the window start, so a day's amount never depends on when
      // the history was generated.
      const age = daysBetween(TREND_ANCHOR, day);
      let scale = 1 + (0.1 * age) / 365;
      if (entity.name === DEMO_OVER_BUDGET_MODEL && daysToEnd < 75) {
        // A new feature doubled the prompt length: spend ramps well past budget.
        scale *= 1 + (0.55 * (75 - daysToEnd)) / 75;
      }
      const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
      const weekly = weekday === 0 || weekday === 6 ? 0.7 : 1.1;

      const inferenceAmount = centsInMicros(
        dailyBase *
          profile.shares.inference *
          scale *
          weekly *
          (0.85 + 0.3 * noise('inference')),
      );
      const idle =
        entity.name === DEMO_IDLE_MODEL && daysToEnd < DEMO_IDLE_DAYS;
      const inferences =
        profile.serves && !idle
          ? Math.round(
              (microsToAmount(inferenceAmount) / costPer1k) *
                1000 *
                (0.9 + 0.2 * noise('count')),
            )
          : 0;
      if (inferenceAmount > 0n) {
        records.push({
          source: DEMO_COST_SOURCE,
          entityRef,
          day,
          category: 'inference',
          amountMicros: inferenceAmount,
          currency,
          usageQuantity: inferences,
          usageUnit: INFERENCE_USAGE_UNIT,
        });
      }

      const retrains =
        profile.retrainEvery > 0 &&
        (((age + retrainOffset) % profile.retrainEvery) +
          profile.retrainEvery) %
          profile.retrainEvery ===
          0;
      if (retrains && profile.shares.training > 0) {
        records.push({
          source: DEMO_COST_SOURCE,
          entityRef,
          day,
          category: 'training',
          amountMicros: centsInMicros(
            dailyBase *
              profile.shares.training *
              profile.retrainEvery *
              scale *
              (0.7 + 0.6 * noise('training')),
          ),
          currency,
          usageQuantity: cents(4 + 20 * noise('gpu-hours')),
          usageUnit: 'gpu-hours',
        });
      }

      const storedGiB = Math.round(
        200 + 800 * unit(seed, `${entity.name}/size`) * (1 + (0.4 * age) / 365),
      );
      records.push({
        source: DEMO_COST_SOURCE,
        entityRef,
        day,
        category: 'storage',
        amountMicros: centsInMicros(
          dailyBase * profile.shares.storage * (1 + (0.4 * age) / 365),
        ),
        currency,
        usageQuantity: storedGiB,
        usageUnit: 'GiB-days',
      });
    }
  }
  return records;
}
