import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import {
  fairnessBound,
  sameFairnessMetric,
  type EvaluationMetric,
  type EvaluationReport,
  type FairnessBound,
  type FairnessDeclaration,
} from '@modelops/plugin-modelops-common';
import type { ModelopsFactProvider } from '@modelops/plugin-modelops-node';
import type { EvidenceStore } from '../../evidence/types';
import type { CurrentEvidence, Judgement } from '../packs/currentEvidence';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * How old the evaluation of a model's current version may be and still
 * count as evidence, unless `modelops.scorecards.evidenceMaxAgeDays` says
 * otherwise.
 */
export const DEFAULT_EVIDENCE_MAX_AGE_DAYS = 180;

/** What the provider reads from the evidence store. */
type EvidenceReads = Pick<
  EvidenceStore,
  | 'latestEvaluationsByModel'
  | 'latestEvaluationsOfVersions'
  | 'entityRefsChangedSince'
>;

interface MetricSpec {
  name?: string;
  threshold?: number;
  direction?: string;
}
interface ModelSpec {
  version?: unknown;
  metrics?: MetricSpec[];
  risk?: { fairness?: FairnessDeclaration[]; protectedAttributes?: string[] };
}

const round = (v: number) => Number(v.toPrecision(4));
const sliceText = (m: EvaluationMetric) =>
  m.slice ? ` for ${m.slice.attribute} ${m.slice.group}` : '';

/**
 * Every declared quality metric with a threshold is reported overall
 * (unsliced) and meets it in the declared direction.
 */
export function judgeMetrics(
  declared: MetricSpec[] | undefined,
  report: EvaluationReport,
): Judgement {
  const bounded = (declared ?? []).filter(
    m => m.name && typeof m.threshold === 'number',
  );
  const failures: string[] = [];
  const evidence: string[] = [];
  for (const m of bounded) {
    const lower = m.direction === 'lower-is-better';
    const target = `target ${lower ? 'at most' : 'at least'} ${m.threshold}`;
    const value = report.metrics.find(
      r => r.name === m.name && !r.slice,
    )?.value;
    if (value === undefined) {
      failures.push(`${m.name} not reported (${target})`);
      continue;
    }
    const said = `${m.name} ${round(value)}, ${target}`;
    evidence.push(said);
    if (lower ? value > m.threshold! : value < m.threshold!) {
      failures.push(said);
    }
  }
  return {
    met: bounded.length === 0 ? undefined : failures.length === 0,
    failures,
    evidence,
  };
}

/**
 * Every declared fairness metric with a bound is reported, and every
 * reported value of it (overall or per group) meets the bound as
 * {@link fairnessBound} reads it (differences in absolute value, ratios
 * from below); with `protectedAttributes`, each attribute has results by
 * group. Names outside the documented vocabulary are judged the same way
 * and listed in `nonStandard`.
 */
export function judgeFairness(
  risk: ModelSpec['risk'],
  report: EvaluationReport,
): Judgement & { nonStandard: string[] } {
  const bounds = (risk?.fairness ?? [])
    .filter(f => typeof f?.metric === 'string')
    .map(fairnessBound)
    .filter((b): b is FairnessBound => b !== undefined);
  const failures: string[] = [];
  const evidence: string[] = [];
  for (const bound of bounds) {
    const values = report.metrics.filter(m =>
      sameFairnessMetric(bound.metric, m.name),
    );
    if (values.length === 0) {
      failures.push(`${bound.metric} not reported (target ${bound.text})`);
      continue;
    }
    const breaches = values.filter(v => !bound.holds(v.value));
    for (const v of breaches) {
      failures.push(
        `${bound.metric}${sliceText(v)} ${round(v.value)}, target ${
          bound.text
        }`,
      );
    }
    if (breaches.length === 0) {
      const shown = values.map(v => round(v.value)).join(', ');
      evidence.push(`${bound.metric} ${shown}, target ${bound.text}`);
    }
  }
  for (const attribute of risk?.protectedAttributes ?? []) {
    if (!report.metrics.some(m => m.slice?.attribute === attribute)) {
      failures.push(`no results by group for protected attribute ${attribute}`);
    }
  }
  return {
    met:
      bounds.length === 0 && (risk?.protectedAttributes ?? []).length === 0
        ? undefined
        : failures.length === 0,
    failures,
    evidence,
    nonStandard: bounds.filter(b => !b.standard).map(b => b.metric),
  };
}

