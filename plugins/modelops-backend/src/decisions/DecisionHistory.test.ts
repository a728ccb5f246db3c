import { TestDatabases } from '@backstage/backend-test-utils';
import type { DecisionRecord } from '@modelops/plugin-modelops-common';
import type { Knex } from 'knex';
import { DatabaseChangeStore } from '../changes/DatabaseChangeStore';
import { DatabaseReviewStore } from '../reviews/DatabaseReviewStore';
import { DatabaseScorecardStore } from '../scorecards/DatabaseScorecardStore';
import { initTestDatabase } from '../service/__testUtils__';
import { DecisionHistory, mergeNewestFirst } from './DecisionHistory';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const CHURN = 'mlmodel:default/churn';
const EVENTS = 'dataset:default/churn-events';
const FRAUD = 'mlmodel:default/fraud';
const at = (minute: number) =>
  new Date(Date.UTC(2026, 10, 2, 9, minute)).toISOString();

/**
 * Decisions in all three stores: a waiver requested (with a capitalised
 * ref, as the waiver route keeps it) and approved, a second one rejected at
 * the same instant as another waiver's request, a change requested and
 * approved, and a review cycle whose owner kept one entity and offered the
 * other, accepted later.
 */
async function recordDecisions(knex: Knex) {
  const scorecards = DatabaseScorecardStore.create(knex);
  const w1 = await scorecards.createWaiver(
    {
      entityRef: 'mlmodel:default/Churn',
      checkId: 'ownership.owner-group',
      reason: 'Owner group is being reorganised',
      requestedBy: 'user:default/carol',
      expiresAt: '2027-01-31T00:00:00.000Z',
    },
    at(0),
  );
  await scorecards.decideWaiver(
    w1.id,
    {
      status: 'approved',
      decidedBy: 'user:default/alice',
      comment: 'Reorganisation confirmed',
    },
    at(5),
  );
  const w2 = await scorecards.createWaiver(
    {
      entityRef: EVENTS,
      checkId: 'data-governance.steward',
      reason: 'Steward on leave until March',
      requestedBy: 'user:default/carol',
      expiresAt: '2027-03-01T00:00:00.000Z',
    },
    at(6),
  );
  await scorecards.decideWaiver(
    w2.id,
    { status: 'rejected', decidedBy: 'user:default/alice' },
    at(7),
  );
  await scorecards.createWaiver(
    {
      entityRef: FRAUD,
      checkId: 'ownership.owner-group',
      reason: 'Not ours to decide',
      requestedBy: 'user:default/bob',
      expiresAt: '2027-01-31T00:00:00.000Z',
    },
    at(7),
  );

  let minute = 10;
  const changes = DatabaseChangeStore.create({
    knex,
    now: () => new Date(at(minute++)),
  });
  const change = await changes.addChange({
    entityRef: CHURN,
    kind: 'promote',
    modelVersion: '3.1.0',
    evidenceLinks: ['https://mlflow.example.com/runs/42'],
    reason: 'Recall up 4 points',
    requesterRef: 'user:default/carol',
  });
  await changes.decide(change.id, {
    status: 'approved',
    decidedBy: 'user:default/alice',
  });

  const reviews = DatabaseReviewStore.create({ database: knex });
  const { cycle } = await reviews.openCycle(
    {
      cadence: 'quarterly',
      kind: 'MLModel',
      lifecycles: ['production'],
      period: {
        label: '2026-10-01',
        start: '2026-10-01T00:00:00.000Z',
        end: '2027-01-01T00:00:00.000Z',
        dueAt: '2026-12-01T00:00:00.000Z',
      },
    },
    [
      { entityRef: CHURN, entityKind: 'MLModel', ownerRef: 'group:default/ml' },
      {
        entityRef: EVENTS,
        entityKind: 'Dataset',
        ownerRef: 'group:default/ml',
      },
    ],
    new Date(at(20)),
  );
  const items = await reviews.listItems(
    { cycleIds: [cycle.id] },
    new Date(at(20)),
  );
  const item = (ref: string) => items.find(i => i.entityRef === ref)!.id;
  await reviews.recordDecisions(
    [
      {
        itemId: item(CHURN),
        action: 'keep',
        actor: 'user:default/alice',
        authority: 'member',
        note: 'Still serving checkout',
      },
      {
        itemId: item(EVENTS),
        action: 'transfer',
        actor: 'user:default/alice',
        authority: 'member',
        transferTo: 'group:default/data',
      },
    ],
    new Date(at(21)),
  );
  await reviews.recordDecisions(
    [
      {
        itemId: item(EVENTS),
        action: 'accept-transfer',
        actor: 'user:default/dana',
        authority: 'admin',
        transferTo: 'group:default/data',
      },
    ],
    new Date(at(22)),
  );
  return {
    history: DecisionHistory.create({ logs: [scorecards, changes, reviews] }),
    waiverId: w1.id,
  };
}

