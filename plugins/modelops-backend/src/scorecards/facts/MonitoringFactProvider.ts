import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import type { MonitoringSnapshot } from '@modelops/plugin-modelops-common';
import type { ModelopsFactProvider } from '@modelops/plugin-modelops-node';
import type { EvidenceStore } from '../../evidence/types';
import type { CurrentEvidence, Judgement } from '../packs/currentEvidence';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * How old the newest monitoring snapshot of the version in service may be
 * (by the end of its window) and still count, unless
 * `modelops.scorecards.monitoringMaxAgeDays` says otherwise: monitoring that
 * stopped reporting two weeks ago no longer says how the model behaves.
 */
export const DEFAULT_MONITORING_MAX_AGE_DAYS = 14;

interface MonitoredSpec {
  deployment?: {
    latencySloMs?: number;
    maxErrorRate?: number;
    coldStartSloMs?: number;
  };
  monitoring?: { drift?: { maxStatistic?: number; minPValue?: number } };
}

const round = (v: number) => Number(v.toPrecision(4));

/** A measured value against an upper bound, as a {@link Judgement}. */
function atMost(
  label: string,
  value: number | undefined,
  bound: number | undefined,
  unit = '',
): Judgement {
  if (bound === undefined)
    return { met: undefined, failures: [], evidence: [] };
  const target = `target at most ${bound}${unit}`;
  if (value === undefined) {
    return {
      met: false,
      failures: [`${label} not reported (${target})`],
      evidence: [],
    };
  }
  const said = `${label} ${round(value)}${unit}, ${target}`;
  return value <= bound
    ? { met: true, failures: [], evidence: [said] }
    : { met: false, failures: [said], evidence: [said] };
}

/**
 * Drift of every reported feature and of the output within the declared
 * bounds: the statistic at most `maxStatistic`, the p-value (where the test
 * reports one) at least `minPValue`.
 */
export function judgeDrift(
  spec: MonitoredSpec,
  snapshot: MonitoringSnapshot,
): Judgement {
  const { maxStatistic, minPValue } = spec.monitoring?.drift ?? {};
  if (maxStatistic === undefined && minPValue === undefined) {
    return { met: undefined, failures: [], evidence: [] };
  }
  if (snapshot.drift.length === 0) {
    return {
      met: false,
      failures: ['no drift statistics reported'],
      evidence: [],
    };
  }
  const failures: string[] = [];
  let worst = snapshot.drift[0];
  for (const d of snapshot.drift) {
    if (d.statistic > worst.statistic) worst = d;
    if (maxStatistic !== undefined && d.statistic > maxStatistic) {
      failures.push(
        `${d.feature} ${d.test} ${round(
          d.statistic,
        )}, target at most ${maxStatistic}`,
      );
    }
    if (
      minPValue !== undefined &&
      d.pValue !== undefined &&
      d.pValue < minPValue
    ) {
      failures.push(
        `${d.feature} ${d.test} p-value ${round(
          d.pValue,
        )}, target at least ${minPValue}`,
      );
    }
  }
  return {
    met: failures.length === 0,
    failures,
    evidence: [
      `${snapshot.drift.length} drift statistics, the largest ${
        worst.feature
      } ${worst.test} ${round(worst.statistic)}`,
    ],
  };
}

/**
 * `monitoring.current`: the newest monitoring snapshot of the version the
 * model declares in `spec.version`, its age by the end of its window,
 * whether it is older than the monitoring age limit, and judgements in
 * words of drift, p95 latency (against `spec.deployment.latencySloMs`),
 * error rate (against `spec.deployment.maxErrorRate`) and p95 cold start
 * (against `spec.deployment.coldStartSloMs`). One bulk query per page.
 */
export class MonitoringFactProvider implements ModelopsFactProvider {
  readonly id = 'monitoring';

  private constructor(
    private readonly store: Pick<EvidenceStore, 'latestSnapshotsOfVersions'>,
    private readonly maxAgeDays: number,
  ) {}

  static create(options: {
    store: Pick<EvidenceStore, 'latestSnapshotsOfVersions'>;
    maxAgeDays?: number;
  }): MonitoringFactProvider {
    return new MonitoringFactProvider(
      options.store,
      options.maxAgeDays ?? DEFAULT_MONITORING_MAX_AGE_DAYS,
    );
  }

  async getFacts(entities: Entity[], context: { now: Date }) {
    const versions = entities.flatMap(entity => {
      const version = entity.spec?.version;
      return entity.kind === 'MLModel' &&
        (typeof version === 'string' || typeof version === 'number')
        ? [
            {
              modelRef: stringifyEntityRef(entity),
              modelVersion: String(version),
            },
          ]
        : [];
    });
    const out = new Map<string, Record<string, unknown>>();
    if (versions.length === 0) return out;
    const latest = await this.store.latestSnapshotsOfVersions(
      versions,
      context.now.toISOString(),
    );
    const byRef = new Map(entities.map(e => [stringifyEntityRef(e), e]));
    for (const { modelRef } of versions) {
      const snapshot =
        latest.get(modelRef) ?? latest.get(modelRef.toLocaleLowerCase('en-US'));
      if (!snapshot) continue;
      const spec = (byRef.get(modelRef)?.spec ?? {}) as MonitoredSpec;
      const age = Math.floor(
        (context.now.getTime() - Date.parse(snapshot.windowEnd)) / DAY_MS,
      );
      const current: CurrentEvidence = {
        described: `latest monitoring snapshot of ${
          snapshot.modelVersion
        } (window ending ${snapshot.windowEnd.slice(0, 10)})`,
        ageDays: age,
        maxAgeDays: this.maxAgeDays,
        stale: age > this.maxAgeDays,
        judgements: {
          drift: judgeDrift(spec, snapshot),
          latency: atMost(
            'p95 latency',
            snapshot.latencyP95Ms,
            spec.deployment?.latencySloMs,
            ' ms',
          ),
          errorRate: atMost(
            'error rate',
            snapshot.errorRate,
            spec.deployment?.maxErrorRate,
          ),
          coldStart: atMost(
            'p95 cold start',
            snapshot.coldStartP95Ms,
            spec.deployment?.coldStartSloMs,
            ' ms',
          ),
        },
      };
      out.set(modelRef, { current });
    }
    return out;
  }
}