/**
 * Every declared fairness bound holds on a report; undefined when none is
 * declared. The model card summary uses it, as the checks judge fairness.
 */
export function fairnessWithinThreshold(
  declared: FairnessDeclaration[] | undefined,
  report: EvaluationReport,
): boolean | undefined {
  return judgeFairness({ fairness: declared }, report).met;
}

/** {@link judgeMetrics}, as a yes or no. */
export function metricsWithinThreshold(
  declared: MetricSpec[] | undefined,
  report: EvaluationReport,
): boolean | undefined {
  return judgeMetrics(declared, report).met;
}

/**
 * `evaluation.*` facts. From the newest report of any version:
 * `modelVersion`, `evaluatedAt`, `ageDays`, `fairnessWithinThreshold`,
 * `metricsWithinThreshold`. From the newest report of the version the model
 * declares in `spec.version`, `evaluation.current`: its date and age,
 * whether it is older than the evidence age limit (`stale`), and the
 * metric and fairness judgements in words. Two bulk queries per page.
 */
export class EvidenceFactProvider implements ModelopsFactProvider {
  readonly id = 'evaluation';

  private constructor(
    private readonly store: EvidenceReads,
    private readonly maxAgeDays: number,
  ) {}

  static create(options: {
    store: EvidenceReads;
    maxAgeDays?: number;
  }): EvidenceFactProvider {
    return new EvidenceFactProvider(
      options.store,
      options.maxAgeDays ?? DEFAULT_EVIDENCE_MAX_AGE_DAYS,
    );
  }

  async changedSince(since: Date): Promise<string[]> {
    return this.store.entityRefsChangedSince(since.toISOString());
  }

  async getFacts(entities: Entity[], context: { now: Date }) {
    const models = entities.filter(e => e.kind === 'MLModel');
    const refs = models.map(e => stringifyEntityRef(e));
    const versions = models.flatMap((entity, i) => {
      const version = (entity.spec as ModelSpec | undefined)?.version;
      return typeof version === 'string' || typeof version === 'number'
        ? [{ modelRef: refs[i], modelVersion: String(version) }]
        : [];
    });
    // Reports dated after `now` do not exist yet for an evaluation of a
    // past day (a history backfill); for today's they are none.
    const asOf = context.now.toISOString();
    const [latest, current] = await Promise.all([
      refs.length > 0
        ? this.store.latestEvaluationsByModel(refs, asOf)
        : new Map<string, EvaluationReport>(),
      versions.length > 0
        ? this.store.latestEvaluationsOfVersions(versions, asOf)
        : new Map<string, EvaluationReport>(),
    ]);
    const ageDays = (report: EvaluationReport) =>
      Math.floor(
        (context.now.getTime() - Date.parse(report.evaluatedAt)) / DAY_MS,
      );
    const reportOf = (map: Map<string, EvaluationReport>, ref: string) =>
      map.get(ref) ?? map.get(ref.toLocaleLowerCase('en-US'));

    const out = new Map<string, Record<string, unknown>>();
    models.forEach((entity, i) => {
      const report = reportOf(latest, refs[i]);
      if (!report) return;
      const spec = (entity.spec ?? {}) as ModelSpec;
      const facts: Record<string, unknown> = {
        modelVersion: report.modelVersion,
        evaluatedAt: report.evaluatedAt,
        ageDays: ageDays(report),
        fairnessWithinThreshold: fairnessWithinThreshold(
          spec.risk?.fairness,
          report,
        ),
        metricsWithinThreshold: metricsWithinThreshold(spec.metrics, report),
      };
      const ofVersion = reportOf(current, refs[i]);
      if (ofVersion) {
        const age = ageDays(ofVersion);
        facts.current = {
          described: `latest evaluation of ${
            ofVersion.modelVersion
          } on ${ofVersion.evaluatedAt.slice(0, 10)}`,
          ageDays: age,
          maxAgeDays: this.maxAgeDays,
          stale: age > this.maxAgeDays,
          judgements: {
            metrics: judgeMetrics(spec.metrics, ofVersion),
            fairness: judgeFairness(spec.risk, ofVersion),
          },
        } satisfies CurrentEvidence;
      } else {
        facts.newestOtherVersion = `of version ${
          report.modelVersion
        }, ${report.evaluatedAt.slice(0, 10)}`;
      }
      out.set(refs[i], facts);
    });
    return out;
  }
}
