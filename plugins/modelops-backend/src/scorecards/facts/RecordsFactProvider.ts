import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import type { ModelopsFactProvider } from '@modelops/plugin-modelops-node';

const DURATION =
  /^P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T.*)?$/;

/**
 * Days in an ISO 8601 duration's date part (P7Y, P6M, P90D); undefined when
 * it is not a duration. Months count 30.5 days so that P6M reaches the
 * six months the EU AI Act asks logs to be kept.
 */
export function durationDays(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const m = DURATION.exec(value.trim());
  if (!m || value.trim() === 'P') return undefined;
  const [y, mo, w, d] = m.slice(1, 5).map(v => (v ? Number(v) : 0));
  return Math.round(y * 365.25 + mo * 30.5 + w * 7 + d);
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole days from an ISO 8601 day or date-time to `now`; undefined when it is not a date. */
export function daysSince(value: unknown, now: Date): number | undefined {
  const at = typeof value === 'string' ? Date.parse(value) : NaN;
  return Number.isNaN(at)
    ? undefined
    : Math.floor((now.getTime() - at) / DAY_MS);
}

/**
 * `records.decisionLogDays` and `records.evaluationEvidenceDays`: the
 * retention durations of spec.retention in days, so rules can compare them;
 * `records.riskManagementReviewAgeDays`: days since the risk management
 * file (spec.risk.riskManagement.reviewedAt) was last reviewed, so a rule
 * can ask that it is maintained.
 */
export class RecordsFactProvider implements ModelopsFactProvider {
  readonly id = 'records';

  private constructor() {}

  static create(): RecordsFactProvider {
    return new RecordsFactProvider();
  }

  async getFacts(entities: Entity[], context: { now: Date }) {
    const out = new Map<string, Record<string, unknown>>();
    for (const entity of entities) {
      const retention = (entity.spec?.retention ?? {}) as Record<
        string,
        unknown
      >;
      const risk = (entity.spec?.risk ?? {}) as {
        riskManagement?: { reviewedAt?: unknown };
      };
      out.set(stringifyEntityRef(entity), {
        decisionLogDays: durationDays(retention.decisionLogs),
        evaluationEvidenceDays: durationDays(retention.evaluationEvidence),
        riskManagementReviewAgeDays: daysSince(
          risk.riskManagement?.reviewedAt,
          context.now,
        ),
      });
    }
    return out;
  }
}
