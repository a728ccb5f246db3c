/*
 * generateDemoDeliveryEvents: a deterministic half year of deployments and
 * incidents for the demo models in production and staging, so that the
 * delivery cards show believable trends. The same end day always gives the
 * same events (a seeded generator, no clock), which is how
 * examples/delivery/events.json is produced and kept in step by a test.
 *
 * Two stories: the transaction fraud detector ships often, rarely breaks and
 * recovers within hours; the support assistant LLM ships often too, but about two
 * deployments in five fail and recovery takes days.
 */
import type { DeliveryEventInput } from '@modelops/plugin-modelops-common';
import { DEMO_PORTFOLIO } from '../../cost/demo/demoPortfolio';

/** Weeks of history the demo holds. */
export const DEMO_DELIVERY_WEEKS = 26;

/** The demo model that ships often and recovers fast. */
export const DEMO_ELITE_MODEL = 'transaction-fraud-detector';
/** The demo model whose deployments often fail and recover slowly. */
export const DEMO_STRUGGLING_MODEL = 'support-assistant-llm';

const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;

interface DeliveryProfile {
  /** Mean deployments per week. */
  deploysPerWeek: number;
  /** Probability that a deployment fails. */
  failureRate: number;
  /** Range of hours from incident opening to resolution. */
  recoveryHours: [number, number];
}

const STORY_PROFILES: Record<string, DeliveryProfile> = {
  [DEMO_ELITE_MODEL]: {
    deploysPerWeek: 4,
    failureRate: 0.04,
    recoveryHours: [0.5, 3],
  },
  [DEMO_STRUGGLING_MODEL]: {
    deploysPerWeek: 3,
    failureRate: 0.4,
    recoveryHours: [24, 96],
  },
};

// mulberry32: small, fast and good enough for demo data; seeded per model so
// adding a model does not change the others' history.
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hash(text: string): number {
  let h = 2166136261;
  for (const char of text) {
    h = Math.imul(h ^ char.charCodeAt(0), 16777619);
  }
  return h >>> 0;
}

function profileOf(name: string, lifecycle: string): DeliveryProfile {
  const story = STORY_PROFILES[name];
  if (story) return story;
  const random = seededRandom(hash(`profile:${name}`));
  return {
    deploysPerWeek: (lifecycle === 'staging' ? 1.5 : 0.5) + random() * 1.5,
    failureRate: 0.05 + random() * 0.15,
    recoveryHours: [1, 6 + random() * 30],
  };
}

/** Options of {@link generateDemoDeliveryEvents}. */
export interface GenerateDemoDeliveryOptions {
  /** Last day of the history (YYYY-MM-DD, UTC); events fall before its end. */
  endDay: string;
}

/**
 * Generates the demo delivery events, each with a stable idempotency key
 * (`demo-delivery-<model>-<n>`), ordered by model and time.
 */
export function generateDemoDeliveryEvents(
  options: GenerateDemoDeliveryOptions,
): DeliveryEventInput[] {
  const end = Date.parse(`${options.endDay}T00:00:00.000Z`) + DAY_MS;
  if (Number.isNaN(end)) {
    throw new TypeError(`endDay: expected YYYY-MM-DD, got ${options.endDay}`);
  }
  const historyStart = end - DEMO_DELIVERY_WEEKS * 7 * DAY_MS;
  // Weeks are walked from a Monday, so that deployments land on working days.
  const monday =
    historyStart - ((new Date(historyStart).getUTCDay() + 6) % 7) * DAY_MS;
  const events: DeliveryEventInput[] = [];
  const models = DEMO_PORTFOLIO.filter(
    e =>
      e.kind === 'mlmodel' &&
      (e.lifecycle === 'production' || e.lifecycle === 'staging'),
  );
  for (const { name, lifecycle } of models) {
    const profile = profileOf(name, lifecycle);
    const random = seededRandom(hash(`events:${name}`));
    const entityRef = `mlmodel:default/${name}`;
    const modelEvents: DeliveryEventInput[] = [];
    let incident = 0;
    for (let week = 0; week <= DEMO_DELIVERY_WEEKS; week++) {
      // Deployments land on working days, in working hours.
      const count = Math.floor(profile.deploysPerWeek + random());
      for (let i = 0; i < count; i++) {
        const day = Math.floor(random() * 5);
        const hour = 8 + random() * 9;
        const at = monday + (week * 7 + day) * DAY_MS + hour * HOUR_MS;
        if (at < historyStart || at >= end) continue;
        const failed = random() < profile.failureRate;
        modelEvents.push({
          entityRef,
          type: 'deployment',
          at: new Date(Math.round(at / 60000) * 60000).toISOString(),
          failed,
        });
        if (!failed) continue;
        incident += 1;
        const incidentId = `INC-${name}-${incident}`;
        const openedAt = at + (0.25 + random()) * HOUR_MS;
        const [low, high] = profile.recoveryHours;
        const resolvedAt = openedAt + (low + random() * (high - low)) * HOUR_MS;
        modelEvents.push({
          entityRef,
          type: 'incident-opened',
          at: new Date(Math.round(openedAt / 60000) * 60000).toISOString(),
          incidentId,
        });
        // A recovery that would end after the history stays open.
        if (resolvedAt < end) {
          modelEvents.push({
            entityRef,
            type: 'incident-resolved',
            at: new Date(Math.round(resolvedAt / 60000) * 60000).toISOString(),
            incidentId,
          });
        }
      }
    }
    // Versions count up in deployment order.
    let version = 0;
    modelEvents
      .sort((a, b) => a.at.localeCompare(b.at, 'en'))
      .forEach((event, index) =>
        events.push({
          idempotencyKey: `demo-delivery-${name}-${index}`,
          ...event,
          ...(event.type === 'deployment'
            ? { modelVersion: `demo.${++version}` }
            : {}),
        }),
      );
  }
  return events;
}
