import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { initTestDatabase } from '../service/__testUtils__';
import { modelReviewCycle } from './__fixtures__/reviewCycle';
import { reviewEntities } from './__fixtures__/reviewEntities';
import { DatabaseReviewStore } from './DatabaseReviewStore';
import { ReviewFactProvider } from './ReviewFactProvider';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
const now = new Date('2026-10-20T00:00:00.000Z');

describe('ReviewFactProvider', () => {
  it.each(databases.eachSupportedId())(
    'answers ownership and review facts for a page of entities in bulk, %p',
    async databaseId => {
      const knex = await initTestDatabase(databases, databaseId);
      const store = DatabaseReviewStore.create({ database: knex });
      await store.openCycle(
        modelReviewCycle,
        [
          {
            entityRef: 'mlmodel:default/credit-scorer',
            entityKind: 'MLModel',
            ownerRef: 'group:default/risk-ml',
          },
          {
            entityRef: 'mlmodel:default/fraud-detector',
            entityKind: 'MLModel',
            ownerRef: 'group:default/fraud-ml',
          },
        ],
        new Date('2026-10-01T00:00:00.000Z'),
      );
      const [credit] = await store.listItems(
        { entityRefs: ['mlmodel:default/credit-scorer'] },
        now,
      );
      await store.recordDecisions(
        [
          {
            itemId: credit.id,
            action: 'retire',
            actor: 'user:default/ana',
            authority: 'member',
          },
        ],
        new Date('2026-10-10T00:00:00.000Z'),
      );

      const catalog = catalogServiceMock({ entities: reviewEntities });
      const getEntitiesByRefs = jest.spyOn(catalog, 'getEntitiesByRefs');
      const provider = ReviewFactProvider.create({
        database: knex,
        catalog,
        auth: mockServices.auth(),
      });
      const entities = reviewEntities.filter(
        e => e.kind === 'MLModel' || e.kind === 'Dataset',
      );
      const facts = await provider.getFacts(entities, { now });

      expect(provider.id).toBe('review');
      expect(getEntitiesByRefs).toHaveBeenCalledTimes(1);
      expect(facts.get('mlmodel:default/credit-scorer')).toEqual({
        ownerFound: true,
        ownerHasMembers: true,
        orphaned: false,
        stewardAssigned: undefined,
        businessOwnerAssigned: true,
        attestationState: 'retired',
        attestationOverdue: false,
        lastAttestedAt: '2026-10-10T00:00:00.000Z',
        latestDecision: 'retire',
        retirementDecided: true,
      });
      expect(facts.get('mlmodel:default/fraud-detector')).toMatchObject({
        orphaned: false,
        businessOwnerAssigned: false,
        attestationState: 'pending',
        attestationOverdue: true,
        retirementDecided: false,
      });
      expect(facts.get('mlmodel:default/ghost-model')).toMatchObject({
        ownerFound: false,
        orphaned: true,
        attestationState: 'none',
      });
      expect(facts.get('mlmodel:default/legacy-pricer')).toMatchObject({
        ownerFound: true,
        ownerHasMembers: false,
        orphaned: true,
      });
      expect(facts.get('mlmodel:default/churn-lab')).toMatchObject({
        businessOwnerAssigned: undefined,
      });
      expect(facts.get('dataset:default/loan-applications')).toMatchObject({
        stewardAssigned: false,
      });
    },
  );
});
