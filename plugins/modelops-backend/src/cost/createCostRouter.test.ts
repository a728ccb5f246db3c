import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import {
  createTestRouter,
  initTestDatabase,
  testModel,
  testUser,
} from '../service/__testUtils__';
import { addDays, addMonths, toIsoDay } from './costCalendar';
import { createCostRouter } from './createCostRouter';

jest.setTimeout(60_000);

const SCORER = 'mlmodel:default/credit-risk-scorer';
const IDLE = 'mlmodel:default/collections-prioritizer';
const RANKER = 'mlmodel:default/search-ranker';
const ORPHAN = 'mlmodel:default/orphan-model';

function model(
  name: string,
  owner: string,
  cost: object,
  lifecycle = 'production',
): Entity {
  return testModel(name, { owner, lifecycle, cost }, { ownerRelation: true });
}

const entities: Entity[] = [
  model('credit-risk-scorer', 'group:default/risk-ml', {
    monthlyBudget: 100,
    tags: { 'modelops.dev/entity': SCORER },
    targetCostPer1kInferences: 0.5,
  }),
  model('collections-prioritizer', 'group:default/risk-ml', {}, 'deprecated'),
  model('search-ranker', 'group:default/search-relevance', {
    monthlyBudget: 1000,
  }),
  // No usable owner: only finance and services read its cost.
  testModel('orphan-model', { owner: 'group:' }),
  testUser('mock', ['group:default/risk-ml']),
  testUser('fiona', ['group:default/finance']),
  testUser('nobody', []),
];

const today = toIsoDay(new Date());
const lastMonth = addMonths(today.slice(0, 7), -1);
const monthBefore = addMonths(today.slice(0, 7), -2);

function record(overrides: object) {
  return {
    entityRef: SCORER,
    day: today,
    category: 'inference',
    amount: 10,
    currency: 'USD',
    usageQuantity: 20000,
    usageUnit: 'inferences',
    ...overrides,
  };
}

const financeHeader = mockCredentials.user.header('user:default/fiona');

