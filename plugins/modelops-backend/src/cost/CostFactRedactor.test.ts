import { mockCredentials } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import type { CostAccess } from './CostAccess';
import {
  CostFactRedactor,
  readsCost,
  REDACTED_COST_MESSAGE,
} from './CostFactRedactor';

const model: Entity = {
  apiVersion: 'modelops.dev/v1alpha1',
  kind: 'MLModel',
  metadata: { name: 'churn', namespace: 'default' },
  spec: { owner: 'group:default/ml' },
};

const checks = [
  {
    id: 'cost.ceiling',
    pack: 'custom',
    rule: {
      any: [
        { not: { fact: 'cost.costPer1kInferences', op: 'gte', value: 2 } },
        { fact: 'entity.spec.lifecycle', op: 'equals', value: 'retired' },
      ],
    },
  },
  // The declared budget is the entity's own YAML, which the caller sees.
  {
    id: 'cost.budget',
    pack: 'cost',
    rule: { fact: 'entity.spec.cost.monthlyBudget', op: 'gte', value: 0 },
  },
  { id: 'code.cost', pack: 'cost' },
  { id: 'code.docs', pack: 'documentation' },
] as const;

function redactor(readable: boolean) {
  const access = {
    readableEntities: async () =>
      new Set(readable ? ['mlmodel:default/churn'] : []),
  } as unknown as CostAccess;
  return CostFactRedactor.create({ access, checks: () => checks as any });
}

describe('CostFactRedactor', () => {
  it('tells the checks whose outcome is computed from cost', () => {
    expect(checks.map(c => [c.id, readsCost(c as any)])).toEqual([
      ['cost.ceiling', true],
      ['cost.budget', false],
      ['code.cost', true],
      ['code.docs', false],
    ]);
  });

  it('replaces the messages of cost checks for callers without cost access', async () => {
    const credentials = mockCredentials.user('user:default/bob');
    const hidden = await redactor(false).messagesFor(credentials, model);
    expect(hidden('cost.ceiling', 'found 3.41')).toBe(REDACTED_COST_MESSAGE);
    expect(hidden('code.cost', 'over by 120.50')).toBe(REDACTED_COST_MESSAGE);
    expect(hidden('cost.budget', 'no budget')).toBe('no budget');
    expect(hidden('cost.ceiling', undefined)).toBeUndefined();
    // An entity the caller cannot see at all hides its cost as well.
    const unseen = await redactor(true).messagesFor(credentials, undefined);
    expect(unseen('cost.ceiling', 'found 3.41')).toBe(REDACTED_COST_MESSAGE);

    const shown = await redactor(true).messagesFor(credentials, model);
    expect(shown('cost.ceiling', 'found 3.41')).toBe('found 3.41');
  });
});
