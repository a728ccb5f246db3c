import type { CheckDefinition } from '@modelops/plugin-modelops-common';
import { practice } from './practices';

const pack = 'documentation';
const models: CheckDefinition['appliesTo'] = { kinds: ['MLModel'] };
const datasets: CheckDefinition['appliesTo'] = { kinds: ['Dataset'] };
const cardPractice = practice(9, 'documentation templates for model cards');

/** Model card and datasheet sections. */
export const documentationPack: CheckDefinition[] = [
  {
    id: `${pack}.description`,
    title: 'Described',
    description: 'A one-paragraph description in the catalog.',
    rationale: { practice: cardPractice },
    appliesTo: { kinds: ['MLModel', 'Dataset'] },
    rule: { fact: 'entity.metadata.description', op: 'exists' },
    severity: 'warning',
    remediation: { text: 'Set metadata.description.' },
    pack,
    level: 'bronze',
  },
  {
    id: `${pack}.intended-use`,
    title: 'Intended use',
    description: 'Model card: primary uses and users.',
    rationale: {
      practice: cardPractice,
      obligations: ['nist-ai-rmf.map-1.1', 'iso-42001.a.9.4'],
    },
    appliesTo: models,
    rule: {
      all: [
        { fact: 'entity.spec.intendedUse.primaryUses', op: 'exists' },
        { fact: 'entity.spec.intendedUse.primaryUsers', op: 'exists' },
      ],
    },
    severity: 'error',
    remediation: {
      text: 'Fill spec.intendedUse.primaryUses and primaryUsers (model card page, "Intended use").',
    },
    pack,
    level: 'bronze',
  },
  {
    id: `${pack}.limitations`,
    title: 'Limitations',
    description: 'Model card: known limitations.',
    rationale: {
      practice: practice(3, 'Document model assumptions'),
      obligations: ['nist-ai-rmf.map-2.2', 'iso-42001.a.8.2'],
    },
    appliesTo: models,
    rule: { fact: 'entity.spec.limitations', op: 'exists' },
    severity: 'error',
    remediation: { text: 'Describe spec.limitations.' },
    pack,
    level: 'bronze',
  },
  {
    id: `${pack}.metrics`,
    title: 'Metrics with thresholds',
    description:
      'Model card: quality metrics, each with a threshold and direction.',
    rationale: {
      practice: practice(3, 'Define performance thresholds'),
      obligations: ['nist-ai-rmf.measure-1.1', 'iso-42001.a.6.2.4'],
    },
    appliesTo: models,
    rule: {
      all: [
        { fact: 'entity.spec.metrics.0.name', op: 'exists' },
        { fact: 'entity.spec.metrics.0.threshold', op: 'exists' },
      ],
    },
    severity: 'error',
    remediation: {
      text: 'List spec.metrics with name, threshold and direction.',
    },
    pack,
    level: 'silver',
  },
  {
    id: `${pack}.assumptions`,
    title: 'Assumptions',
    description: 'Model card: what must hold for the model to be valid.',
    rationale: { practice: practice(3, 'Document model assumptions') },
    appliesTo: models,
    rule: { fact: 'entity.spec.assumptions', op: 'exists' },
    severity: 'warning',
    remediation: { text: 'Describe spec.assumptions.' },
    pack,
    level: 'silver',
  },
  {
    id: `${pack}.out-of-scope`,
    title: 'Out-of-scope uses',
    description: 'Model card: uses the model must not be put to.',
    rationale: {
      practice: practice(6, 'Restrict model usage'),
      obligations: ['nist-ai-rmf.map-3.3', 'iso-42001.a.9.4'],
    },
    appliesTo: models,
    rule: { fact: 'entity.spec.intendedUse.outOfScope', op: 'exists' },
    severity: 'warning',
    remediation: { text: 'List spec.intendedUse.outOfScope.' },
    pack,
    level: 'silver',
  },
  {
    id: `${pack}.datasheet-core`,
    title: 'Datasheet: motivation, composition, collection',
    description: 'The first three datasheet sections.',
    rationale: {
      practice: practice(2, 'metadata documentation'),
      obligations: ['iso-42001.a.7.2'],
    },
    appliesTo: datasets,
    rule: {
      all: ['motivation', 'composition', 'collection'].map(s => ({
        fact: `entity.spec.datasheet.${s}`,
        op: 'exists' as const,
      })),
    },
    severity: 'warning',
    remediation: {
      text: 'Write spec.datasheet.motivation, composition and collection (datasheet page).',
    },
    pack,
    level: 'silver',
  },
  {
    id: `${pack}.kpis`,
    title: 'Business KPIs',
    description: 'KPIs link model performance to a business outcome.',
    rationale: {
      practice: practice(1, 'measurable KPIs'),
      obligations: ['nist-ai-rmf.map-1.4'],
    },
    appliesTo: models,
    rule: {
      all: [
        { fact: 'entity.spec.kpis.0.name', op: 'exists' },
        { fact: 'entity.spec.kpis.0.businessOutcome', op: 'exists' },
      ],
    },
    severity: 'warning',
    remediation: {
      text: 'List spec.kpis with name, target and businessOutcome.',
    },
    pack,
    level: 'gold',
  },
  {
    id: `${pack}.datasheet-complete`,
    title: 'Datasheet complete',
    description: 'Every datasheet section is written.',
    rationale: { practice: cardPractice },
    appliesTo: datasets,
    rule: {
      all: ['preprocessing', 'uses', 'distribution', 'maintenance'].map(s => ({
        fact: `entity.spec.datasheet.${s}`,
        op: 'exists' as const,
      })),
    },
    severity: 'info',
    remediation: {
      text: 'Write spec.datasheet.preprocessing, uses, distribution and maintenance.',
    },
    pack,
    level: 'gold',
  },
  {
    id: `${pack}.versioned`,
    title: 'Versioned in a registry',
    description: 'The model names its version and registry entry.',
    rationale: {
      practice: practice(3, 'version control'),
      obligations: ['nist-ai-rmf.govern-1.6', 'iso-42001.a.6.2.3'],
    },
    appliesTo: models,
    rule: {
      all: [
        { fact: 'entity.spec.version', op: 'exists' },
        { fact: 'entity.spec.registry.name', op: 'exists' },
      ],
    },
    severity: 'warning',
    remediation: {
      text: 'Set spec.version and spec.registry (type, name, alias).',
    },
    pack,
    level: 'gold',
  },
];
