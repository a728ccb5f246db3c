import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  CatalogMembership,
  entityRefOf,
  ownerRefOf,
} from './CatalogMembership';
import { testModel, testUser } from './__testUtils__';

describe('ownerRefOf', () => {
  it('prefers the ownedBy relation and lower-cases it', () => {
    const model: Entity = {
      ...testModel('churn', { owner: 'other' }),
      relations: [{ type: 'ownedBy', targetRef: 'group:default/Growth-ML' }],
    };
    expect(ownerRefOf(model)).toBe('group:default/growth-ml');
  });

  it('reads spec.owner as a group in the entity namespace', () => {
    const model = testModel('churn', { owner: 'Risk-ML' });
    model.metadata.namespace = 'lending';
    expect(ownerRefOf(model)).toBe('group:lending/risk-ml');
    expect(ownerRefOf(testModel('churn', { owner: 'user:default/ana' }))).toBe(
      'user:default/ana',
    );
  });

  it('is undefined without a usable owner', () => {
    expect(ownerRefOf(testModel('churn', { owner: ' ' }))).toBeUndefined();
    expect(ownerRefOf(testModel('churn', { owner: 42 }))).toBeUndefined();
    expect(
      ownerRefOf(testModel('churn', { owner: 'group:default/' })),
    ).toBeUndefined();
  });

  it('entityRefOf gives the lower-case ref', () => {
    expect(entityRefOf(testModel('Churn', {}))).toBe('mlmodel:default/churn');
  });
});

describe('CatalogMembership', () => {
  const membership = CatalogMembership.create({
    catalog: catalogServiceMock({
      entities: [testUser('ana', ['group:default/Risk-ML'])],
    }),
    auth: mockServices.auth(),
  });

  it('answers the user and its groups, lower case, the user first', async () => {
    expect([...(await membership.identitiesOf('user:default/ana'))]).toEqual([
      'user:default/ana',
      'group:default/risk-ml',
    ]);
    expect([...(await membership.identitiesOf('user:default/nobody'))]).toEqual(
      ['user:default/nobody'],
    );
  });

  it('tells members from others, ignoring case', async () => {
    await expect(
      membership.isMember('user:default/ana', 'group:default/RISK-ML'),
    ).resolves.toBe(true);
    await expect(
      membership.isMember('user:default/ana', 'user:default/ana'),
    ).resolves.toBe(true);
    await expect(
      membership.isMember('user:default/ana', 'group:default/fraud-ml'),
    ).resolves.toBe(false);
  });
});
