import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import { AuthenticationError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { CostImportJob } from '@modelops/plugin-modelops-common';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import {
  createTestRouter,
  initTestDatabase,
  testModel,
  testUser,
} from '../../service/__testUtils__';
import { columnMappedCostFormat } from '@modelops/plugin-modelops-node';
import { createCostRouter } from '../createCostRouter';
import {
  columnSum,
  FRAUD,
  fixtureBytes,
  RANKER,
  toCents,
} from './__testUtils__/importFixtures';

jest.setTimeout(120_000);

const entities: Entity[] = [
  testModel(
    'fraud-detector',
    { owner: 'group:default/risk-ml' },
    { ownerRelation: true },
  ),
  testModel(
    'search-ranker',
    { owner: 'group:default/search' },
    { ownerRelation: true },
  ),
  testUser('mock', ['group:default/risk-ml']),
  testUser('fiona', ['group:default/finance']),
];

const OTHER_USER = mockCredentials.user.header('user:default/fiona');

// The policy's answer for a caller narrowed to the entities they own.
const ownerConditions = async (requests: unknown[]) =>
  requests.map(() => ({
    result: AuthorizeResult.CONDITIONAL,
    pluginId: 'catalog',
    resourceType: 'catalog-entity',
    conditions: { rule: 'IS_ENTITY_OWNER', params: {} },
  })) as any;

async function poll(app: any, id: string): Promise<CostImportJob> {
  for (let attempt = 0; attempt < 600; attempt++) {
    const res = await request(app).get(`/cost/imports/${id}`).expect(200);
    if (res.body.status === 'succeeded' || res.body.status === 'failed') {
      return res.body;
    }
    await new Promise(resolve => setTimeout(resolve, 100));
  }
  throw new Error(`import ${id} did not finish`);
}

describe('createCostImportRouter', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });
  const directories: string[] = [];
  afterAll(() =>
    directories.forEach(dir =>
      fs.rmSync(dir, { recursive: true, force: true }),
    ),
  );

  async function setup(
    databaseId: Parameters<typeof initTestDatabase>[1],
    imports: object = {},
  ) {
    const knex = await initTestDatabase(databases, databaseId);
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'cost-imports-'));
    directories.push(directory);
    const t = await createTestRouter(createCostRouter, {
      database: knex,
      entities,
      config: {
        modelops: {
          cost: {
            exchangeRates: { EUR: 1.1 },
            imports: { directory, ...imports },
          },
        },
      },
    });
    const upload = (
      file: string | Buffer,
      query: Record<string, string> = {},
    ) =>
      request(t.app)
        .post('/cost/imports')
        .query(query)
        .set('Content-Type', 'text/csv')
        .send(typeof file === 'string' ? fixtureBytes(file) : file);
    const storedTotal = async (source: string) => {
      const [row] = await knex('modelops_cost_records')
        .where({ source })
        .sum({ micros: 'amount_micros' });
      return Number(row.micros ?? 0) / 1e6;
    };
    return { knex, directory, upload, storedTotal, ...t };
  }

  it.each(databases.eachSupportedId())(
    'dry-runs, imports, and re-imports a file without doubling, %p',
    async databaseId => {
      const { upload, knex, storedTotal, auditEvents, directory } = await setup(
        databaseId,
      );
      const dryRun = await upload('aws-cur-legacy.csv', {
        fileName: 'cur-2026-10.csv',
      }).expect(201);
      expect(dryRun.body).toMatchObject({
        status: 'succeeded',
        dryRun: true,
        source: 'aws-cur',
        fileName: 'cur-2026-10.csv',
        progress: { percent: 100, rows: 18 },
      });
      const report = dryRun.body.report;
      expect(report).toMatchObject({
        format: { id: 'aws-cur', version: 'CUR (legacy)' },
        amount: { measure: 'amortized' },
        dryRun: true,
        replacedRecords: 0,
        commit: { allowed: true },
      });
      expect(
        report.unmapped.byTagValue.map((group: any) => group.tagValue ?? null),
      ).toEqual([null, 'legacy-batch-scorer']);
      // A dry run writes no record.
      expect(await knex('modelops_cost_records')).toHaveLength(0);

      const imported = await upload('aws-cur-legacy.csv', {
        dryRun: 'false',
        confirms: dryRun.body.id,
      }).expect(201);
      expect(imported.body.report).toMatchObject({
        dryRun: false,
        previousImport: { id: dryRun.body.id, dryRun: true },
      });
      expect(imported.body.report.commit).toBeUndefined();
      // Mapped plus unmapped, as stored, is the report's total to the cent.
      expect(
        toCents(BigInt(Math.round((await storedTotal('aws-cur')) * 1e9))),
      ).toBe(Math.round(imported.body.report.total * 100) / 100);
      const records = await knex('modelops_cost_records').count({ n: '*' });

      const again = await upload('aws-cur-legacy.csv', {
        dryRun: 'false',
      }).expect(201);
      expect(again.body.report).toMatchObject({
        replacedRecords: Number(records[0].n),
        previousImport: { id: imported.body.id, dryRun: false },
      });
      expect(await knex('modelops_cost_records').count({ n: '*' })).toEqual(
        records,
      );
      expect(Math.round((await storedTotal('aws-cur')) * 100) / 100).toBe(
        88.16,
      );
      expect(auditEvents.map(e => [e.eventId, e.status])).toEqual([
        ['cost-import', 'succeeded'],
        ['cost-import', 'succeeded'],
        ['cost-import', 'succeeded'],
      ]);
      // Uploads do not stay behind.
      expect(fs.readdirSync(directory)).toEqual([]);
    },
  );

  it.each(databases.eachSupportedId())(
    'counts days two overlapping files share once, %p',
    async databaseId => {
      const { upload, knex } = await setup(databaseId);
      await upload('focus-oct-01-02.csv', { dryRun: 'false' }).expect(201);
      const second = await upload('focus-oct-02-03.csv', {
        dryRun: 'false',
      }).expect(201);
      expect(second.body.report.replacedRecords).toBe(2);
      const rows = await knex('modelops_cost_records')
        .where({ source: 'focus' })
        .orderBy(['day', 'entity_ref']);
      expect(
        rows.map(row => [
          row.day,
          row.entity_ref,
          Number(row.amount_micros) / 1e6,
        ]),
      ).toEqual([
        ['2026-10-01', FRAUD, 10],
        ['2026-10-02', FRAUD, 20],
        ['2026-10-02', RANKER, 5],
        ['2026-10-03', FRAUD, 40],
      ]);
      // The monthly totals follow the records.
      const [month] = await knex('modelops_cost_monthly').where({
        entity_ref: FRAUD,
        month: '2026-10',
      });
      expect(Number(month.amount_micros)).toBe(70_000_000);
    },
  );

  it.each(databases.eachSupportedId())(
    'imports large files in the background with progress, %p',
    async databaseId => {
      const { app, upload, storedTotal } = await setup(databaseId, {
        waitBytes: 0,
      });
      const started = await upload(fixtureBytes('focus-1.2.csv', true), {
        dryRun: 'false',
        source: 'focus',
      }).expect(202);
      expect(started.body).toMatchObject({
        status: 'queued',
        progress: { rows: 0, bytes: 0 },
      });
      const done = await poll(app, started.body.id);
      expect(done).toMatchObject({
        status: 'succeeded',
        progress: { percent: 100, rows: 14 },
      });
      // EffectiveCost of every line, the euro one converted at 1.1.
      const sum = columnSum('focus-1.2.csv', 'EffectiveCost', row =>
        row.BillingCurrency === 'EUR' ? 11n : 10n,
      );
      expect(Math.round((await storedTotal('focus')) * 100) / 100).toBe(
        toCents(sum / 10n),
      );
      expect(
        Math.round(
          (done.report!.mapped.total + done.report!.unmapped.total) * 100,
        ) / 100,
      ).toBe(toCents(sum / 10n));

      // A file that fails in the background says why and writes nothing.
      const bad = await upload(
        Buffer.from(
          'date,cost,tags\n2026-10-05,1,modelops-entity=fraud-detector\n2026-10-05,abc,\n',
        ),
        { dryRun: 'false' },
      ).expect(202);
      const failed = await poll(app, bad.body.id);
      expect(failed).toMatchObject({
        status: 'failed',
        error:
          "body: nothing imported: row 3 cost: expected a number, got 'abc'",
      });
      expect(await storedTotal('csv')).toBe(0);
    },
  );

  it.each(databases.eachSupportedId())(
    'decides a background import as its caller at upload, so it outlives their token, %p',
    async databaseId => {
      const knex = await initTestDatabase(databases, databaseId);
      const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'cost-imports-'));
      directories.push(directory);
      // Each request's credentials "expire" once the import it uploaded is
      // queued: from then on a catalog or permission call made with them
      // fails, as one with a real token past its lifetime would. Polling
      // requests bring credentials of their own.
      const importCount = async () =>
        Number((await knex('modelops_cost_imports').count({ n: '*' }))[0].n);
      const firstSeen = new WeakMap<object, number>();
      const expired = async (credentials: object) => {
        const now = await importCount();
        if (!firstSeen.has(credentials)) firstSeen.set(credentials, now);
        return now > firstSeen.get(credentials)!;
      };
      const expiring = <T extends object>(service: T): T =>
        new Proxy(service, {
          get(target, key, receiver) {
            const value = Reflect.get(target, key, receiver);
            if (typeof value !== 'function') return value;
            const refuseExpired = async (args: any[]) => {
              const credentials = args[1]?.credentials;
              if (credentials && (await expired(credentials))) {
                throw new AuthenticationError('the token has expired');
              }
            };
            return key === 'streamEntities'
              ? async function* stream(...args: any[]) {
                  await refuseExpired(args);
                  yield* value.apply(target, args);
                }
              : async (...args: any[]) => {
                  await refuseExpired(args);
                  return value.apply(target, args);
                };
          },
        });
      const t = await createTestRouter(createCostRouter, {
        database: knex,
        catalog: expiring(catalogServiceMock({ entities })),
        config: {
          modelops: { cost: { imports: { directory, waitBytes: 0 } } },
        },
        // An owner-scoped caller: their team's model only.
        permissionDecision: decision =>
          decision.resourceRef === FRAUD
            ? AuthorizeResult.ALLOW
            : AuthorizeResult.DENY,
      });
      t.options.permissions = expiring(t.options.permissions);
      // A token per request, as a browser brings: the mock hands out one
      // credentials object for all.
      const httpAuth = t.options.httpAuth;
      t.options.httpAuth = {
        ...httpAuth,
        credentials: async (...args: Parameters<typeof httpAuth.credentials>) =>
          ({ ...(await httpAuth.credentials(...args)) } as any),
      };
      t.options.permissions.authorizeConditional = ownerConditions;
      const upload = (body: string) =>
        request(t.app)
          .post('/cost/imports')
          .query({ dryRun: 'false' })
          .set('Content-Type', 'text/csv')
          .send(Buffer.from(body))
          .expect(202);

      const mine = await upload(
        'date,cost,tags\n2026-10-01,1.5,modelops-entity=fraud-detector\n',
      );
      expect(await poll(t.app, mine.body.id)).toMatchObject({
        status: 'succeeded',
      });
      // The refusal taken at upload still applies in the background.
      const theirs = await upload(
        'date,cost,tags\n2026-10-02,1,modelops-entity=fraud-detector\n2026-10-02,2,modelops-entity=search-ranker\n',
      );
      expect(await poll(t.app, theirs.body.id)).toMatchObject({
        status: 'failed',
        error: `Not allowed: modelops.cost.ingest on ${RANKER}`,
      });
      const rows = await knex('modelops_cost_records');
      expect(rows.map(row => [row.entity_ref, row.day])).toEqual([
        [FRAUD, '2026-10-01'],
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'answers bad input with 4xx naming the field, %p',
    async databaseId => {
      const { app, upload, knex } = await setup(databaseId);
      const expectError = async (
        res: request.Test,
        status: number,
        message: string,
      ) => {
        const answer = await res.expect(status);
        expect(answer.body.error.message).toContain(message);
      };
      await expectError(
        upload(Buffer.alloc(0)),
        400,
        'body: expected a billing export file',
      );
      await expectError(
        upload('simple.csv', { source: 'nope' }),
        400,
        "source: unknown source 'nope'",
      );
      await expectError(
        upload('simple.csv', { format: 'xml' }),
        400,
        "format: unknown format 'xml'",
      );
      await expectError(upload('simple.csv', { dryRun: 'yes' }), 400, 'dryRun');
      await expectError(
        upload('simple.csv', { confirms: '42' }),
        400,
        'confirms: expected the id of a dry run',
      );
      await expectError(
        upload('simple.csv', { format: 'focus' }),
        400,
        'body: FOCUS needs the column(s)',
      );
      // A format's own source reads files of that format only.
      await expectError(
        upload('simple.csv', { source: 'aws-cur' }),
        400,
        'body: AWS Cost and Usage Report needs the column(s)',
      );
      await expectError(
        request(app).post('/cost/imports').send({ csv: 'date,cost\n' }),
        400,
        'body: send the file itself as text/csv',
      );
      await expectError(
        upload(Buffer.from('date,cost,tags\n2026-10-01,-3,\n'), {
          dryRun: 'false',
        }),
        400,
        'body: nothing imported: row 2 cost: must be zero or more unless the category is credit',
      );
      await expectError(
        upload('simple.csv', {
          dryRun: 'false',
          confirms: '5f0c7d6e-2d7a-4d33-9a55-6a3f1c2b9e10',
        }),
        404,
        'confirms: no dry run',
      );
      const dryRun = await upload('focus-1.0.csv').expect(201);
      await expectError(
        upload('focus-1.1.csv', { dryRun: 'false', confirms: dryRun.body.id }),
        409,
        'confirms: the file differs from the one dry run',
      );
      await expectError(
        request(app).get('/cost/imports/42'),
        400,
        'id: expected the id of an import',
      );
      await expectError(
        request(app).get('/cost/imports/5f0c7d6e-2d7a-4d33-9a55-6a3f1c2b9e10'),
        404,
        'No cost import with id',
      );
      // Another caller's import does not exist for them.
      await expectError(
        request(app)
          .get(`/cost/imports/${dryRun.body.id}`)
          .set('Authorization', OTHER_USER),
        404,
        'No cost import with id',
      );
      expect(await knex('modelops_cost_records')).toHaveLength(0);
    },
  );

  it('imports formats that backend modules add', async () => {
    const knex = await initTestDatabase(databases, 'SQLITE_3');
    // A Databricks billable usage export, as a module would describe it.
    const databricks = columnMappedCostFormat({
      id: 'databricks',
      title: 'Databricks billable usage',
      required: ['usage_start_time', 'sku_name', 'usage_quantity', 'list_cost'],
      fields: {
        start: 'usage_start_time',
        end: 'usage_end_time',
        sku: 'sku_name',
        usageQuantity: 'usage_quantity',
        usageUnit: 'usage_unit',
      },
      amounts: { list: { description: 'list_cost', column: 'list_cost' } },
      defaultAmount: 'list',
      tags: [{ column: 'custom_tags' }],
    });
    const t = await createTestRouter(
      options => createCostRouter(options, { formats: [databricks] }),
      { database: knex, entities },
    );
    const res = await request(t.app)
      .post('/cost/imports')
      .set('Content-Type', 'text/csv')
      .send(
        [
          'workspace_id,sku_name,usage_start_time,usage_end_time,usage_quantity,usage_unit,list_cost,custom_tags',
          '42,PREMIUM_JOBS_COMPUTE_TRAINING,2026-10-01T00:00:00Z,2026-10-01T01:00:00Z,3,DBU,1.65,"{""modelops-entity"":""fraud-detector""}"',
        ].join('\n'),
      )
      .expect(201);
    expect(res.body.report).toMatchObject({
      source: 'databricks',
      format: { id: 'databricks', version: 'Databricks billable usage' },
      mapped: {
        byEntity: [{ entityRef: FRAUD, category: 'training', amount: 1.65 }],
      },
    });
    await expect(
      createTestRouter(
        options =>
          createCostRouter(options, {
            formats: [{ ...databricks, id: 'focus' }],
          }),
        { database: knex, entities },
      ),
    ).rejects.toThrow('Two cost export formats have the id focus');
  });

  it.each(databases.eachSupportedId())(
    'checks the ingest permission on every route, %p',
    async databaseId => {
      const { app, upload, setPermissionDecision, options, knex } = await setup(
        databaseId,
      );
      const sources = await request(app)
        .get('/cost/import-sources')
        .expect(200);
      expect(sources.body).toMatchObject({
        currency: 'USD',
        scope: 'all',
        formats: expect.arrayContaining([
          expect.objectContaining({ id: 'focus', defaultAmount: 'effective' }),
          expect.objectContaining({
            id: 'aws-cur',
            defaultAmount: 'amortized',
          }),
        ]),
        sources: expect.arrayContaining([
          { name: 'csv', format: 'modelops-csv', configured: false },
        ]),
      });
      const dryRun = await upload('focus-1.0.csv').expect(201);

      setPermissionDecision(AuthorizeResult.DENY);
      await request(app).get('/cost/import-sources').expect(403);
      await upload('focus-1.0.csv').expect(403);
      await request(app).get(`/cost/imports/${dryRun.body.id}`).expect(403);
      await request(app)
        .get('/cost/import-sources')
        .set('Authorization', mockCredentials.none.header())
        .expect(401);

      // An owner-scoped caller (the policy answers with conditions) may
      // import what maps to its own entities, and nothing ownerless.
      setPermissionDecision(decision =>
        decision.resourceRef === FRAUD
          ? AuthorizeResult.ALLOW
          : AuthorizeResult.DENY,
      );
      options.permissions.authorizeConditional = ownerConditions;
      const owned = await request(app).get('/cost/import-sources').expect(200);
      expect(owned.body.scope).toBe('owned');
      const mine = Buffer.from(
        'date,cost,tags\n2026-10-01,1.5,modelops-entity=fraud-detector\n',
      );
      await upload(mine, { dryRun: 'false' }).expect(201);
      const theirs = await upload(
        Buffer.from(
          'date,cost,tags\n2026-10-01,2,modelops-entity=search-ranker\n',
        ),
      ).expect(201);
      expect(theirs.body.report.commit).toEqual({
        allowed: false,
        reason: `Not allowed: modelops.cost.ingest on ${RANKER}`,
      });
      const ownerless = await upload(
        Buffer.from('date,cost,tags\n2026-10-02,2,\n'),
        { dryRun: 'false' },
      ).expect(403);
      expect(ownerless.body.error.message).toContain(
        'is needed on every entity to write or replace spend no catalog entity owns (unmapped:default/untagged)',
      );
      const rows = await knex('modelops_cost_records');
      expect(rows.map(row => row.entity_ref)).toEqual([FRAUD]);
    },
  );
});
