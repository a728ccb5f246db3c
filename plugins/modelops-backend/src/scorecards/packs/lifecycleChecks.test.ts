import type { Entity } from '@backstage/catalog-model';
import { checkApplies } from '@modelops/plugin-modelops-common';
import { shippedChecks } from './shippedChecks';

const now = new Date('2026-11-20T00:00:00Z');
const check = (id: string) => shippedChecks().find(c => c.id === id)!;
const model = (lifecycle: string, relations: Entity['relations'] = []) =>
  ({
    apiVersion: 'modelops.dev/v1alpha1',
    kind: 'MLModel',
    metadata: { name: 'old-scorer', namespace: 'default' },
    spec: { owner: 'group:default/risk-ml', lifecycle },
    relations,
  } as Entity);

describe('lifecycle rules on existing facts', () => {
  it('fails a retired model that components still depend on, naming them', () => {
    const retired = check('ownership.retired-without-dependents');
    const depended = model('retired', [
      { type: 'dependencyOf', targetRef: 'component:default/loan-api' },
      { type: 'dependencyOf', targetRef: 'component:default/batch-scoring' },
      { type: 'ownedBy', targetRef: 'group:default/risk-ml' },
    ]);
    expect(
      retired.evaluate({ entity: depended, facts: { entity: depended }, now }),
    ).toEqual({
      passed: false,
      message:
        'retired, yet component:default/batch-scoring, component:default/loan-api still depend on it',
    });
    const alone = model('retired');
    expect(
      retired.evaluate({ entity: alone, facts: { entity: alone }, now }),
    ).toEqual({
      passed: true,
      message: 'no entity in the catalog depends on it',
    });
    // Only retired entities are judged; a production model is expected to
    // have dependents.
    expect(checkApplies(retired.appliesTo, model('production'))).toBe(false);
  });

  it('fails a production model that costs money and served nothing for over 30 days', () => {
    const inUse = check('cost.in-use');
    const entity = model('production');
    const judge = (cost?: object) =>
      inUse.evaluate({ entity, facts: { entity, cost }, now });
    expect(judge({ idleDays: 3 })).toEqual({ passed: true });
    expect(judge({ idleDays: 64 })).toEqual({
      passed: false,
      message: 'expected idle days (cost) to be at most 30; found 64',
    });
    // Without cost records the portal cannot tell that anything uses it.
    expect(judge(undefined).passed).toBe(false);
    expect(checkApplies(inUse.appliesTo, model('staging'))).toBe(false);
  });
});
