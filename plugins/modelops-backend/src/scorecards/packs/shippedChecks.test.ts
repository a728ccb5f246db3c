import type { Entity } from '@backstage/catalog-model';
import {
  checkApplies,
  checkDefinitionSchema,
} from '@modelops/plugin-modelops-common';
import { costPack } from './costPack';
import { dataGovernancePack } from './dataGovernancePack';
import { documentationPack } from './documentationPack';
import { ownershipPack } from './ownershipPack';
import { productionReadinessPack } from './productionReadinessPack';
import { responsibleAiPack } from './responsibleAiPack';
import { shippedChecks } from './shippedChecks';

const model = (spec: Record<string, unknown>): Entity => ({
  apiVersion: 'modelops.dev/v1alpha1',
  kind: 'MLModel',
  metadata: { name: 'm' },
  spec: { owner: 'group:default/ml', lifecycle: 'production', ...spec },
});

const applicableIds = (entity: Entity) =>
  shippedChecks()
    .filter(c => checkApplies(c.appliesTo, entity))
    .map(c => c.id);

describe('shipped packs', () => {
  it('declares every rule check validly, with unique ids and a practice', () => {
    const definitions = [
      ...productionReadinessPack,
      ...responsibleAiPack,
      ...dataGovernancePack,
      ...documentationPack,
      ...ownershipPack,
      ...costPack,
    ];
    for (const d of definitions) {
      const parsed = checkDefinitionSchema.safeParse(d);
      expect({ id: d.id, issues: parsed.error?.issues }).toEqual({
        id: d.id,
        issues: undefined,
      });
    }
    const ids = shippedChecks().map(c => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(
      shippedChecks().every(c => /^Module \d: /.test(c.rationale.practice)),
    ).toBe(true);
    expect(new Set(shippedChecks().map(c => c.pack))).toEqual(
      new Set([
        'production-readiness',
        'responsible-ai',
        'data-governance',
        'documentation',
        'ownership',
        'cost',
      ]),
    );
  });

  it('applies the high-risk obligations only to high-risk models', () => {
    const high = applicableIds(model({ risk: { tier: 'high' } }));
    const minimal = applicableIds(model({ risk: { tier: 'minimal' } }));
    const untiered = applicableIds(model({}));
    const highOnly = [
      'responsible-ai.impact-assessment',
      'responsible-ai.human-oversight',
      'responsible-ai.explainability',
      'responsible-ai.fairness-met',
      'responsible-ai.decision-log-retention',
    ];
    expect(high).toEqual(expect.arrayContaining(highOnly));
    for (const id of highOnly) {
      expect(minimal).not.toContain(id);
      expect(untiered).not.toContain(id);
    }
    // Purpose restriction reaches limited-risk models too; the tier check reaches every model.
    expect(applicableIds(model({ risk: { tier: 'limited' } }))).toContain(
      'responsible-ai.allowed-purposes',
    );
    expect(minimal).not.toContain('responsible-ai.allowed-purposes');
    expect(untiered).toContain('responsible-ai.risk-tier');
    expect(applicableIds(model({ risk: { tier: 'unacceptable' } }))).toContain(
      'responsible-ai.prohibited-practice',
    );
  });

  it('grades production readiness and cost only for staging and production models', () => {
    const experimental = applicableIds(model({ lifecycle: 'experimental' }));
    expect(
      experimental.some(id => id.startsWith('production-readiness.')),
    ).toBe(false);
    expect(experimental.some(id => id.startsWith('cost.'))).toBe(false);
    expect(applicableIds(model({ lifecycle: 'staging' }))).toContain(
      'production-readiness.fallback',
    );
  });

  it('applies data governance to datasets only', () => {
    const dataset: Entity = {
      apiVersion: 'modelops.dev/v1alpha1',
      kind: 'Dataset',
      metadata: { name: 'd' },
      spec: { owner: 'group:default/data', lifecycle: 'production' },
    };
    expect(applicableIds(dataset)).toEqual(
      expect.arrayContaining([
        'data-governance.steward',
        'documentation.datasheet-core',
      ]),
    );
    expect(
      applicableIds(model({})).some(id => id.startsWith('data-governance.')),
    ).toBe(false);
  });
});
