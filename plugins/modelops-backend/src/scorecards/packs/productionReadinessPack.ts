import type {
  CheckDefinition,
  CheckRule,
} from '@modelops/plugin-modelops-common';
import type { ModelopsCheck } from '@modelops/plugin-modelops-node';
import { currentEvidenceOutcome } from './currentEvidence';
import { practice } from './practices';

const pack = 'production-readiness';
/** Production readiness is graded where the model serves or is about to. */
const appliesTo: CheckDefinition['appliesTo'] = {
  kinds: ['MLModel'],
  lifecycles: ['staging', 'production'],
};

/** Production readiness: serving, fallback, rollout, scaling, SLOs, monitoring, runbook. */
export const productionReadinessPack: CheckDefinition[] = [
  {
    id: `${pack}.serving`,
    title: 'Serving platform declared',
    description:
      'The model says how it is served (Kubernetes, serverless, batch, edge...).',
    rationale: {
      practice: practice(4, 'containerized model serving'),
      obligations: ['iso-42001.a.6.2.5'],
    },
    appliesTo,
    rule: { fact: 'entity.spec.deployment.serving', op: 'exists' },
    severity: 'error',
    remediation: {
      text: 'Set spec.deployment.serving, e.g. `serving: kubernetes`.',
    },
    pack,
    level: 'bronze',
  },
  {
    id: `${pack}.fallback`,
    title: 'Fallback defined',
    description:
      'What serves requests when the model fails or is switched off.',
    rationale: {
      practice: practice(3, 'fallback logic'),
      obligations: ['nist-ai-rmf.manage-2.4'],
    },
    appliesTo,
    rule: { fact: 'entity.spec.fallback', op: 'exists' },
    severity: 'critical',
    remediation: {
      text: 'Describe the fallback in spec.fallback (rules engine, manual queue, previous version).',
    },
    pack,
    level: 'bronze',
  },
  {
    id: `${pack}.runbook`,
    title: 'Runbook linked',
    description:
      'An incident runbook covering data, model and infrastructure troubleshooting.',
    rationale: {
      practice: practice(7, 'runbooks for incident response'),
      obligations: ['nist-ai-rmf.manage-4.3'],
    },
    appliesTo,
    rule: { fact: 'links.runbook', op: 'exists' },
    severity: 'error',
    remediation: { text: 'Add a metadata.links entry with `type: runbook`.' },
    pack,
    level: 'bronze',
  },
  {
    id: `${pack}.dashboard`,
    title: 'Monitoring dashboard linked',
    description: 'Operators find the serving dashboard from the model page.',
    rationale: {
      practice: practice(7, 'monitoring dashboards'),
      obligations: ['nist-ai-rmf.measure-2.4', 'iso-42001.a.6.2.6'],
    },
    appliesTo,
    rule: {
      any: [
        { fact: 'entity.spec.monitoring.dashboard', op: 'exists' },
        { fact: 'links.dashboard', op: 'exists' },
      ],
    },
    severity: 'warning',
    remediation: {
      text: 'Set spec.monitoring.dashboard or add a link with `type: dashboard`.',
    },
    pack,
    level: 'bronze',
  },
  {
    id: `${pack}.alerts`,
    title: 'Alerts configured',
    description:
      'Alerts for performance degradation, latency spikes or resource exhaustion.',
    rationale: {
      practice: practice(5, 'automated alerts'),
      obligations: ['nist-ai-rmf.manage-4.1', 'iso-42001.a.6.2.6'],
    },
    appliesTo,
    rule: { fact: 'entity.spec.monitoring.alerts', op: 'exists' },
    severity: 'error',
    remediation: { text: 'List the alerts in spec.monitoring.alerts.' },
    pack,
    level: 'silver',
  },
  {
    id: `${pack}.drift-monitoring`,
    title: 'Prediction drift tested',
    description:
      'A statistical test (KS, PSI...) runs on the output distribution.',
    rationale: {
      practice: practice(5, 'prediction drift'),
      obligations: ['nist-ai-rmf.measure-2.4'],
    },
    appliesTo,
    rule: {
      all: [
        { fact: 'entity.spec.monitoring.drift.test', op: 'exists' },
        {
          fact: 'entity.spec.monitoring.drift.output',
          op: 'equals',
          value: true,
        },
      ],
    },
    severity: 'error',
    remediation: {
      text: 'Set spec.monitoring.drift.test (ks, psi...) and `output: true`.',
    },
    pack,
    level: 'silver',
  },
  {
    id: `${pack}.feature-logging`,
    title: 'Feature distributions logged',
    description: 'Production inputs are logged so input drift can be detected.',
    rationale: {
      practice: practice(5, 'Log feature distributions'),
      obligations: ['iso-42001.a.6.2.8'],
    },
    appliesTo,
    rule: {
      fact: 'entity.spec.monitoring.featureLogging',
      op: 'equals',
      value: true,
    },
    severity: 'warning',
    remediation: {
      text: 'Log features in production and set spec.monitoring.featureLogging: true.',
    },
    pack,
    level: 'silver',
  },
  {
    id: `${pack}.latency-slo`,
    title: 'Latency SLO set',
    description: 'A p95 latency objective the serving stack is held to.',
    rationale: {
      practice: practice(3, 'Define performance thresholds'),
      obligations: ['nist-ai-rmf.measure-2.5'],
    },
    appliesTo,
    rule: { fact: 'entity.spec.deployment.latencySloMs', op: 'gte', value: 1 },
    severity: 'warning',
    remediation: {
      text: 'Set spec.deployment.latencySloMs to the p95 objective in milliseconds.',
    },
    pack,
    level: 'silver',
  },
  {
    id: `${pack}.progressive-rollout`,
    title: 'Progressive rollout',
    description:
      'New versions reach traffic gradually (canary, blue-green or shadow).',
    rationale: {
      practice: practice(4, 'canary deployments'),
      obligations: ['iso-42001.a.6.2.5'],
    },
    appliesTo,
    rule: {
      fact: 'entity.spec.deployment.strategy',
      op: 'oneOf',
      value: ['canary', 'blue-green', 'shadow'],
    },
    severity: 'warning',
    remediation: {
      text: 'Set spec.deployment.strategy to canary, blue-green or shadow.',
    },
    pack,
    level: 'silver',
  },
  {
    id: `${pack}.autoscaling`,
    title: 'Autoscaling policy',
    description: 'Online serving scales with query volume or utilisation.',
    rationale: { practice: practice(4, 'autoscaling policies') },
    appliesTo,
    rule: {
      any: [
        {
          fact: 'entity.spec.deployment.serving',
          op: 'oneOf',
          value: ['batch', 'edge', 'embedded'],
        },
        {
          fact: 'entity.spec.deployment.autoscaling.maxReplicas',
          op: 'gte',
          value: 1,
        },
      ],
    },
    severity: 'warning',
    remediation: {
      text: 'Set spec.deployment.autoscaling (minReplicas, maxReplicas, metric).',
    },
    pack,
    level: 'gold',
  },
  {
    id: `${pack}.circuit-breaker`,
    title: 'Circuit breaker',
    description:
      'Callers stop calling a failing model and switch to the fallback.',
    rationale: {
      practice: practice(4, 'circuit breakers'),
      obligations: ['nist-ai-rmf.manage-2.4'],
    },
    appliesTo,
    rule: {
      fact: 'entity.spec.deployment.circuitBreaker',
      op: 'equals',
      value: true,
    },
    severity: 'warning',
    remediation: {
      text: 'Put a circuit breaker in front of the model and set spec.deployment.circuitBreaker: true.',
    },
    pack,
    level: 'gold',
  },
  {
    id: `${pack}.cold-start-slo`,
    title: 'Cold start SLO for serverless',
    description: 'Serverless endpoints have a cold start objective.',
    rationale: { practice: practice(4, 'cold start times') },
    // Not applicable, rather than passing, to models not served serverless:
    // a model that declares no serving at all has no cold start to meet.
    appliesTo: {
      ...appliesTo,
      when: {
        fact: 'entity.spec.deployment.serving',
        op: 'equals',
        value: 'serverless',
      },
    },
    rule: {
      fact: 'entity.spec.deployment.coldStartSloMs',
      op: 'gte',
      value: 1,
    },
    severity: 'info',
    remediation: { text: 'Set spec.deployment.coldStartSloMs.' },
    pack,
    level: 'gold',
  },
  {
    id: `${pack}.retraining-triggers`,
    title: 'Retraining triggers',
    description:
      'Retraining starts on drift, performance, data freshness or a schedule.',
    rationale: {
      practice: practice(5, 'retraining triggers'),
      obligations: ['nist-ai-rmf.manage-4.2'],
    },
    appliesTo,
    rule: { fact: 'entity.spec.monitoring.retraining.triggers', op: 'exists' },
    severity: 'warning',
    remediation: {
      text: 'List spec.monitoring.retraining.triggers and a cadence.',
    },
    pack,
    level: 'gold',
  },
  {
    id: `${pack}.portable-format`,
    title: 'Portable serialization format',
    description:
      'The artifact is in a portable, safe format rather than pickle.',
    rationale: {
      practice: practice(4, 'serialization formats'),
    },
    appliesTo,
    rule: {
      fact: 'entity.spec.format',
      op: 'oneOf',
      value: ['onnx', 'pmml', 'safetensors', 'savedmodel', 'torchscript'],
    },
    severity: 'info',
    remediation: {
      text: 'Export to ONNX, PMML, safetensors, SavedModel or TorchScript and set spec.format.',
    },
    pack,
    level: 'gold',
  },
  // The two checks below read what a cluster serves (observed.serving,
  // from the KServe provider) in preference to what the YAML declares; a
  // model no cluster reports on is graded on its declared fields.
  {
    id: `${pack}.canary-served`,
    title: 'Canary rollout where it is served',
    description:
      'The InferenceService serving the model rolls new versions out with canaryTrafficPercent; a model no cluster reports on declares canary, blue-green or shadow.',
    rationale: {
      practice: practice(4, 'canary deployments'),
      obligations: ['iso-42001.a.6.2.5'],
    },
    appliesTo,
    rule: {
      any: [
        {
          all: [
            { fact: 'observed.serving.source', op: 'exists' },
            { fact: 'observed.serving.canaryTrafficPercent', op: 'exists' },
          ],
        },
        {
          all: [
            { not: { fact: 'observed.serving.source', op: 'exists' } },
            {
              fact: 'entity.spec.deployment.strategy',
              op: 'oneOf',
              value: ['canary', 'blue-green', 'shadow'],
            },
          ],
        },
      ],
    },
    severity: 'warning',
    remediation: {
      text: 'Set spec.predictor.canaryTrafficPercent on the InferenceService when rolling out a version, or, where no cluster reports on the model, spec.deployment.strategy.',
    },
    pack,
    level: 'silver',
  },
  {
    id: `${pack}.autoscaling-served`,
    title: 'Autoscaling where it is served',
    description:
      'The InferenceService serving the model may scale above its minimum replicas; a model no cluster reports on declares autoscaling.maxReplicas.',
    rationale: { practice: practice(4, 'autoscaling policies') },
    appliesTo,
    rule: {
      any: [
        {
          all: [
            { fact: 'observed.serving.source', op: 'exists' },
            { fact: 'observed.serving.autoscales', op: 'equals', value: true },
          ],
        },
        {
          all: [
            { not: { fact: 'observed.serving.source', op: 'exists' } },
            {
              fact: 'entity.spec.deployment.autoscaling.maxReplicas',
              op: 'gte',
              value: 1,
            },
          ],
        },
      ],
    },
    severity: 'warning',
    remediation: {
      text: 'Set spec.predictor.maxReplicas above minReplicas on the InferenceService, or, where no cluster reports on the model, spec.deployment.autoscaling.',
    },
    pack,
    level: 'gold',
  },
];

