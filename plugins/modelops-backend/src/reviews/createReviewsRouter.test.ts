import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  costReadPermission,
  reviewAdminPermission,
} from '@modelops/plugin-modelops-common';
import type { Knex } from 'knex';
import request from 'supertest';
import {
  createTestRouter,
  denyOnly,
  initTestDatabase,
  type TestRouter,
} from '../service/__testUtils__';
import {
  reviewEntities,
  reviewTestConfig,
} from './__fixtures__/reviewEntities';
import { createReviewsRouter } from './createReviewsRouter';
import { DatabaseReviewStore } from './DatabaseReviewStore';
import { ReviewCatalog } from './ReviewCatalog';
import { ReviewCycleRunner } from './ReviewCycleRunner';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const ana = mockCredentials.user.header('user:default/ana'); // member of risk-ml
const bo = mockCredentials.user.header('user:default/bo'); // member of fraud-ml
const carl = mockCredentials.user.header('user:default/carl'); // no group; admin when allowed
const service = mockCredentials.service.header();
const nobody = mockCredentials.none.header();

/** Allows everything except review administration. */
const noAdmin = denyOnly(reviewAdminPermission);

// The cycle of 2026-Q4 opens on 1 October and is due on 15 October.
const beforeDue = new Date('2026-10-05T12:00:00.000Z');

