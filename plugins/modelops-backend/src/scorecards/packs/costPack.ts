import type { CheckDefinition } from '@modelops/plugin-modelops-common';
import { practice } from './practices';

const pack = 'cost';
/** Cost accountability starts once a model costs money in staging or production. */
const serving: CheckDefinition['appliesTo'] = {
  kinds: ['MLModel'],
  lifecycles: ['staging', 'production'],
};

/** Cost: budget, cost center, allocation tags, cost per inference within target. */
export const costPack: CheckDefinition[] = [
  {
    id: `${pack}.budget`,
    title: 'Monthly budget',
    description: 'A monthly budget with its currency.',
    rationale: {
      practice: practice(8, 'quarterly cost-benefit reviews'),
    },
    appliesTo: serving,
    rule: {
      all: [
        { fact: 'entity.spec.cost.monthlyBudget', op: 'gte', value: 0 },
        { fact: 'entity.spec.cost.currency', op: 'exists' },
      ],
    },
    severity: 'error',
    remediation: {
      text: 'Set spec.cost.monthlyBudget and spec.cost.currency.',
    },
    pack,
    level: 'bronze',
  },
  {
    id: `${pack}.cost-center`,
    title: 'Cost center',
    description: 'Spend is charged to a cost center.',
    rationale: { practice: practice(8, 'Monitor cloud spend') },
    appliesTo: serving,
    rule: { fact: 'entity.spec.cost.costCenter', op: 'exists' },
    severity: 'warning',
    remediation: { text: 'Set spec.cost.costCenter.' },
    pack,
    level: 'bronze',
  },
  {
    id: `${pack}.tags`,
    title: 'Cost allocation tags',
    description:
      'Cloud resources carry tags that map billing lines to this entity.',
    rationale: { practice: practice(8, 'Monitor cloud spend') },
    appliesTo: serving,
    rule: { fact: 'entity.spec.cost.tags', op: 'exists' },
    severity: 'warning',
    remediation: {
      text: 'Set spec.cost.tags to the tags on the cloud resources.',
    },
    pack,
    level: 'silver',
  },
  {
    id: `${pack}.within-budget`,
    title: 'Within budget',
    description: 'Spend of the current month stays within the monthly budget.',
    rationale: { practice: practice(8, 'quarterly cost-benefit reviews') },
    appliesTo: serving,
    rule: { fact: 'cost.withinBudget', op: 'equals', value: true },
    severity: 'warning',
    remediation: {
      text: 'Right-size or raise the budget; see the cost card for the main cost categories.',
    },
    pack,
    level: 'silver',
  },
  {
    id: `${pack}.cost-per-inference`,
    title: 'Cost per inference within target',
    description:
      'Cost per 1,000 inferences over the last 30 days is within spec.cost.targetCostPer1kInferences.',
    rationale: { practice: practice(8, 'cost-per-inference') },
    appliesTo: serving,
    rule: {
      all: [
        {
          fact: 'entity.spec.cost.targetCostPer1kInferences',
          op: 'gte',
          value: 0,
        },
        { fact: 'cost.withinCostTarget', op: 'equals', value: true },
      ],
    },
    severity: 'warning',
    remediation: {
      text: 'Set a target and report inference counts with cost records; optimise the model if above target.',
    },
    pack,
    level: 'gold',
  },
  {
    id: `${pack}.in-use`,
    title: 'Serving what it costs',
    description:
      'A model that costs money in production served inferences in the last 30 days (as the idle models view counts them).',
    rationale: {
      practice: practice(8, 'quarterly cost-benefit reviews'),
      obligations: ['nist-ai-rmf.manage-2.4'],
    },
    appliesTo: { kinds: ['MLModel'], lifecycles: ['production'] },
    rule: { fact: 'cost.idleDays', op: 'lte', value: 30 },
    severity: 'warning',
    remediation: {
      text: 'Report inference counts with the cost records, or retire the model in the next ownership review if nothing calls it.',
    },
    pack,
    level: 'silver',
  },
];
