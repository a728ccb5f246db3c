import type { CheckDefinition } from '@modelops/plugin-modelops-common';
import { practice } from './practices';

const pack = 'data-governance';
const datasets: CheckDefinition['appliesTo'] = { kinds: ['Dataset'] };
const containsPii: CheckDefinition['rule'] = {
  fact: 'entity.spec.containsPII',
  op: 'equals',
  value: true,
};

/** Data governance of datasets: stewardship, schema, quality, drift, PII, retention, lineage. */
export const dataGovernancePack: CheckDefinition[] = [
  {
    id: `${pack}.steward`,
    title: 'Data steward named',
    description: 'A person is accountable for curation and metadata.',
    rationale: {
      practice: practice(2, 'stewardship roles'),
      obligations: ['nist-ai-rmf.govern-2.1', 'iso-42001.a.3.2'],
    },
    appliesTo: datasets,
    rule: { fact: 'entity.spec.steward', op: 'exists' },
    severity: 'critical',
    remediation: { text: 'Set spec.steward to a user reference.' },
    pack,
    level: 'bronze',
  },
  {
    id: `${pack}.classification`,
    title: 'Classified',
    description:
      'The dataset is classified (public, internal, confidential, restricted).',
    rationale: {
      practice: practice(2, 'role-based access controls'),
      obligations: ['gdpr.art-32-1', 'nist-ai-rmf.measure-2.10'],
    },
    appliesTo: datasets,
    rule: {
      fact: 'entity.spec.classification',
      op: 'oneOf',
      value: ['public', 'internal', 'confidential', 'restricted'],
    },
    severity: 'error',
    remediation: { text: 'Set spec.classification.' },
    pack,
    level: 'bronze',
  },
  {
    id: `${pack}.pii-declared`,
    title: 'PII declared',
    description:
      'Whether the dataset contains personal data is stated, true or false.',
    rationale: {
      practice: practice(2, 'role-based access controls'),
      obligations: ['gdpr.art-30-1', 'nist-ai-rmf.measure-2.10'],
    },
    appliesTo: datasets,
    rule: {
      fact: 'entity.spec.containsPII',
      op: 'oneOf',
      value: [true, false],
    },
    severity: 'error',
    remediation: { text: 'Set spec.containsPII to true or false.' },
    pack,
    level: 'bronze',
  },
  {
    id: `${pack}.schema-validated`,
    title: 'Schema validated at ingestion',
    description: 'A schema is published and validated where data enters.',
    rationale: {
      practice: practice(2, 'schema validation'),
      obligations: ['iso-42001.a.7.4'],
    },
    appliesTo: datasets,
    rule: {
      all: [
        { fact: 'entity.spec.schema.url', op: 'exists' },
        { fact: 'entity.spec.schema.validated', op: 'equals', value: true },
      ],
    },
    severity: 'error',
    remediation: {
      text: 'Publish the schema (spec.schema.url) and validate it at ingestion (validated: true).',
    },
    pack,
    level: 'bronze',
  },
  {
    id: `${pack}.pii-categories`,
    title: 'PII categories and lawful basis',
    description: 'Personal data lists its categories and lawful basis.',
    rationale: {
      practice: practice(2, 'retention and archival'),
      obligations: ['gdpr.art-30-1', 'gdpr.art-9-1'],
    },
    appliesTo: datasets,
    rule: {
      any: [
        { not: containsPii },
        {
          all: [
            { fact: 'entity.spec.piiCategories', op: 'exists' },
            { fact: 'entity.spec.lawfulBasis', op: 'exists' },
          ],
        },
      ],
    },
    severity: 'error',
    remediation: { text: 'Set spec.piiCategories and spec.lawfulBasis.' },
    pack,
    level: 'silver',
  },
  {
    id: `${pack}.access-control`,
    title: 'Access restricted',
    description:
      'Confidential, restricted and personal data name the groups allowed to read it.',
    rationale: {
      practice: practice(2, 'role-based access controls'),
      obligations: ['gdpr.art-32-1', 'nist-ai-rmf.measure-2.7'],
    },
    appliesTo: datasets,
    rule: {
      any: [
        {
          all: [
            {
              fact: 'entity.spec.classification',
              op: 'oneOf',
              value: ['public', 'internal'],
            },
            { not: containsPii },
          ],
        },
        { fact: 'entity.spec.access', op: 'exists' },
      ],
    },
    severity: 'error',
    remediation: { text: 'List the groups in spec.access.' },
    pack,
    level: 'silver',
  },
  {
    id: `${pack}.quality-checks`,
    title: 'Automated quality checks',
    description:
      'Completeness, consistency and accuracy are checked before training.',
    rationale: {
      practice: practice(2, 'automated data quality checks'),
      obligations: ['iso-42001.a.7.4'],
    },
    appliesTo: datasets,
    rule: {
      all: ['completeness', 'consistency', 'accuracy'].map(value => ({
        fact: 'entity.spec.quality.checks',
        op: 'oneOf' as const,
        value: [value],
      })),
    },
    severity: 'error',
    remediation: {
      text: 'Run the checks in the pipeline and list them in spec.quality.checks.',
    },
    pack,
    level: 'silver',
  },
  {
    id: `${pack}.retention`,
    title: 'Retention policy',
    description: 'A retention period and the policy behind it.',
    rationale: {
      practice: practice(2, 'retention and archival'),
      obligations: ['gdpr.art-5-1-e'],
    },
    appliesTo: datasets,
    rule: {
      all: [
        { fact: 'entity.spec.retention.period', op: 'exists' },
        { fact: 'entity.spec.retention.policyUrl', op: 'exists' },
      ],
    },
    severity: 'error',
    remediation: {
      text: 'Set spec.retention.period (ISO 8601) and spec.retention.policyUrl.',
    },
    pack,
    level: 'silver',
  },
  {
    id: `${pack}.drift`,
    title: 'Drift monitored',
    description:
      'Distribution drift and silent corruption are watched in production data.',
    rationale: {
      practice: practice(2, 'silent data corruption'),
      obligations: ['nist-ai-rmf.measure-2.4', 'iso-42001.a.6.2.6'],
    },
    appliesTo: { kinds: ['Dataset'], lifecycles: ['production'] },
    rule: { fact: 'entity.spec.drift.monitored', op: 'equals', value: true },
    severity: 'warning',
    remediation: {
      text: 'Monitor drift (PSI, KS) and set spec.drift.monitored: true.',
    },
    pack,
    level: 'silver',
  },
  {
    id: `${pack}.lineage`,
    title: 'Lineage recorded',
    description:
      'Where the data comes from: source, producing component or parent datasets.',
    rationale: {
      practice: practice(2, 'data lineage'),
      obligations: ['nist-ai-rmf.map-2.3', 'iso-42001.a.7.5'],
    },
    appliesTo: datasets,
    rule: {
      any: [
        { fact: 'entity.spec.producedBy', op: 'exists' },
        { fact: 'entity.spec.derivedFrom', op: 'exists' },
        { fact: 'entity.spec.source', op: 'exists' },
      ],
    },
    severity: 'warning',
    remediation: {
      text: 'Set spec.producedBy, spec.derivedFrom or spec.source.',
    },
    pack,
    level: 'gold',
  },
  {
    id: `${pack}.labeling-protocol`,
    title: 'Labeling protocol',
    description:
      'Labeled data follows a written protocol with measured agreement.',
    rationale: {
      practice: practice(2, 'labeling protocols'),
      obligations: ['iso-42001.a.7.6'],
    },
    appliesTo: datasets,
    rule: {
      any: [
        { not: { fact: 'entity.spec.labeling', op: 'exists' } },
        {
          all: [
            { fact: 'entity.spec.labeling.protocolUrl', op: 'exists' },
            { fact: 'entity.spec.labeling.agreement', op: 'gte', value: 0 },
          ],
        },
      ],
    },
    severity: 'info',
    remediation: {
      text: 'Link spec.labeling.protocolUrl and record the inter-annotator agreement.',
    },
    pack,
    level: 'gold',
  },
  {
    id: `${pack}.freshness-slo`,
    title: 'Freshness objective',
    description:
      'A freshness objective tells models when data is too old to retrain on.',
    rationale: { practice: practice(5, 'retraining triggers') },
    appliesTo: { kinds: ['Dataset'], lifecycles: ['production'] },
    rule: { fact: 'entity.spec.quality.freshnessSlo', op: 'exists' },
    severity: 'info',
    remediation: { text: 'Set spec.quality.freshnessSlo, e.g. PT24H.' },
    pack,
    level: 'gold',
  },
];
