import { testModel } from '../service/__testUtils__';
import { toCostEntity } from './CostCatalog';

describe('toCostEntity', () => {
  it('reads the owner from the ownedBy relation first, lower case', () => {
    const entity = testModel('Scorer', { owner: 'group:default/Risk-ML' });
    entity.relations = [{ type: 'ownedBy', targetRef: 'group:default/Fraud' }];
    expect(toCostEntity(entity)).toMatchObject({
      entityRef: 'mlmodel:default/scorer',
      kind: 'mlmodel',
      name: 'Scorer',
      owner: 'group:default/fraud',
    });
  });

  it('falls back to spec.owner as a group in the entity namespace', () => {
    const entity = testModel('scorer', { owner: 'Risk-ML' });
    entity.metadata.namespace = 'payments';
    expect(toCostEntity(entity)).toMatchObject({
      entityRef: 'mlmodel:payments/scorer',
      owner: 'group:payments/risk-ml',
    });
    expect(
      toCostEntity(testModel('scorer', { owner: 'user:default/ana' })).owner,
    ).toBe('user:default/ana');
  });

  it.each([['group:'], ['/risk-ml'], [''], [42]])(
    'leaves an entity with the unusable spec.owner %p without an owner',
    owner => {
      const cost = toCostEntity(testModel('scorer', { owner }));
      expect(cost.entityRef).toBe('mlmodel:default/scorer');
      expect(cost.owner).toBeUndefined();
    },
  );

  it('keeps only finite numbers and string or number tags from spec.cost', () => {
    const cost = toCostEntity(
      testModel('scorer', {
        lifecycle: 'experimental',
        cost: {
          monthlyBudget: 250,
          targetCostPer1kInferences: Number.NaN,
          tags: { team: 'risk', shard: 3, nested: { no: 1 } },
        },
      }),
    );
    expect(cost).toMatchObject({
      lifecycle: 'experimental',
      monthlyBudget: 250,
      costTags: { team: 'risk', shard: '3' },
    });
    expect(cost.targetCostPer1kInferences).toBeUndefined();
  });
});