/**
 * Quality judged on evidence: the newest evaluation of the version in
 * service (not of any version), within the evidence age limit, meets every
 * declared metric threshold.
 */
export const metricsMetCheck: ModelopsCheck = {
  id: `${pack}.metrics-met`,
  title: 'Quality thresholds met',
  description:
    'The latest evaluation of the version in service, recent enough to count, meets every threshold declared in spec.metrics.',
  rationale: {
    practice: practice(3, 'Define performance thresholds'),
    obligations: ['nist-ai-rmf.measure-2.5', 'iso-42001.a.6.2.4'],
  },
  appliesTo: {
    ...appliesTo,
    when: { fact: 'entity.spec.metrics', op: 'exists' },
  },
  severity: 'error',
  remediation: {
    text: 'Evaluate the version in spec.version and post the report (POST /evaluations); retrain or roll back if a threshold is missed.',
  },
  pack,
  level: 'silver',
  evaluate: ({ entity, facts }) =>
    currentEvidenceOutcome(
      entity,
      facts,
      'evaluation',
      'metrics',
      'expected thresholds in spec.metrics; found none',
    ),
};

/**
 * A check on the newest monitoring snapshot of the version in service,
 * applied to production models that declare the target it judges.
 */
function monitoringCheck(options: {
  id: string;
  title: string;
  description: string;
  practice: string;
  declares: CheckRule;
  judged: 'drift' | 'latency' | 'errorRate' | 'coldStart';
  nothingDeclared: string;
  remediation: string;
}): ModelopsCheck {
  return {
    id: `${pack}.${options.id}`,
    title: options.title,
    description: options.description,
    rationale: {
      practice: options.practice,
      obligations: ['nist-ai-rmf.measure-2.4', 'iso-42001.a.6.2.6'],
    },
    appliesTo: {
      kinds: ['MLModel'],
      lifecycles: ['production'],
      when: options.declares,
    },
    severity: 'error',
    remediation: { text: options.remediation },
    pack,
    level: 'gold',
    evaluate: ({ entity, facts }) =>
      currentEvidenceOutcome(
        entity,
        facts,
        'monitoring',
        options.judged,
        options.nothingDeclared,
      ),
  };
}

