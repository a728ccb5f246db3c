import { mockCredentials } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { queryAllEntities } from './queryAllEntities';
import { testModel, testUser } from './__testUtils__';

describe('queryAllEntities', () => {
  it('follows the cursor through every page, keeping the fields asked for', async () => {
    const models = Array.from({ length: 1001 }, (_, i) =>
      testModel(`model-${i}`, { owner: 'group:default/ml' }),
    );
    const catalog = catalogServiceMock({
      entities: [...models, testUser('ana', [])],
    });
    const queryEntities = jest.spyOn(catalog, 'queryEntities');

    const found = await queryAllEntities(
      catalog,
      { filter: { kind: 'MLModel' }, fields: ['kind', 'metadata.name'] },
      mockCredentials.service(),
    );

    expect(found).toHaveLength(1001);
    expect(new Set(found.map(e => e.metadata.name)).size).toBe(1001);
    expect(found.every(e => e.spec === undefined)).toBe(true);
    expect(queryEntities).toHaveBeenCalledTimes(3);
  });
});
