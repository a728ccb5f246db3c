import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { evaluateRule } from '@modelops/plugin-modelops-common';
import { initTestDatabase, testModel } from '../service/__testUtils__';
import { DatabaseFeedbackStore } from './DatabaseFeedbackStore';
import {
  feedbackAnsweredCheck,
  FeedbackFactProvider,
} from './FeedbackFactProvider';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

function model(name: string) {
  return testModel(name, { owner: 'group:default/ml' });
}

describe('FeedbackFactProvider', () => {
  it('counts overdue feedback against the configured age and feeds the check', async () => {
    const knex = await initTestDatabase(databases, 'SQLITE_3');
    let reported = new Date('2026-11-01T00:00:00Z');
    const store = DatabaseFeedbackStore.create({ knex, now: () => reported });
    const add = (entityRef: string) =>
      store.addFeedback({
        entityRef,
        category: 'usability',
        text: 'Confusing score',
        reporterRef: 'user:default/ana',
      });
    await add('mlmodel:default/churn');
    reported = new Date('2026-11-20T00:00:00Z');
    await add('mlmodel:default/churn');
    await add('mlmodel:default/fraud');

    const provider = FeedbackFactProvider.create({
      database: knex,
      config: mockServices.rootConfig({
        data: { modelops: { feedback: { maxOpenAge: 'P7D' } } },
      }),
    });
    // Keys are what the engine looks facts up by: stringifyEntityRef.
    const churnRef = stringifyEntityRef(model('Churn'));
    const facts = await provider.getFacts(
      [model('Churn'), model('fraud'), model('quiet')],
      { now: new Date('2026-11-22T00:00:00Z') },
    );
    expect(Object.fromEntries(facts)).toEqual({
      [churnRef]: {
        unresolvedCount: 2,
        overdueCount: 1,
        oldestUnresolvedAgeDays: 21,
      },
      'mlmodel:default/fraud': {
        unresolvedCount: 1,
        overdueCount: 0,
        oldestUnresolvedAgeDays: 2,
      },
      'mlmodel:default/quiet': {
        unresolvedCount: 0,
        overdueCount: 0,
        oldestUnresolvedAgeDays: undefined,
      },
    });
    const outcome = (ref: string) =>
      evaluateRule(feedbackAnsweredCheck.rule, {
        feedback: facts.get(ref),
      } as any);
    expect(outcome(churnRef)).toMatchObject({ passed: false });
    expect(outcome('mlmodel:default/quiet')).toMatchObject({ passed: true });
  });

  it('defaults to 14 days and refuses an unreadable duration naming the key', () => {
    const create = (data: object) =>
      FeedbackFactProvider.create({
        database: undefined as any,
        config: mockServices.rootConfig({ data: data as any }),
      });
    expect(create({}).id).toBe('feedback');
    expect(() =>
      create({ modelops: { feedback: { maxOpenAge: 'two weeks' } } }),
    ).toThrow(/modelops\.feedback\.maxOpenAge: expected an ISO 8601 duration/);
  });
});