const POST_SNAPSHOTS =
  'post monitoring snapshots of the version in spec.version (POST /monitoring-snapshots)';

/**
 * What monitoring observed, judged against what the model declares: drift,
 * p95 latency, error rate and cold starts of the version in service, each
 * failing on a breach or on a snapshot too old to count.
 */
export const monitoringChecks: ModelopsCheck[] = [
  monitoringCheck({
    id: 'drift-within-threshold',
    title: 'Drift within its threshold',
    description:
      'The latest monitoring snapshot of the version in service shows every feature and the output within the declared drift bounds.',
    practice: practice(5, 'prediction drift'),
    declares: { fact: 'entity.spec.monitoring.drift', op: 'exists' },
    judged: 'drift',
    nothingDeclared:
      'expected spec.monitoring.drift.maxStatistic or minPValue; found neither, so drift has no threshold',
    remediation: `Set spec.monitoring.drift.maxStatistic (and minPValue for tests with p-values), ${POST_SNAPSHOTS}, and retrain when drift persists.`,
  }),
  monitoringCheck({
    id: 'latency-within-slo',
    title: 'p95 latency within its SLO',
    description:
      'The latest monitoring snapshot of the version in service shows p95 latency within spec.deployment.latencySloMs.',
    practice: practice(5, 'automated alerts'),
    declares: { fact: 'entity.spec.deployment.latencySloMs', op: 'exists' },
    judged: 'latency',
    nothingDeclared: 'expected spec.deployment.latencySloMs; found nothing',
    remediation: `Report latencyP95Ms in ${POST_SNAPSHOTS}; scale out or optimise when the SLO is breached.`,
  }),
  monitoringCheck({
    id: 'error-rate-within-budget',
    title: 'Error rate within its budget',
    description:
      'The latest monitoring snapshot of the version in service shows an error rate within spec.deployment.maxErrorRate.',
    practice: practice(5, 'automated alerts'),
    declares: { fact: 'entity.spec.deployment.maxErrorRate', op: 'exists' },
    judged: 'errorRate',
    nothingDeclared: 'expected spec.deployment.maxErrorRate; found nothing',
    remediation: `Report errorRate in ${POST_SNAPSHOTS}; roll back or fix the failing requests when the budget is spent.`,
  }),
  monitoringCheck({
    id: 'cold-start-within-slo',
    title: 'Cold starts within their SLO',
    description:
      'The latest monitoring snapshot of a serverless model in service shows p95 cold start within spec.deployment.coldStartSloMs.',
    practice: practice(4, 'cold start times'),
    declares: {
      all: [
        {
          fact: 'entity.spec.deployment.serving',
          op: 'equals',
          value: 'serverless',
        },
        { fact: 'entity.spec.deployment.coldStartSloMs', op: 'exists' },
      ],
    },
    judged: 'coldStart',
    nothingDeclared: 'expected spec.deployment.coldStartSloMs; found nothing',
    remediation: `Report coldStartP95Ms in ${POST_SNAPSHOTS}; keep warm instances or shrink the image when the SLO is breached.`,
  }),
];
