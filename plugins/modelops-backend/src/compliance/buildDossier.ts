import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import type {
  ChangeRequest,
  DeliveryEvent,
  EvaluationReport,
  MonitoringSnapshot,
  ObligationAssessment,
  RecordedIncident,
  ReviewDecisionRecord,
  Waiver,
} from '@modelops/plugin-modelops-common';

/** A block of a dossier section: label-value rows, a table or a paragraph. */
export type DossierBlock =
  | { kind: 'fields'; rows: Array<[label: string, value: string]> }
  | { kind: 'table'; title: string; header: string[]; rows: string[][] }
  | { kind: 'text'; text: string };

/** One of the nine sections of Annex IV. */
export interface DossierSection {
  /** The Annex IV point, 1 to 9. */
  point: number;
  title: string;
  blocks: DossierBlock[];
  /** What is missing, each naming the field or the evidence that would fill it. */
  gaps: string[];
}

/** The Annex IV technical documentation of one model version. */
export interface Dossier {
  entityRef: string;
  title: string;
  /** `spec.version`; `unversioned` when the model states none. */
  version: string;
  generatedAt: string;
  sections: DossierSection[];
}

/** What the suite holds about the model, read with the caller's credentials. */
export interface DossierInputs {
  entity: Entity;
  /** Datasets of spec.trainedOn and spec.evaluatedOn the catalog returned. */
  datasets: Entity[];
  evaluations: EvaluationReport[];
  snapshots: MonitoringSnapshot[];
  changes: ChangeRequest[];
  /** Deployments and incident events of the last 12 months. */
  deliveryEvents: DeliveryEvent[];
  /** Every incident recorded on the model, with its serious-incident assessment. */
  incidents: RecordedIncident[];
  /** Every waiver of the model's checks, whatever its status. */
  waivers: Waiver[];
  /** The ownership review decisions on the model, oldest first. */
  reviewDecisions: ReviewDecisionRecord[];
  compliance: ObligationAssessment[];
  generatedAt: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** How old the review of the risk management file may be (Art. 9(2)). */
const RISK_REVIEW_MAX_DAYS = 365;
/** Days Art. 73(2) allows between becoming aware of a serious incident and reporting it. */
const SERIOUS_INCIDENT_REPORT_DAYS = 15;

function daysBetween(from: string, to: string): number {
  return Math.floor((Date.parse(to) - Date.parse(from)) / DAY_MS);
}

const day = (iso: string) => iso.slice(0, 10);
/** A time for a table cell: `2026-06-08 09:17`, in UTC as stored. */
const minute = (iso: string) => iso.slice(0, 16).replace('T', ' ');
const yesNo = (value: boolean | undefined) => {
  if (value === undefined) return '';
  return value ? 'yes' : 'no';
};
/** Deployments listed in full; older ones are counted. */
const DEPLOYMENTS_LISTED = 20;

type Json = Record<string, unknown>;

function get(value: unknown, path: string): unknown {
  let current = value;
  for (const segment of path.split('.')) {
    if (!current || typeof current !== 'object') return undefined;
    current = (current as Json)[segment];
  }
  return current;
}

function present(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

function show(value: unknown): string {
  if (Array.isArray(value)) return value.map(show).join(', ');
  if (value && typeof value === 'object') {
    return Object.entries(value as Json)
      .map(([k, v]) => `${k}: ${show(v)}`)
      .join('; ');
  }
  return String(value);
}

/**
 * Rows for the spec fields that are set, and a gap naming each field that
 * is not.
 */
function fields(
  spec: Json,
  wanted: Array<[label: string, path: string]>,
  gaps: string[],
  reason: string,
): Extract<DossierBlock, { kind: 'fields' }> {
  const rows: Array<[string, string]> = [];
  for (const [label, path] of wanted) {
    const value = get(spec, path);
    if (present(value)) rows.push([label, show(value)]);
    else gaps.push(`spec.${path} is not set (${reason}).`);
  }
  return { kind: 'fields', rows };
}

function refs(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((v): v is string => typeof v === 'string')
    : [];
}

const DATASHEET_SECTIONS = [
  'motivation',
  'composition',
  'collection',
  'preprocessing',
  'uses',
  'distribution',
  'maintenance',
];

/**
 * Builds the technical documentation of Annex IV for a model version from
 * the entity, its datasets, evaluations, monitoring snapshots, change
 * requests, deployments, incidents and their serious-incident assessments,
 * waivers, ownership review decisions and check results. It asserts only
 * what these records hold; everything else is listed as a gap, section by
 * section, naming the field or the evidence that would fill it.
 */
export function buildDossier(inputs: DossierInputs): Dossier {
  const { entity } = inputs;
  const spec = (entity.spec ?? {}) as Json;
  const entityRef = stringifyEntityRef(entity);
  const version = present(spec.version) ? String(spec.version) : 'unversioned';
  const versionEvaluations = inputs.evaluations.filter(
    e => e.modelVersion === version,
  );
  const versionSnapshots = inputs.snapshots.filter(
    s => s.modelVersion === version,
  );
  const datasetsByRef = new Map(
    inputs.datasets.map(d => [stringifyEntityRef(d).toLowerCase(), d]),
  );

  // 1. General description.
  const g1: string[] = [];
  const described = fields(
    spec,
    [
      ['Intended purpose', 'intendedUse.primaryUses'],
      ['Intended users', 'intendedUse.primaryUsers'],
      ['Uses out of scope', 'intendedUse.outOfScope'],
      ['Allowed purposes', 'allowedPurposes'],
      ['Registry', 'registry'],
      ['Framework', 'framework'],
      ['Format', 'format'],
      ['Form of service (1(d))', 'deployment.serving'],
      ['System', 'system'],
    ],
    g1,
    'Annex IV 1',
  );
  const s1: DossierBlock[] = [
    {
      kind: 'fields',
      rows: [
        ['Model', entity.metadata.title ?? entity.metadata.name],
        ['Entity', entityRef],
        ['Version', version],
        ['Provider (owning team)', show(spec.owner)],
        ...described.rows,
      ],
    },
  ];
  if (version === 'unversioned') {
    g1.push(
      'spec.version is not set: the documentation cannot be tied to a version (Annex IV 1(a)).',
    );
  }
  if (!present(entity.metadata.description)) {
    g1.push('metadata.description is not set (Annex IV 1).');
  }

  // 2. Elements and development process.
  const g2: string[] = [];
  const trainedOn = refs(spec.trainedOn);
  const evaluatedOn = refs(spec.evaluatedOn);
  const s2: DossierBlock[] = [
    fields(
      spec,
      [
        ['Model type', 'type'],
        ['Built on (2(a))', 'derivedFrom'],
        ['Assumptions', 'assumptions'],
        ['Human oversight (2(e))', 'risk.humanOversight'],
      ],
      g2,
      'Annex IV 2',
    ),
  ];
  if (trainedOn.length === 0) {
    g2.push('spec.trainedOn names no training dataset (Annex IV 2(d)).');
  }
  if (evaluatedOn.length === 0) {
    g2.push(
      'spec.evaluatedOn names no validation or test dataset (Annex IV 2(g)).',
    );
  }
  const datasetRows = [
    ...trainedOn.map(r => ['training', r] as const),
    ...evaluatedOn.map(r => ['evaluation', r] as const),
  ].map(([use, ref]) => {
    const dataset = datasetsByRef.get(ref.toLowerCase());
    if (!dataset) {
      g2.push(
        `${ref} is not in the catalog, or not visible to you: no datasheet (Annex IV 2(d)).`,
      );
      return [use, ref, 'not found', '', ''];
    }
    const ds = (dataset.spec ?? {}) as Json;
    const missing = DATASHEET_SECTIONS.filter(
      s => !present(get(ds, `datasheet.${s}`)),
    );
    if (missing.length > 0) {
      g2.push(
        `${ref}: datasheet sections ${missing.join(
          ', ',
        )} are empty (spec.datasheet, Annex IV 2(d)).`,
      );
    }
    if (!present(ds.source)) {
      g2.push(`${ref}: spec.source (provenance) is not set (Annex IV 2(d)).`);
    }
    return [
      use,
      ref,
      present(ds.source) ? show(ds.source) : '',
      present(ds.labeling) ? show(ds.labeling) : '',
      missing.length === 0 ? 'complete' : `${7 - missing.length} of 7 sections`,
    ];
  });
  if (datasetRows.length > 0) {
    s2.push({
      kind: 'table',
      title: 'Data (2(d))',
      header: ['Use', 'Dataset', 'Source', 'Labelling', 'Datasheet'],
      rows: datasetRows,
    });
  }
  if (versionEvaluations.length === 0) {
    g2.push(
      `No evaluation report for version ${version} (POST /evaluations; Annex IV 2(g)).`,
    );
  } else {
    s2.push({
      kind: 'table',
      title: `Validation and testing of version ${version} (2(g))`,
      header: ['Evaluated at', 'Dataset', 'Metric', 'Slice', 'Value'],
      rows: versionEvaluations.flatMap(e =>
        e.metrics.map(m => [
          e.evaluatedAt,
          e.datasetRef ?? '',
          m.name,
          m.slice ? `${m.slice.attribute}=${m.slice.group}` : 'overall',
          String(m.value),
        ]),
      ),
    });
  }

  // 3. Monitoring, functioning and control.
  const g3: string[] = [];
  const s3: DossierBlock[] = [
    fields(
      spec,
      [
        ['Limitations of performance', 'limitations'],
        ['Protected attributes', 'risk.protectedAttributes'],
        ['Fairness metrics and thresholds', 'risk.fairness'],
        ['Human oversight mode', 'risk.humanOversight.mode'],
        ['Explainability', 'risk.explainability'],
        ['Fallback when the model fails', 'fallback'],
      ],
      g3,
      'Annex IV 3',
    ),
  ];
  const sliced = versionEvaluations.some(e => e.metrics.some(m => m.slice));
  if (!sliced) {
    g3.push(
      `No evaluation of version ${version} reports metrics per group (metrics with a slice; Annex IV 3, accuracy for specific groups).`,
    );
  }

  // 4. Performance metrics.
  const g4: string[] = [];
  const metrics = Array.isArray(spec.metrics) ? (spec.metrics as Json[]) : [];
  const latest = new Map<string, number>();
  for (const e of [...versionEvaluations].sort((a, b) =>
    a.evaluatedAt.localeCompare(b.evaluatedAt),
  )) {
    for (const m of e.metrics) {
      if (!m.slice) latest.set(m.name, m.value);
    }
  }
  const s4: DossierBlock[] = [];
  if (metrics.length === 0) {
    g4.push('spec.metrics declares no metric with a threshold (Annex IV 4).');
  } else {
    s4.push({
      kind: 'table',
      title: 'Declared metrics against the latest evaluation',
      header: [
        'Metric',
        'Threshold',
        'Direction',
        'Slice',
        `Latest (${version})`,
      ],
      rows: metrics.map(m => {
        const name = String(m.name);
        if (m.threshold === undefined) {
          g4.push(`spec.metrics ${name} has no threshold (Annex IV 4).`);
        }
        return [
          name,
          m.threshold === undefined ? '' : String(m.threshold),
          m.direction === undefined ? '' : String(m.direction),
          m.slice === undefined ? 'overall' : String(m.slice),
          latest.has(name) ? String(latest.get(name)) : 'not evaluated',
        ];
      }),
    });
  }

  // 5. Risk management system.
  const g5: string[] = [];
  const s5: DossierBlock[] = [
    fields(
      spec,
      [
        ['Risk tier', 'risk.tier'],
        ['Annex III point', 'risk.annexIII'],
        ['Domain', 'risk.domain'],
        ['Impact assessment', 'risk.impactAssessment'],
        ['Risk management file (Art. 9)', 'risk.riskManagement.url'],
        [
          'Risk management file last reviewed',
          'risk.riskManagement.reviewedAt',
        ],
        ['Review board', 'risk.reviewBoard'],
      ],
      g5,
      'Annex IV 5, Art. 9',
    ),
  ];
  const reviewedAt = get(spec, 'risk.riskManagement.reviewedAt');
  if (typeof reviewedAt === 'string' && !Number.isNaN(Date.parse(reviewedAt))) {
    const age = daysBetween(reviewedAt, inputs.generatedAt);
    if (age > RISK_REVIEW_MAX_DAYS) {
      g5.push(
        `The risk management file was last reviewed on ${day(
          reviewedAt,
        )}, ${age} days ago: Art. 9(2) asks for regular review (within ${RISK_REVIEW_MAX_DAYS} days; spec.risk.riskManagement.reviewedAt).`,
      );
    }
  }
  const failing = inputs.compliance.filter(
    o => o.obligation.instrument === 'eu-ai-act' && o.status === 'failing',
  );
  if (failing.length > 0) {
    s5.push({
      kind: 'table',
      title: 'EU AI Act obligations with failing checks',
      header: ['Obligation', 'Applies from', 'Failing checks'],
      rows: failing.map(o => [
        `${o.citation}: ${o.obligation.title}`,
        o.applicability.appliesFrom ?? '',
        o.checks
          .filter(c => c.state === 'fail')
          .map(c => c.title)
          .join('; '),
      ]),
    });
  }
  if (inputs.waivers.length === 0) {
    s5.push({
      kind: 'text',
      text: 'No exception (waiver) to a check has been requested for this model.',
    });
  } else {
    s5.push({
      kind: 'table',
      title: 'Exceptions to checks (waivers) and their decisions',
      header: [
        'Check',
        'Status',
        'Reason',
        'Requested by',
        'Decided by',
        'Decision',
        'Expires',
      ],
      rows: inputs.waivers.map(w => [
        w.checkId,
        w.status,
        w.reason,
        `${w.requestedBy} (${day(w.requestedAt)})`,
        w.decidedBy ? `${w.decidedBy} (${day(w.decidedAt ?? '')})` : '',
        w.decisionComment ?? '',
        day(w.expiresAt),
      ]),
    });
    for (const w of inputs.waivers.filter(x => x.status === 'pending')) {
      g5.push(
        `The waiver of ${w.checkId} requested by ${w.requestedBy} on ${day(
          w.requestedAt,
        )} awaits a decision by someone other than the requester (POST /scorecards/waivers/${
          w.id
        }/approve or /reject).`,
      );
    }
  }

  // 6. Lifecycle changes.
  const g6: string[] = [];
  const s6: DossierBlock[] = [];
  if (inputs.changes.length === 0) {
    g6.push(
      'No change request recorded for this model (POST /changes; Annex IV 6).',
    );
  } else {
    s6.push({
      kind: 'table',
      title: 'Change requests',
      header: [
        'Requested',
        'Kind',
        'Version',
        'Status',
        'Decided by',
        'Reason',
      ],
      rows: inputs.changes.map(c => [
        c.createdAt,
        c.kind,
        c.modelVersion,
        c.status,
        c.decidedBy ?? '',
        c.reason,
      ]),
    });
    if (
      version !== 'unversioned' &&
      !inputs.changes.some(
        c =>
          c.kind === 'promote' &&
          c.modelVersion === version &&
          c.status === 'approved',
      )
    ) {
      g6.push(`No approved promotion of version ${version} (Art. 17(1)(a)).`);
    }
  }
  const deployments = inputs.deliveryEvents.filter(
    e => e.type === 'deployment',
  );
  if (deployments.length > 0) {
    const newest = [...deployments].reverse().slice(0, DEPLOYMENTS_LISTED);
    s6.push({
      kind: 'table',
      title: 'Deployments in the last 12 months',
      header: ['Deployed at (UTC)', 'Version', 'Caused a failure'],
      rows: newest.map(e => [
        minute(e.at),
        e.modelVersion ?? '',
        yesNo(e.failed),
      ]),
    });
    if (deployments.length > newest.length) {
      const failed = deployments.filter(e => e.failed).length;
      s6.push({
        kind: 'text',
        text: `The ${newest.length} latest of ${deployments.length} deployments in the last 12 months are listed; ${failed} of the ${deployments.length} caused a failure.`,
      });
    }
  }
  const inService = ['production', 'deprecated'].includes(
    String(spec.lifecycle),
  );
  if (
    inService &&
    version !== 'unversioned' &&
    !deployments.some(e => e.modelVersion === version)
  ) {
    g6.push(
      `No deployment of version ${version} is recorded in the last 12 months (POST /delivery/events; Annex IV 6).`,
    );
  }
  if (inputs.reviewDecisions.length === 0) {
    g6.push(
      'No ownership review decision is recorded for this model: its owners have not attested that they keep, transfer or retire it in a review cycle (Art. 17(1)(m), accountability).',
    );
  } else {
    s6.push({
      kind: 'table',
      title: 'Ownership review decisions',
      header: ['Decided at', 'Decision', 'By', 'Authority', 'Note'],
      rows: inputs.reviewDecisions.map(d => [
        d.createdAt,
        d.transferTo ? `${d.action} to ${d.transferTo}` : d.action,
        d.actor,
        d.authority === 'admin' ? 'review administrator' : 'owning group',
        d.note ?? '',
      ]),
    });
  }

  // 7. Harmonised standards.
  const s7: DossierBlock[] = [];
  const g7 = [
    'No field records the harmonised standards or common specifications applied, or the other solutions adopted where none was applied (Annex IV 7).',
  ];

  // 8. EU declaration of conformity.
  const g8: string[] = [];
  const s8: DossierBlock[] = [
    fields(
      spec,
      [
        [
          'Conformity assessment procedure (Art. 43)',
          'risk.conformityAssessment.procedure',
        ],
        ['Assessed on', 'risk.conformityAssessment.date'],
        [
          'EU declaration of conformity (Art. 47)',
          'risk.conformityAssessment.declarationUrl',
        ],
        ['EU database registration (Art. 49)', 'risk.euDatabaseId'],
      ],
      g8,
      'Annex IV 8',
    ),
  ];

  // 9. Post-market monitoring plan.
  const g9: string[] = [];
  const s9: DossierBlock[] = [
    fields(
      spec,
      [
        ['Drift monitoring', 'monitoring.drift'],
        ['Alerts', 'monitoring.alerts'],
        ['Dashboard', 'monitoring.dashboard'],
        ['Retraining', 'monitoring.retraining'],
        ['Input and output logging (Art. 12)', 'monitoring.featureLogging'],
        ['Decision log retention (Art. 19)', 'retention.decisionLogs'],
      ],
      g9,
      'Annex IV 9, Art. 72',
    ),
  ];
  if (versionSnapshots.length === 0) {
    g9.push(
      `No monitoring snapshot for version ${version} (POST /monitoring-snapshots; Art. 72(2)).`,
    );
  } else {
    s9.push({
      kind: 'table',
      title: `Monitoring of version ${version} in production`,
      header: [
        'Window end',
        'Traffic',
        'Latency p95 (ms)',
        'Error rate',
        'Largest drift',
      ],
      rows: versionSnapshots.slice(0, 12).map(s => {
        const worst = [...s.drift].sort((a, b) => b.statistic - a.statistic)[0];
        return [
          s.windowEnd,
          s.traffic === undefined ? '' : String(s.traffic),
          s.latencyP95Ms === undefined ? '' : String(s.latencyP95Ms),
          s.errorRate === undefined ? '' : String(s.errorRate),
          worst ? `${worst.feature} ${worst.test} ${worst.statistic}` : '',
        ];
      }),
    });
  }

  if (inputs.incidents.length === 0) {
    s9.push({
      kind: 'text',
      text: 'No incident is recorded on this model.',
    });
  } else {
    s9.push({
      kind: 'table',
      title: 'Incidents and their serious-incident assessments (Art. 73)',
      header: [
        'Incident',
        'Opened (UTC)',
        'Resolved (UTC)',
        'Serious',
        'Reported',
        'Days to report',
        'Assessed by',
      ],
      rows: inputs.incidents.map(i => {
        const a = i.assessment;
        return [
          i.modelVersion
            ? `${i.incidentId} (version ${i.modelVersion})`
            : i.incidentId,
          minute(i.openedAt),
          i.resolvedAt ? minute(i.resolvedAt) : 'open',
          a ? `${yesNo(a.serious)}: ${a.rationale}` : 'not assessed',
          a?.reportedAt
            ? [day(a.reportedAt), a.authority, a.reportReference]
                .filter(Boolean)
                .join(', ')
            : '',
          a?.reportedAt ? String(daysBetween(i.openedAt, a.reportedAt)) : '',
          a ? `${a.assessedBy} (${day(a.assessedAt)})` : '',
        ];
      }),
    });
    for (const i of inputs.incidents) {
      if (!i.assessment) {
        g9.push(
          `Incident ${i.incidentId} (opened ${day(
            i.openedAt,
          )}) has no serious-incident assessment (POST /delivery/incident-assessments; Art. 73).`,
        );
      } else if (i.assessment.serious && !i.assessment.reportedAt) {
        g9.push(
          `Incident ${i.incidentId} was assessed serious and no report to the market surveillance authority is recorded (Art. 73(2): at the latest ${SERIOUS_INCIDENT_REPORT_DAYS} days after it became known).`,
        );
      }
    }
  }

  return {
    entityRef,
    title: entity.metadata.title ?? entity.metadata.name,
    version,
    generatedAt: inputs.generatedAt,
    sections: [
      {
        point: 1,
        title: 'General description of the AI system',
        blocks: s1,
        gaps: g1,
      },
      {
        point: 2,
        title: 'Elements of the AI system and its development process',
        blocks: s2,
        gaps: g2,
      },
      {
        point: 3,
        title: 'Monitoring, functioning and control',
        blocks: s3,
        gaps: g3,
      },
      {
        point: 4,
        title: 'Appropriateness of the performance metrics',
        blocks: s4,
        gaps: g4,
      },
      { point: 5, title: 'Risk management system', blocks: s5, gaps: g5 },
      {
        point: 6,
        title: 'Changes through the lifecycle',
        blocks: s6,
        gaps: g6,
      },
      { point: 7, title: 'Harmonised standards applied', blocks: s7, gaps: g7 },
      { point: 8, title: 'EU declaration of conformity', blocks: s8, gaps: g8 },
      { point: 9, title: 'Post-market monitoring plan', blocks: s9, gaps: g9 },
    ],
  };
}
