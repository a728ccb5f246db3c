/*
 * A small organisation for review tests: two teams with members, a group
 * nobody belongs to, a model owned by a group that does not exist, and a
 * dataset without a steward.
 */
import type { Entity } from '@backstage/catalog-model';
import { testGroup, testModel, testUser } from '../../service/__testUtils__';

// Members and groups are named without kind and namespace below.
function group(name: string, members: string[]): Entity {
  return testGroup(
    name,
    members.map(m => `user:default/${m}`),
  );
}

function user(name: string, groups: string[]): Entity {
  return testUser(
    name,
    groups.map(g => `group:default/${g}`),
  );
}

function model(name: string, spec: Record<string, unknown>): Entity {
  return testModel(name, spec, { title: name.replace(/-/g, ' ') });
}

/** Catalog content of the review tests. */
export const reviewEntities: Entity[] = [
  group('risk-ml', ['ana']),
  group('fraud-ml', ['bo']),
  group('pricing-ml', []),
  user('ana', ['risk-ml']),
  user('bo', ['fraud-ml']),
  user('carl', []),
  model('credit-scorer', {
    owner: 'risk-ml',
    businessOwner: 'user:default/ana',
    kpis: [
      {
        name: 'default-rate',
        target: '< 2.5%',
        businessOutcome: 'Lower, "credit" losses',
      },
    ],
  }),
  model('fraud-detector', { owner: 'group:default/fraud-ml' }),
  model('legacy-pricer', {
    owner: 'pricing-ml',
    businessOwner: 'user:default/bo',
  }),
  model('ghost-model', {
    owner: 'ghost-team',
    businessOwner: 'user:default/bo',
  }),
  model('churn-lab', { owner: 'risk-ml', lifecycle: 'experimental' }),
  {
    apiVersion: 'modelops.dev/v1alpha1',
    kind: 'Dataset',
    metadata: { name: 'loan-applications', namespace: 'default' },
    spec: { owner: 'risk-ml', lifecycle: 'production' },
  },
];

/** Cadences of the review tests: models and datasets in production. */
export const reviewTestConfig = {
  modelops: {
    reviews: {
      cadences: [
        {
          kind: 'MLModel',
          lifecycles: ['production'],
          every: 'P3M',
          dueAfter: 'P14D',
        },
        {
          kind: 'Dataset',
          lifecycles: ['production'],
          every: 'P3M',
          dueAfter: 'P14D',
        },
      ],
    },
  },
};