describe('createCostRouter', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  async function setup(databaseId: Parameters<typeof initTestDatabase>[1]) {
    const knex = await initTestDatabase(databases, databaseId);
    const t = await createTestRouter(createCostRouter, {
      database: knex,
      entities,
      config: { modelops: { cost: { financeGroup: 'group:default/finance' } } },
    });
    return { knex, ...t };
  }

  it.each(databases.eachSupportedId())(
    'ingests a batch idempotently and audits it, %p',
    async databaseId => {
      const { app, knex, auditEvents } = await setup(databaseId);
      const body = {
        source: 'pipeline',
        records: [
          record({}),
          record({
            category: 'storage',
            usageQuantity: undefined,
            usageUnit: undefined,
          }),
        ],
      };
      await request(app)
        .post('/cost/records')
        .send(body)
        .expect(200, { source: 'pipeline', upserted: 2 });
      body.records[0].amount = 12;
      await request(app).post('/cost/records').send(body).expect(200);

      const rows = await knex('modelops_cost_records').orderBy('category');
      expect(
        rows.map(r => [r.category, Number(r.amount_micros) / 1e6]),
      ).toEqual([
        ['inference', 12],
        ['storage', 10],
      ]);
      expect(auditEvents).toEqual([
        expect.objectContaining({
          eventId: 'cost-ingest',
          status: 'succeeded',
          meta: { source: 'pipeline', records: 2 },
        }),
        expect.objectContaining({
          eventId: 'cost-ingest',
          status: 'succeeded',
        }),
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'rejects a whole batch naming the bad rows, %p',
    async databaseId => {
      const { app, knex } = await setup(databaseId);
      const records = [
        record({}),
        record({ day: addDays(today, -1) }),
        record({ day: addDays(today, -2) }),
        record({ amount: 'ten' }),
        record({ day: '2026-02-30', category: 'gpu' }),
      ];
      const res = await request(app)
        .post('/cost/records')
        .send({ source: 'pipeline', records })
        .expect(400);
      expect(res.body.error.message).toContain(
        'records.3.amount: expected number',
      );
      expect(res.body.error.message).toContain(
        'records.4.day: not a calendar day',
      );
      expect(res.body.error.message).toContain('records.4.category');

      const duplicate = await request(app)
        .post('/cost/records')
        .send({
          source: 'pipeline',
          records: [record({}), record({ currency: 'EUR' }), record({})],
        })
        .expect(400);
      expect(duplicate.body.error.message).toContain(
        'records.1.currency: expected USD',
      );
      expect(duplicate.body.error.message).toContain(
        'records.2: repeats records.0',
      );
      expect(await knex('modelops_cost_records')).toHaveLength(0);
    },
  );

  it.each(databases.eachSupportedId())(
    'needs the ingest permission on every entity, which must exist, %p',
    async databaseId => {
      const { app, knex, setPermissionDecision } = await setup(databaseId);
      setPermissionDecision(AuthorizeResult.DENY);
      const body = { source: 'pipeline', records: [record({})] };
      const denied = await request(app)
        .post('/cost/records')
        .send(body)
        .expect(403);
      expect(denied.body.error.message).toBe(
        `Not allowed: modelops.cost.ingest on ${SCORER}`,
      );
      setPermissionDecision(AuthorizeResult.ALLOW);
      const missing = await request(app)
        .post('/cost/records')
        .send({
          source: 'pipeline',
          records: [record({}), record({ entityRef: 'mlmodel:default/ghost' })],
        })
        .expect(404);
      expect(missing.body.error.message).toBe(
        'records.entityRef: mlmodel:default/ghost is not in the catalog',
      );
      expect(await knex('modelops_cost_records')).toHaveLength(0);
      await request(app)
        .post('/cost/records')
        .set('Authorization', mockCredentials.service.header())
        .send(body)
        .expect(200);
      await request(app)
        .post('/cost/records')
        .set('Authorization', mockCredentials.none.header())
        .send(body)
        .expect(401);
    },
  );

  it.each(databases.eachSupportedId())(
    'serves views to owners and finance and 403 to everybody else, %p',
    async databaseId => {
      const { app, setPermissionDecision } = await setup(databaseId);
      await request(app)
        .post('/cost/records')
        .set('Authorization', mockCredentials.service.header())
        .send({
          source: 'pipeline',
          records: [
            record({ day: `${monthBefore}-10`, amount: 40 }),
            record({ day: `${lastMonth}-10`, amount: 90 }),
            record({
              day: `${lastMonth}-11`,
              category: 'training',
              amount: 30,
              usageQuantity: undefined,
              usageUnit: undefined,
            }),
            record({ amount: 150 }),
            record({
              entityRef: IDLE,
              day: addDays(today, -60),
              amount: 5,
              usageQuantity: 100,
            }),
            record({ entityRef: IDLE, amount: 7, usageQuantity: 0 }),
            record({ entityRef: RANKER, day: `${lastMonth}-10`, amount: 500 }),
            record({
              entityRef: 'unmapped:default/untagged',
              day: `${lastMonth}-10`,
              amount: 3,
              usageQuantity: undefined,
              usageUnit: undefined,
            }),
          ],
        })
        .expect(200);

      const entity = await request(app)
        .get('/cost/entity')
        .query({ entityRef: SCORER, months: 3 })
        .expect(200);
      expect(entity.body.months.map((m: any) => m.total)).toEqual([
        40, 120, 150,
      ]);
      expect(entity.body.months[1].byCategory).toEqual({
        training: 30,
        inference: 90,
        storage: 0,
        data: 0,
        other: 0,
        credit: 0,
      });
      expect(entity.body.monthlyBudget).toBe(100);
      expect(entity.body.currentMonth.actual).toBe(150);
      expect(entity.body.currentMonth.forecast).toBeGreaterThanOrEqual(150);
      expect(entity.body.currentMonth.overBudget).toBe(true);
      // 310 spent over 60,000 inferences
      expect(entity.body.costPer1kInferences).toBeCloseTo(310 / 60, 5);

      await request(app)
        .get('/cost/entity')
        .query({ entityRef: RANKER })
        .expect(403);
      await request(app)
        .get('/cost/entity')
        .set('Authorization', financeHeader)
        .query({ entityRef: RANKER })
        .expect(200);
      await request(app)
        .get('/cost/entity')
        .query({ entityRef: ORPHAN })
        .expect(403);
      await request(app)
        .get('/cost/entity')
        .set('Authorization', financeHeader)
        .query({ entityRef: ORPHAN })
        .expect(200);
      await request(app)
        .get('/cost/entity')
        .set('Authorization', mockCredentials.service.header())
        .query({ entityRef: ORPHAN })
        .expect(200);
      await request(app)
        .get('/cost/entity')
        .query({ entityRef: 'not a ref' })
        .expect(400);
      await request(app)
        .get('/cost/entity')
        .query({ entityRef: 'mlmodel:default/missing' })
        .expect(404);

      const teams = await request(app)
        .get('/cost/teams')
        .set('Authorization', financeHeader)
        .expect(200);
      expect(teams.body.comparedMonths).toEqual({
        previous: monthBefore,
        last: lastMonth,
      });
      expect(
        Object.fromEntries(
          teams.body.teams.map((t: any) => [t.team, t.lastMonth]),
        ),
      ).toEqual({
        'group:default/risk-ml': 120,
        'group:default/search-relevance': 500,
        unmapped: 3,
      });
      expect(teams.body.topMovers[0]).toMatchObject({
        entityRef: RANKER,
        change: 500,
      });

      const ownTeams = await request(app).get('/cost/teams').expect(200);
      expect(ownTeams.body.teams.map((t: any) => t.team)).toEqual([
        'group:default/risk-ml',
      ]);
      await request(app)
        .get('/cost/teams')
        .set(
          'Authorization',
          mockCredentials.user.header('user:default/nobody'),
        )
        .expect(403);

      const models = await request(app)
        .get('/cost/models')
        .query({ team: 'group:default/risk-ml' })
        .expect(200);
      expect(models.body.models.map((m: any) => m.entityRef)).toEqual([
        SCORER,
        IDLE,
      ]);
      await request(app)
        .get('/cost/models')
        .query({ team: 'group:default/search-relevance' })
        .expect(403);

      const idle = await request(app)
        .get('/cost/idle')
        .query({ days: 30 })
        .expect(200);
      expect(idle.body.models).toEqual([
        expect.objectContaining({
          entityRef: IDLE,
          spend: 7,
          idleDays: 60,
          lifecycle: 'deprecated',
          retirementCandidate: true,
        }),
      ]);
      await request(app).get('/cost/idle').query({ days: 0 }).expect(400);

      setPermissionDecision(AuthorizeResult.DENY);
      await request(app)
        .get('/cost/entity')
        .query({ entityRef: SCORER })
        .expect(403);
    },
  );

  it.each(databases.eachSupportedId())(
    'imports a CSV billing export and reports unmapped spend, %p',
    async databaseId => {
      const { app, knex, auditEvents } = await setup(databaseId);
      const csv = [
        'date,cost,currency,tags',
        `${today},4.50,USD,"{""modelops.dev/entity"":""credit-risk-scorer""}"`,
        `${today},1.50,USD,"{""modelops.dev/entity"":""credit-risk-scorer""}"`,
        `${today},2.00,USD,team=unknown`,
      ].join('\n');
      const res = await request(app)
        .post('/cost/import/csv')
        .set('Content-Type', 'text/csv')
        .send(csv)
        .expect(200);
      expect(res.body).toMatchObject({
        rows: 3,
        mappedRows: 2,
        upserted: 2,
        unmapped: { rowCount: 1, total: 2, rows: [{ line: 4, amount: 2 }] },
      });
      await request(app).post('/cost/import/csv').send({ csv }).expect(200);
      const rows = await knex('modelops_cost_records').orderBy('entity_ref');
      expect(
        rows.map(r => [r.entity_ref, Number(r.amount_micros) / 1e6]),
      ).toEqual([
        [SCORER, 6],
        ['unmapped:default/untagged', 2],
      ]);
      expect(auditEvents.map(e => e.eventId)).toEqual([
        'cost-import',
        'cost-import',
      ]);
      await request(app)
        .post('/cost/import/csv')
        .send({ csv: 'date,cost,tags\nyesterday,1,' })
        .expect(400);
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps money exact and bounded: totals equal their records, %p',
    async databaseId => {
      const { app, knex } = await setup(databaseId);
      const yesterday = addDays(today, -1);
      const send = (records: object[]) =>
        request(app).post('/cost/records').send({ source: 'api', records });
      const monthTotal = async () => {
        const [row] = await knex('modelops_cost_monthly').where({
          entity_ref: SCORER,
          month: today.slice(0, 7),
          category: 'inference',
        });
        return row && Number(row.amount_micros);
      };

      await send([record({ day: today, amount: 1234.56 })]).expect(200);
      const huge = await send([record({ day: yesterday, amount: 1e20 })]);
      expect(huge.status).toBe(400);
      expect(huge.body.error.message).toBe(
        'Invalid body: records.0.amount: must be within ±10000000 USD (modelops.cost.maxRecordAmount), got 100000000000000000000',
      );
      const infinite = await send([
        record({ day: yesterday, amount: 1e308 }),
        record({ day: addDays(today, -2), amount: 1e308 }),
      ]);
      expect(infinite.status).toBe(400);
      expect(infinite.body.error.message).toContain('records.1.amount');
      await send([record({ day: yesterday, amount: 0 })]).expect(200);
      // The refused days left nothing behind; the day re-sent as 0 adds 0.
      expect(await monthTotal()).toBe(1_234_560_000);

      // Sums of decimal amounts are exact: no 0.30000000000000004.
      await send([
        record({ day: today, category: 'storage', amount: 0.1 }),
        record({
          day: today,
          category: 'storage',
          amount: 0.2,
          modelVersion: '2',
        }),
      ]).expect(200);
      const [storage] = await knex('modelops_cost_monthly').where({
        entity_ref: SCORER,
        category: 'storage',
      });
      expect(Number(storage.amount_micros)).toBe(300_000);

      // Only credits may be negative.
      const negative = await send([record({ amount: -5 })]);
      expect(negative.status).toBe(400);
      expect(negative.body.error.message).toBe(
        'Invalid body: records.0.amount: must be zero or more unless the category is credit',
      );
      await send([record({ category: 'credit', amount: -5 })]).expect(200);
      const view = await request(app)
        .get('/cost/entity')
        .query({ entityRef: SCORER, months: 1 })
        .expect(200);
      expect(view.body.months[0].byCategory).toMatchObject({
        inference: 1234.56,
        storage: 0.3,
        credit: -5,
      });
      expect(view.body.months[0].total).toBe(1229.86);
    },
  );

  it.each(databases.eachSupportedId())(
    'refuses currencies without a rate and converts those with one, %p',
    async databaseId => {
      const { app } = await setup(databaseId);
      const refused = await request(app)
        .post('/cost/records')
        .send({ source: 'api', records: [record({ currency: 'EUR' })] })
        .expect(400);
      expect(refused.body.error.message).toBe(
        "Invalid body: records.0.currency: expected USD (modelops.cost.currency), got 'EUR'",
      );

      const knex = await initTestDatabase(databases, databaseId);
      const converting = await createTestRouter(createCostRouter, {
        database: knex,
        entities,
        config: {
          modelops: { cost: { exchangeRates: { EUR: 1.1, JPY: 0.0067 } } },
        },
      });
      await request(converting.app)
        .post('/cost/records')
        .set('Authorization', mockCredentials.service.header())
        .send({
          source: 'api',
          records: [
            record({ currency: 'EUR', amount: 100 }),
            record({ currency: 'JPY', amount: 1500, category: 'storage' }),
          ],
        })
        .expect(200);
      const rows = await knex('modelops_cost_records').orderBy('category');
      expect(
        rows.map(r => [
          r.category,
          r.currency,
          Number(r.amount_micros),
          r.original_currency,
          Number(r.original_amount_micros),
        ]),
      ).toEqual([
        ['inference', 'USD', 110_000_000, 'EUR', 100_000_000],
        ['storage', 'USD', 10_050_000, 'JPY', 1_500_000_000],
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'holds CSV imports to the rules of the records API, %p',
    async databaseId => {
      const { app, knex } = await setup(databaseId);
      const tags = '"{""modelops.dev/entity"":""credit-risk-scorer""}"';
      const refused = await request(app)
        .post('/cost/import/csv')
        .set('Content-Type', 'text/csv')
        .send(
          [
            'date,cost,currency,tags',
            `${today},-4.50,USD,${tags}`,
            `${today},Infinity,USD,${tags}`,
            `${today},1e400,USD,${tags}`,
            `${today},20000000,USD,${tags}`,
          ].join('\n'),
        )
        .expect(400);
      expect(refused.body.error.message).toBe(
        "body: nothing imported: row 2 cost: must be zero or more unless the category is credit, got -4.5; row 3 cost: expected a number, got 'Infinity'; row 4 cost: expected a number, got '1e400'; row 5 cost: must be within ±10000000 USD (modelops.cost.maxRecordAmount), got 20000000",
      );
      expect(await knex('modelops_cost_records')).toHaveLength(0);

      // Line items under the bound whose sum is over it are refused too.
      const summed = await request(app)
        .post('/cost/import/csv')
        .set('Content-Type', 'text/csv')
        .send(
          [
            'date,cost,tags',
            `${today},6000000,${tags}`,
            `${today},6000000,${tags}`,
          ].join('\n'),
        )
        .expect(400);
      expect(summed.body.error.message).toContain(
        `row 2 cost: the rows from 2 summed for ${today}, ${SCORER}, other: must be within ±10000000 USD`,
      );
      expect(await knex('modelops_cost_monthly')).toHaveLength(0);
    },
  );
});