const brief = (d: DecisionRecord) => [d.at.slice(11, 16), d.action, d.actorRef];

describe.each(databases.eachSupportedId())('DecisionHistory on %p', id => {
  it('lists every decision of the scope newest first, from every store', async () => {
    const { history, waiverId } = await recordDecisions(
      await initTestDatabase(databases, id),
    );
    const page = await history.page([CHURN, EVENTS], {
      limit: 50,
      offset: 0,
    });
    // The fraud model's waiver is out of scope.
    expect(page.total).toBe(9);
    expect(page.items.map(brief)).toEqual([
      ['09:22', 'review-transfer-accepted', 'user:default/dana'],
      // Recorded in one request: the later row first.
      ['09:21', 'review-transfer-offered', 'user:default/alice'],
      ['09:21', 'review-kept', 'user:default/alice'],
      ['09:11', 'change-approved', 'user:default/alice'],
      ['09:10', 'change-requested', 'user:default/carol'],
      ['09:07', 'waiver-rejected', 'user:default/alice'],
      ['09:06', 'waiver-requested', 'user:default/carol'],
      ['09:05', 'waiver-approved', 'user:default/alice'],
      ['09:00', 'waiver-requested', 'user:default/carol'],
    ]);
    const approval = page.items.find(d => d.action === 'waiver-approved');
    expect(approval).toEqual({
      id: `waiver:${waiverId}:approved`,
      source: 'waiver',
      recordId: waiverId,
      action: 'waiver-approved',
      entityRef: CHURN,
      at: at(5),
      actorRef: 'user:default/alice',
      what: 'Approved the waiver of ownership.owner-group until 2027-01-31',
      why: 'Reorganisation confirmed',
    });
    expect(page.items.find(d => d.action === 'review-kept')).toMatchObject({
      what: 'Confirmed group:default/ml as owner in the review of 2026-10-01',
      why: 'Still serving checkout',
      authority: 'member',
    });
    expect(
      page.items.find(d => d.action === 'review-transfer-accepted'),
    ).toMatchObject({
      what: 'Accepted ownership for group:default/data from group:default/ml in the review of 2026-10-01',
      authority: 'admin',
    });
  });

  it('pages through the merged history without gaps or repeats', async () => {
    const { history } = await recordDecisions(
      await initTestDatabase(databases, id),
    );
    const all = await history.page([CHURN, EVENTS, FRAUD], {
      limit: 50,
      offset: 0,
    });
    expect(all.total).toBe(10);
    const paged: DecisionRecord[] = [];
    for (let offset = 0; offset < all.total; offset += 3) {
      const page = await history.page([FRAUD, EVENTS, CHURN], {
        limit: 3,
        offset,
      });
      expect(page.total).toBe(10);
      paged.push(...page.items);
    }
    expect(paged.map(d => d.id)).toEqual(all.items.map(d => d.id));
    expect(new Set(paged.map(d => d.id)).size).toBe(10);
  });
});

describe('mergeNewestFirst', () => {
  const record = (id: string, minute: number) =>
    ({ id, at: at(minute) } as DecisionRecord);

  it('keeps each list in its order and lists earlier lists first on ties', () => {
    const merged = mergeNewestFirst(
      [
        [record('a1', 5), record('a2', 3), record('a3', 3)],
        [record('b1', 5), record('b2', 4)],
        [],
      ],
      10,
    );
    expect(merged.map(r => r.id)).toEqual(['a1', 'b1', 'b2', 'a2', 'a3']);
    expect(mergeNewestFirst([[record('a', 1)], [record('b', 2)]], 1)).toEqual([
      record('b', 2),
    ]);
  });
});
