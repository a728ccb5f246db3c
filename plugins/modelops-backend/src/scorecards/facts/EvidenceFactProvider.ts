import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import type { EvaluationReport } from '@modelops/plugin-modelops-common';
import type { ModelopsFactProvider } from '@modelops/plugin-modelops-node';
import type { EvidenceStore } from '../../evidence/types';

const DAY_MS = 24 * 60 * 60 * 1000;

/** What the provider reads from the evidence store. */
type EvidenceReads = Pick<
  EvidenceStore,
  'latestEvaluationsByModel' | 'entityRefsChangedSince'
>;

interface FairnessSpec {
  metric?: string;
  threshold?: number;
}
interface MetricSpec {
  name?: string;
  threshold?: number;
  direction?: string;
}

/**
 * Every declared fairness metric with a threshold is reported, and every
 * reported value of it (overall or per group) is within the threshold in
 * absolute value; undefined when nothing is declared.
 */
export function fairnessWithinThreshold(
  declared: FairnessSpec[] | undefined,
  report: EvaluationReport,
): boolean | undefined {
  const bounded = (declared ?? []).filter(
    f => f.metric && typeof f.threshold === 'number',
  );
  if (bounded.length === 0) return undefined;
  return bounded.every(f => {
    const values = report.metrics
      .filter(m => m.name === f.metric)
      .map(m => m.value);
    return values.length > 0 && values.every(v => Math.abs(v) <= f.threshold!);
  });
}

/**
 * Overall (unsliced) values of the model's declared quality metrics meet
 * their thresholds in the declared direction; undefined when none is declared.
 */
export function metricsWithinThreshold(
  declared: MetricSpec[] | undefined,
  report: EvaluationReport,
): boolean | undefined {
  const bounded = (declared ?? []).filter(
    m => m.name && typeof m.threshold === 'number',
  );
  if (bounded.length === 0) return undefined;
  return bounded.every(m => {
    const value = report.metrics.find(
      r => r.name === m.name && !r.slice,
    )?.value;
    if (value === undefined) return false;
    return m.direction === 'lower-is-better'
      ? value <= m.threshold!
      : value >= m.threshold!;
  });
}

/**
 * `evaluation.*` facts from the latest evaluation report of each model:
 * `fairnessWithinThreshold`, `metricsWithinThreshold`, `evaluatedAt`,
 * `ageDays`, `modelVersion`. One bulk query per page.
 */
export class EvidenceFactProvider implements ModelopsFactProvider {
  readonly id = 'evaluation';

  private constructor(private readonly store: EvidenceReads) {}

  static create(options: { store: EvidenceReads }): EvidenceFactProvider {
    return new EvidenceFactProvider(options.store);
  }

  async changedSince(since: Date): Promise<string[]> {
    return this.store.entityRefsChangedSince(since.toISOString());
  }

  async getFacts(entities: Entity[], context: { now: Date }) {
    const models = entities.filter(e => e.kind === 'MLModel');
    const refs = models.map(e => stringifyEntityRef(e));
    const latest =
      refs.length > 0
        ? await this.store.latestEvaluationsByModel(refs)
        : new Map();
    const out = new Map<string, Record<string, unknown>>();
    models.forEach((entity, i) => {
      const report: EvaluationReport | undefined =
        latest.get(refs[i]) ?? latest.get(refs[i].toLocaleLowerCase('en-US'));
      if (!report) return;
      const spec = (entity.spec ?? {}) as {
        risk?: { fairness?: FairnessSpec[] };
        metrics?: MetricSpec[];
      };
      out.set(refs[i], {
        modelVersion: report.modelVersion,
        evaluatedAt: report.evaluatedAt,
        ageDays: Math.floor(
          (context.now.getTime() - Date.parse(report.evaluatedAt)) / DAY_MS,
        ),
        fairnessWithinThreshold: fairnessWithinThreshold(
          spec.risk?.fairness,
          report,
        ),
        metricsWithinThreshold: metricsWithinThreshold(spec.metrics, report),
      });
    });
    return out;
  }
}
