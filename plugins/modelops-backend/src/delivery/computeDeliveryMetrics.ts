/*
 * computeDeliveryMetrics: the delivery measures of a window from its events,
 * in memory (a team's quarter is a few thousand events at most):
 *
 * - deployment frequency: deployments per 7 days of the window;
 * - change failure rate: share of deployments marked `failed`;
 * - mean time to recover: for each incident resolved in the window, the time
 *   from its first opening to its first resolution after that, averaged.
 *   Incidents are told apart per model by their incident id; a resolution
 *   without a known opening is left out rather than guessed.
 *
 * The weekly series uses weeks starting on Monday (UTC), attributing each
 * recovery to the week of its resolution.
 */
import type {
  DeliveryEvent,
  DeliveryMetrics,
  DeliveryWeek,
} from '@modelops/plugin-modelops-common';

const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;

/** The window and scope of {@link computeDeliveryMetrics}. */
export interface DeliveryMetricsWindow {
  scope: DeliveryMetrics['scope'];
  entityRefs: string[];
  /** Window end (exclusive). */
  to: Date;
  days: number;
}

/** The Monday (UTC) of the week holding a time, as YYYY-MM-DD. */
export function weekStartOf(time: Date | string): string {
  const date = new Date(time);
  const daysSinceMonday = (date.getUTCDay() + 6) % 7;
  const monday = new Date(
    Date.UTC(
      date.getUTCFullYear(),
      date.getUTCMonth(),
      date.getUTCDate() - daysSinceMonday,
    ),
  );
  return monday.toISOString().slice(0, 10);
}

function mean(values: number[]): number | undefined {
  return values.length === 0
    ? undefined
    : values.reduce((sum, v) => sum + v, 0) / values.length;
}

interface Recovery {
  resolvedAt: string;
  hours: number;
}

function recoveries(
  events: DeliveryEvent[],
  from: string,
  to: string,
): { recovered: Recovery[]; stillOpen: number } {
  const incidents = new Map<
    string,
    { openedAt?: string; resolvedAt: string[] }
  >();
  for (const event of events) {
    if (event.type === 'deployment' || !event.incidentId) continue;
    const key = `${event.entityRef} ${event.incidentId}`;
    const incident = incidents.get(key) ?? { resolvedAt: [] };
    if (event.type === 'incident-opened') {
      if (!incident.openedAt || event.at < incident.openedAt) {
        incident.openedAt = event.at;
      }
    } else {
      incident.resolvedAt.push(event.at);
    }
    incidents.set(key, incident);
  }
  const recovered: Recovery[] = [];
  let stillOpen = 0;
  for (const incident of incidents.values()) {
    if (!incident.openedAt) continue;
    const openedAt = incident.openedAt;
    const resolvedAt = incident.resolvedAt
      .filter(at => at >= openedAt && at >= from && at < to)
      .sort()[0];
    if (resolvedAt) {
      recovered.push({
        resolvedAt,
        hours: (Date.parse(resolvedAt) - Date.parse(openedAt)) / HOUR_MS,
      });
    } else if (openedAt >= from) {
      stillOpen += 1;
    }
  }
  return { recovered, stillOpen };
}

/**
 * Computes deployment frequency, change failure rate and MTTR of a window,
 * with a weekly series.
 *
 * @param events - the window's events and the openings of incidents resolved
 *   in it (see DeliveryStore.listEventsForWindow)
 */
export function computeDeliveryMetrics(
  events: DeliveryEvent[],
  window: DeliveryMetricsWindow,
): DeliveryMetrics {
  const to = window.to.toISOString();
  const from = new Date(
    window.to.getTime() - window.days * DAY_MS,
  ).toISOString();
  const inWindow = (e: DeliveryEvent) => e.at >= from && e.at < to;

  const weeks = new Map<string, DeliveryWeek & { hours: number[] }>();
  // Every week of the window is present, so charts show quiet weeks as zero.
  for (
    let day = new Date(weekStartOf(from));
    day.getTime() < window.to.getTime();
    day = new Date(day.getTime() + 7 * DAY_MS)
  ) {
    const weekStart = day.toISOString().slice(0, 10);
    weeks.set(weekStart, {
      weekStart,
      deployments: 0,
      failedDeployments: 0,
      incidentsResolved: 0,
      hours: [],
    });
  }

  const deployments = events.filter(
    e => e.type === 'deployment' && inWindow(e),
  );
  for (const deployment of deployments) {
    const week = weeks.get(weekStartOf(deployment.at))!;
    week.deployments += 1;
    if (deployment.failed) week.failedDeployments += 1;
  }
  const failedDeployments = deployments.filter(e => e.failed).length;

  const { recovered, stillOpen } = recoveries(events, from, to);
  for (const recovery of recovered) {
    const week = weeks.get(weekStartOf(recovery.resolvedAt))!;
    week.incidentsResolved += 1;
    week.hours.push(recovery.hours);
  }

  return {
    scope: window.scope,
    entityRefs: window.entityRefs,
    from,
    to,
    days: window.days,
    deployments: deployments.length,
    failedDeployments,
    deploymentsPerWeek: (deployments.length * 7) / window.days,
    changeFailureRate:
      deployments.length === 0
        ? undefined
        : failedDeployments / deployments.length,
    incidentsResolved: recovered.length,
    incidentsOpen: stillOpen,
    meanTimeToRecoverHours: mean(recovered.map(r => r.hours)),
    weeks: [...weeks.values()].map(({ hours, ...week }) => {
      const mttr = mean(hours);
      return mttr === undefined
        ? week
        : { ...week, meanTimeToRecoverHours: mttr };
    }),
  };
}
