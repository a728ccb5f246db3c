import type { Entity } from '@backstage/catalog-model';
import {
  checkApplies,
  getObligation,
  obligationApplicability,
  type Obligation,
} from '@modelops/plugin-modelops-common';
import fc from 'fast-check';
import { shippedChecks } from './shippedChecks';

const TODAY = new Date('2026-12-02T09:00:00Z');
const euCitations = (ids: string[] = []) =>
  ids.map(id => getObligation(id)!).filter(o => o.instrument === 'eu-ai-act');

const modelArbitrary: fc.Arbitrary<Entity> = fc
  .record(
    {
      tier: fc.constantFrom('unacceptable', 'high', 'limited', 'minimal'),
      lifecycle: fc.constantFrom(
        'experimental',
        'development',
        'staging',
        'production',
        'deprecated',
        'retired',
      ),
      roles: fc.subarray(['provider', 'deployer'], { minLength: 1 }),
      annexIII: fc.constantFrom(
        '1(a)',
        '2',
        '3(b)',
        '4(a)',
        '5(a)',
        '5(b)',
        '5(c)',
        '5(d)',
        '8(a)',
      ),
      annexI: fc.boolean(),
      publicService: fc.boolean(),
      transparency: fc.record(
        {
          interaction: fc.record(
            { notice: fc.constant('Banner') },
            { requiredKeys: [] },
          ),
          syntheticContent: fc.record(
            { marking: fc.constant('c2pa') },
            { requiredKeys: [] },
          ),
          deepFake: fc.record(
            { disclosure: fc.constant('Label') },
            { requiredKeys: [] },
          ),
        },
        { requiredKeys: [] },
      ),
    },
    { requiredKeys: ['lifecycle'] },
  )
  .map(({ lifecycle, ...risk }) => ({
    apiVersion: 'modelops.dev/v1alpha1',
    kind: 'MLModel',
    metadata: { name: 'm' },
    spec: { owner: 'group:default/ml', lifecycle, risk },
  }));

describe('obligation citations of the shipped checks', () => {
  it('cite only obligations the table holds', () => {
    const unknown = shippedChecks().flatMap(check =>
      (check.rationale.obligations ?? [])
        .filter(id => !getObligation(id))
        .map(id => `${check.id} cites ${id}`),
    );
    expect(unknown).toEqual([]);
  });

  it('stay inside the risk tiers of every EU AI Act obligation they cite', () => {
    const outside = shippedChecks().flatMap(check =>
      euCitations(check.rationale.obligations)
        .filter(
          (o: Obligation) =>
            o.riskTiers &&
            (!check.appliesTo.riskTiers ||
              check.appliesTo.riskTiers.some(
                tier => !o.riskTiers!.includes(tier as never),
              )),
        )
        .map(
          o =>
            `${check.id} (${check.appliesTo.riskTiers ?? 'any tier'}) cites ${
              o.id
            } (${o.riskTiers})`,
        ),
    );
    expect(outside).toEqual([]);
  });

  it('give every EU AI Act obligation a date of application', () => {
    const cited = new Set(
      shippedChecks().flatMap(c => euCitations(c.rationale.obligations)),
    );
    expect([...cited].filter(o => !o.appliesFrom).map(o => o.id)).toEqual([]);
  });

  it('apply to a model only where every EU AI Act obligation they cite can bind it', () => {
    fc.assert(
      fc.property(modelArbitrary, entity => {
        for (const check of shippedChecks()) {
          if (!checkApplies(check.appliesTo, entity)) continue;
          const cited = euCitations(check.rationale.obligations);
          const states = cited.map(o => ({
            o,
            ...obligationApplicability(o, entity, TODAY),
          }));
          // A check citing the provider's and the deployer's version of one
          // duty (Art. 19(1) and 26(6)) needs one of them to bind.
          const roles = (entity.spec as any).risk.roles as string[];
          const offending = states.filter(
            s =>
              s.state === 'not-applicable' &&
              !(
                !s.o.binds.some(r => roles.includes(r)) &&
                states.some(other => other.state !== 'not-applicable')
              ),
          );
          expect({
            check: check.id,
            entity: entity.spec,
            offending: offending.map(s => `${s.o.id}: ${s.reason}`),
          }).toEqual({ check: check.id, entity: entity.spec, offending: [] });
        }
      }),
      { numRuns: 400 },
    );
  });
});
