import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { referencesResolveCheck } from '../packs/ownershipPack';
import { ReferencesFactProvider } from './ReferencesFactProvider';

const entity = (kind: string, name: string, spec: object = {}): Entity => ({
  apiVersion:
    kind === 'MLModel' || kind === 'Dataset'
      ? 'modelops.dev/v1alpha1'
      : 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default' },
  spec: { owner: 'group:default/risk-ml', ...spec },
});

const CATALOG = [
  entity('Group', 'risk-ml'),
  entity('Group', 'ai-review-board'),
  entity('User', 'amara.okafor'),
  entity('System', 'lending'),
  entity('Dataset', 'loans-2024'),
  entity('MLModel', 'base-scorer'),
  entity('Component', 'loans-etl'),
];

async function judge(target: Entity) {
  const provider = ReferencesFactProvider.create({
    catalog: catalogServiceMock({ entities: [...CATALOG, target] }),
    auth: mockServices.auth(),
  });
  const facts = await provider.getFacts([target]);
  const references = facts.get(
    `${target.kind.toLocaleLowerCase('en-US')}:default/${target.metadata.name}`,
  )!;
  return {
    references,
    outcome: referencesResolveCheck.evaluate({
      entity: target,
      facts: { entity: target, references },
      now: new Date(),
    }),
  };
}

describe('ReferencesFactProvider and ownership.references-resolve', () => {
  it('passes when every reference names an entity of the right kind', async () => {
    const { references, outcome } = await judge(
      entity('MLModel', 'scorer', {
        businessOwner: 'amara.okafor',
        system: 'lending',
        trainedOn: ['loans-2024'],
        evaluatedOn: ['dataset:default/loans-2024'],
        derivedFrom: ['base-scorer'],
        risk: { reviewBoard: 'group:default/ai-review-board' },
        deployment: { challenger: 'mlmodel:default/base-scorer' },
      }),
    );
    expect(references).toEqual({ problems: [], checked: 7 });
    expect(outcome).toEqual({ passed: true });
  });

  it('names each dangling or wrongly-kinded reference and a business owner that is the owning team', async () => {
    const { outcome } = await judge(
      entity('MLModel', 'scorer', {
        businessOwner: 'group:default/risk-ml',
        system: 'system:default/gone',
        trainedOn: ['loans-2024', 'loans-2019'],
        risk: { reviewBoard: 'user:default/amara.okafor' },
      }),
    );
    expect(outcome.passed).toBe(false);
    expect(outcome.message!.split('; ')).toEqual([
      'spec.system names system:default/gone, which is not in the catalog',
      'spec.trainedOn names dataset:default/loans-2019, which is not in the catalog',
      'spec.risk.reviewBoard names user:default/amara.okafor, a user where a group is expected',
      'spec.businessOwner is group:default/risk-ml, the owning team itself, where the person or group answering for the business outcome is expected',
    ]);
  });

  it('resolves a dataset steward, producing pipeline and access groups', async () => {
    const { outcome } = await judge(
      entity('Dataset', 'features', {
        steward: 'amara.okafor',
        producedBy: 'loans-etl',
        access: ['risk-ml', 'group:default/left-the-company'],
        derivedFrom: [42],
      }),
    );
    expect(outcome).toEqual({
      passed: false,
      message:
        'spec.derivedFrom holds 42, which is not an entity reference; spec.access names group:default/left-the-company, which is not in the catalog',
    });
  });

  it('fails in words when the references were never resolved', () => {
    const target = entity('MLModel', 'scorer');
    expect(
      referencesResolveCheck.evaluate({
        entity: target,
        facts: { entity: target },
        now: new Date(),
      }),
    ).toEqual({
      passed: false,
      message: 'the references of this entity were not resolved yet',
    });
  });
});