async function setup(
  knex: Knex,
  now: Date = beforeDue,
): Promise<{ t: TestRouter; ids: Record<string, string> }> {
  const t = await createTestRouter(
    o => createReviewsRouter(o, { clock: () => now }),
    {
      database: knex,
      entities: reviewEntities,
      config: reviewTestConfig,
      permissionDecision: noAdmin,
    },
  );
  const runner = ReviewCycleRunner.create({
    config: t.options.config,
    logger: t.options.logger,
    store: DatabaseReviewStore.create({ database: knex }),
    reviewCatalog: ReviewCatalog.create({
      catalog: t.options.catalog,
      auth: t.options.auth,
    }),
    notifications: t.options.notifications,
  });
  await runner.run(beforeDue);
  const items = await DatabaseReviewStore.create({ database: knex }).listItems(
    {},
    beforeDue,
  );
  const ids = Object.fromEntries(
    items.map(i => [i.entityRef.replace(/^.*\//, ''), i.id]),
  );
  return { t, ids };
}

describe('createReviewsRouter', () => {
  it.each(databases.eachSupportedId())(
    'serves cycles, my items and progress, %p',
    async databaseId => {
      const { t } = await setup(await initTestDatabase(databases, databaseId));
      const cycles = await request(t.app)
        .get('/reviews/cycles')
        .set('Authorization', service)
        .expect(200);
      expect(
        cycles.body.items
          .map((c: any) => [c.kind, c.itemCount, c.status])
          .sort(),
      ).toEqual([
        ['Dataset', 1, 'open'],
        ['MLModel', 4, 'open'],
      ]);

      const mine = await request(t.app)
        .get('/reviews/mine')
        .set('Authorization', ana)
        .expect(200);
      expect(mine.body.groups).toEqual([
        'user:default/ana',
        'group:default/risk-ml',
      ]);
      expect(mine.body.items.map((i: any) => i.entityRef).sort()).toEqual([
        'dataset:default/loan-applications',
        'mlmodel:default/credit-scorer',
      ]);
      await request(t.app)
        .get('/reviews/mine')
        .set('Authorization', service)
        .expect(403);
      await request(t.app)
        .get('/reviews/cycles')
        .set('Authorization', nobody)
        .expect(401);

      const progress = await request(t.app)
        .get('/reviews/progress')
        .expect(200);
      expect(
        progress.body.teams.find(
          (x: any) => x.team === 'group:default/risk-ml',
        ),
      ).toMatchObject({
        total: 2,
        pending: 2,
        percentDone: 0,
      });
      const bad = await request(t.app)
        .get('/reviews/progress?cycleId=first')
        .expect(400);
      expect(bad.body.error.message).toMatch(/cycleId: expected a cycle id/);
      await request(t.app).get('/reviews/progress?cycleId=999').expect(404);
    },
  );

  describe('decision permission matrix', () => {
    it.each(databases.eachSupportedId())(
      'attest: member, non-member, admin, service, %p',
      async databaseId => {
        const { t, ids } = await setup(
          await initTestDatabase(databases, databaseId),
        );
        const path = `/reviews/items/${ids['credit-scorer']}/attest`;

        const member = await request(t.app)
          .post(path)
          .set('Authorization', ana)
          .send({ decision: 'keep', note: 'in use' });
        expect(member.status).toBe(200);
        expect(member.body).toMatchObject({
          state: 'kept',
          decidedBy: 'user:default/ana',
        });
        expect(
          t.permissionRequests.some(
            r =>
              r.permission.name === 'modelops.review.attest' &&
              (r as any).resourceRef === 'mlmodel:default/credit-scorer',
          ),
        ).toBe(true);

        const outsider = await request(t.app)
          .post(path)
          .set('Authorization', bo)
          .send({ decision: 'retire' });
        expect(outsider.status).toBe(403);
        expect(outsider.body.error.message).toMatch(
          /Only members of group:default\/risk-ml/,
        );

        await request(t.app)
          .post(path)
          .set('Authorization', service)
          .send({ decision: 'keep' })
          .expect(403);
        await request(t.app)
          .post(path)
          .set('Authorization', nobody)
          .send({ decision: 'keep' })
          .expect(401);

        t.setPermissionDecision(AuthorizeResult.ALLOW);
        const admin = await request(t.app)
          .post(path)
          .set('Authorization', carl)
          .send({ decision: 'retire' });
        expect(admin.status).toBe(200);
        expect(admin.body).toMatchObject({
          state: 'retired',
          decidedBy: 'user:default/carl',
        });

        t.setPermissionDecision(AuthorizeResult.DENY);
        const denied = await request(t.app)
          .post(path)
          .set('Authorization', ana)
          .send({ decision: 'keep' });
        expect(denied.status).toBe(403);
        expect(denied.body.error.message).toMatch(
          /modelops\.review\.attest on mlmodel:default\/credit-scorer/,
        );

        const entity = await request(t.app)
          .get('/reviews/entity?entityRef=mlmodel:default/credit-scorer')
          .expect(200);
        expect(
          entity.body.decisions.map((d: any) => [
            d.action,
            d.actor,
            d.authority,
          ]),
        ).toEqual([
          ['keep', 'user:default/ana', 'member'],
          ['retire', 'user:default/carl', 'admin'],
        ]);
        expect(t.auditEvents.map(e => [e.eventId, e.status])).toEqual([
          ['review-attest', 'succeeded'],
          ['review-attest', 'succeeded'],
        ]);
      },
    );

    it.each(databases.eachSupportedId())(
      'transfer and accept: member, non-member, admin, service, %p',
      async databaseId => {
        const { t, ids } = await setup(
          await initTestDatabase(databases, databaseId),
        );
        const credit = ids['credit-scorer'];

        await request(t.app)
          .post(`/reviews/items/${credit}/attest`)
          .set('Authorization', bo)
          .send({
            decision: 'transfer',
            transferTo: 'group:default/pricing-ml',
          })
          .expect(403);
        await request(t.app)
          .post(`/reviews/items/${credit}/attest`)
          .set('Authorization', service)
          .send({ decision: 'transfer', transferTo: 'fraud-ml' })
          .expect(403);
        const transfer = await request(t.app)
          .post(`/reviews/items/${credit}/attest`)
          .set('Authorization', ana)
          .send({
            decision: 'transfer',
            transferTo: 'fraud-ml',
            note: 'fraud runs it now',
          });
        expect(transfer.status).toBe(200);
        expect(transfer.body).toMatchObject({
          state: 'transfer-pending',
          transferTo: 'group:default/fraud-ml',
        });

        const transferNotices = () =>
          t.notifications
            .filter(n => !n.payload.scope)
            .map(n => [
              (n.recipients as { entityRef: string }).entityRef,
              n.payload.title,
            ]);
        expect(transferNotices()).toEqual([
          [
            'group:default/fraud-ml',
            'group:default/risk-ml offers your team ownership of credit scorer',
          ],
        ]);

        const incoming = await request(t.app)
          .get('/reviews/mine')
          .set('Authorization', bo)
          .expect(200);
        expect(
          incoming.body.incomingTransfers.map((i: any) => i.entityRef),
        ).toEqual(['mlmodel:default/credit-scorer']);

        const accept = `/reviews/items/${credit}/accept-transfer`;
        const sender = await request(t.app)
          .post(accept)
          .set('Authorization', ana)
          .send({});
        expect(sender.status).toBe(403);
        expect(sender.body.error.message).toMatch(
          /Only members of group:default\/fraud-ml/,
        );
        await request(t.app)
          .post(accept)
          .set('Authorization', service)
          .send({})
          .expect(403);
        const receiver = await request(t.app)
          .post(accept)
          .set('Authorization', bo)
          .send({ note: 'ours' });
        expect(receiver.status).toBe(200);
        expect(receiver.body).toMatchObject({
          state: 'transferred',
          acceptedBy: 'user:default/bo',
        });
        await request(t.app)
          .post(accept)
          .set('Authorization', bo)
          .send({})
          .expect(409);
        expect(transferNotices()[1]).toEqual([
          'group:default/risk-ml',
          'group:default/risk-ml no longer owns credit scorer',
        ]);

        // An admin may attest and accept for groups they do not belong to.
        t.setPermissionDecision(AuthorizeResult.ALLOW);
        const loans = ids['loan-applications'];
        await request(t.app)
          .post(`/reviews/items/${loans}/attest`)
          .set('Authorization', carl)
          .send({ decision: 'transfer', transferTo: 'group:default/fraud-ml' })
          .expect(200);
        const adminAccept = await request(t.app)
          .post(`/reviews/items/${loans}/accept-transfer`)
          .set('Authorization', carl)
          .send({});
        expect(adminAccept.status).toBe(200);
        expect(adminAccept.body.state).toBe('transferred');
        expect(
          t.auditEvents.filter(e => e.eventId === 'review-accept-transfer'),
        ).toHaveLength(2);
      },
    );
  });

  it.each(databases.eachSupportedId())(
    'answers 400 naming the field and 404 for unknown items, %p',
    async databaseId => {
      const { t, ids } = await setup(
        await initTestDatabase(databases, databaseId),
      );
      const path = `/reviews/items/${ids['credit-scorer']}/attest`;
      const cases: Array<[unknown, RegExp]> = [
        [{ decision: 'archive' }, /decision: /],
        [
          { decision: 'transfer' },
          /transferTo: required when decision is transfer/,
        ],
        [
          { decision: 'keep', transferTo: 'fraud-ml' },
          /transferTo: only allowed when decision is transfer/,
        ],
        [
          { decision: 'transfer', transferTo: 'risk-ml' },
          /transferTo: must differ from the current owner/,
        ],
        [
          { decision: 'transfer', transferTo: 'ghost-team' },
          /transferTo: group:default\/ghost-team does not exist in the catalog/,
        ],
        [
          { decision: 'keep', note: 'x'.repeat(2001) },
          /note: must be at most 2000 characters/,
        ],
        [{ decision: 'keep', extra: 1 }, /extra/],
      ];
      for (const [body, message] of cases) {
        const res = await request(t.app)
          .post(path)
          .set('Authorization', ana)
          .send(body as object);
        expect(res.status).toBe(400);
        expect(res.body.error.message).toMatch(message);
      }
      const badId = await request(t.app)
        .post('/reviews/items/abc/attest')
        .set('Authorization', ana)
        .send({ decision: 'keep' });
      expect(badId.status).toBe(400);
      expect(badId.body.error.message).toMatch(/id: expected an item id/);
      await request(t.app)
        .post('/reviews/items/9999/attest')
        .set('Authorization', ana)
        .send({ decision: 'keep' })
        .expect(404);
      const badBulk = await request(t.app)
        .post('/reviews/items/attest')
        .set('Authorization', ana)
        .send({ itemIds: [], decision: 'keep' });
      expect(badBulk.status).toBe(400);
      expect(badBulk.body.error.message).toMatch(
        /itemIds: must list at least one item/,
      );
      const badEntity = await request(t.app)
        .get('/reviews/entity?entityRef=credit')
        .expect(400);
      expect(badEntity.body.error.message).toMatch(
        /entityRef: expected a full entity ref/,
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'bulk attests all or nothing, %p',
    async databaseId => {
      const { t, ids } = await setup(
        await initTestDatabase(databases, databaseId),
      );
      const mixed = await request(t.app)
        .post('/reviews/items/attest')
        .set('Authorization', ana)
        .send({
          itemIds: [ids['credit-scorer'], ids['fraud-detector']],
          decision: 'keep',
        });
      expect(mixed.status).toBe(403);
      const ok = await request(t.app)
        .post('/reviews/items/attest')
        .set('Authorization', ana)
        .send({
          itemIds: [ids['credit-scorer'], ids['loan-applications']],
          decision: 'keep',
          note: 'quarterly check',
        });
      expect(ok.status).toBe(200);
      expect(ok.body.items.map((i: any) => i.state)).toEqual(['kept', 'kept']);
      const progress = await request(t.app)
        .get('/reviews/progress')
        .expect(200);
      expect(
        progress.body.teams.find(
          (x: any) => x.team === 'group:default/risk-ml',
        ),
      ).toMatchObject({ kept: 2, percentDone: 100 });
      expect(
        progress.body.teams.find(
          (x: any) => x.team === 'group:default/fraud-ml',
        ),
      ).toMatchObject({ pending: 1, percentDone: 0 });
    },
  );

  it.each(databases.eachSupportedId())(
    'reports findings and the portfolio with CSV export, %p',
    async databaseId => {
      const { t, ids } = await setup(
        await initTestDatabase(databases, databaseId),
        new Date('2026-10-20T00:00:00.000Z'),
      );
      await request(t.app)
        .post(`/reviews/items/${ids['fraud-detector']}/attest`)
        .set('Authorization', bo)
        .send({ decision: 'retire', note: 'replaced' })
        .expect(200);

      const findings = await request(t.app)
        .get('/reviews/findings')
        .expect(200);
      expect(
        findings.body.items.map((f: any) => [f.type, f.entityRef]),
      ).toEqual([
        ['attestation-overdue', 'dataset:default/loan-applications'],
        ['attestation-overdue', 'mlmodel:default/credit-scorer'],
        ['attestation-overdue', 'mlmodel:default/ghost-model'],
        ['attestation-overdue', 'mlmodel:default/legacy-pricer'],
        ['missing-business-owner', 'mlmodel:default/fraud-detector'],
        ['missing-steward', 'dataset:default/loan-applications'],
        ['owner-not-found', 'mlmodel:default/ghost-model'],
        ['owner-without-members', 'mlmodel:default/legacy-pricer'],
      ]);

      // Ana is in risk-ml: she reads the cost of risk-ml's models only.
      const portfolio = await request(t.app)
        .get('/reviews/portfolio')
        .set('Authorization', ana)
        .expect(200);
      expect(portfolio.body.rows.map((r: any) => r.entityRef)).toEqual([
        'mlmodel:default/credit-scorer',
        'mlmodel:default/fraud-detector',
        'mlmodel:default/ghost-model',
        'mlmodel:default/legacy-pricer',
      ]);
      expect(portfolio.body.rows[0]).toMatchObject({
        owner: 'group:default/risk-ml',
        kpis: [{ name: 'default-rate', target: '< 2.5%' }],
        monthlyCost: 0,
        retirementReasons: [],
      });
      expect(portfolio.body.rows[1]).toMatchObject({
        latestDecision: 'retire',
        decidedBy: 'user:default/bo',
        retirementReasons: [
          'owners decided to retire it',
          'no KPI ties it to a business outcome',
        ],
      });
      expect(portfolio.body.rows[1].monthlyCost).toBeUndefined();
      expect(portfolio.body.rows[1].costMonth).toBeUndefined();

      // The cost read rule of /cost/entity: somebody in no owning group reads
      // no cost, in the portfolio or its CSV, even though the policy allows
      // costReadPermission.
      const outsider = await request(t.app)
        .get('/reviews/portfolio')
        .set('Authorization', carl)
        .expect(200);
      expect(outsider.body.rows).toHaveLength(4);
      for (const row of outsider.body.rows) {
        expect(row.monthlyCost).toBeUndefined();
        expect(row.costMonth).toBeUndefined();
      }
      const outsiderCsv = await request(t.app)
        .get('/reviews/portfolio.csv')
        .set('Authorization', carl)
        .expect(200);
      for (const line of outsiderCsv.text.split('\r\n').slice(1, -1)) {
        expect(line.split(',')[8]).toBe('');
      }

      t.setPermissionDecision(denyOnly(costReadPermission));
      const csv = await request(t.app)
        .get('/reviews/portfolio.csv')
        .set('Authorization', ana)
        .expect(200);
      expect(csv.headers['content-type']).toMatch(/^text\/csv/);
      expect(csv.headers['content-disposition']).toMatch(
        /attachment; filename="modelops-portfolio-\d{4}-\d{2}-\d{2}\.csv"/,
      );
      const lines = csv.text.split('\r\n');
      expect(lines[0]).toBe(
        'entityRef,title,owner,businessOwner,riskTier,kpis,scorecardScore,scorecardLevel,monthlyCost,costMonth,latestDecision,decidedAt,decidedBy,retirementCandidate,retirementReasons',
      );
      expect(lines[1]).toBe(
        'mlmodel:default/credit-scorer,credit scorer,group:default/risk-ml,user:default/ana,,default-rate (< 2.5%),,,,,,,,false,',
      );
      expect(lines).toHaveLength(6);
    },
  );
});
