import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import { ConflictError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  scorecardEvaluatePermission,
  evidenceCreatePermission,
} from '@modelops/plugin-modelops-common';
import Router from 'express-promise-router';
import request from 'supertest';
import { z } from 'zod';
import { auditMutation } from './auditMutation';
import { authorizeBasic } from './authorizeBasic';
import { authorizeEntity } from './authorizeEntity';
import { chunks } from './chunks';
import { idempotentInsert } from './idempotentInsert';
import { isStoredId } from './isStoredId';
import { parseBody } from './parseBody';
import { parseQuery } from './parseQuery';
import { payloadFingerprint } from './payloadFingerprint';
import { createTestRouter } from './__testUtils__';
import type { ModelOpsRouterOptions } from './types';
import { withoutUndefined } from './withoutUndefined';

jest.setTimeout(60_000);

const bodySchema = z.object({
  metrics: z.array(z.object({ name: z.string().min(1), value: z.number() })),
});

function sampleRouter(options: ModelOpsRouterOptions) {
  const router = Router();
  router.post('/things/:name', async (req, res) => {
    const ref = `mlmodel:default/${req.params.name}`;
    await authorizeEntity(options, req, evidenceCreatePermission, ref, {
      allowService: req.query.services === 'yes',
    });
    const body = parseBody(bodySchema, req.body);
    const result = await auditMutation(
      options,
      req,
      { eventId: 'thing-create', entityRef: ref },
      async () => {
        if (body.metrics.length === 0) throw new ConflictError('empty');
        return body.metrics.length;
      },
    );
    res.status(201).json({ count: result });
  });
  router.post('/basic', async (req, res) => {
    await authorizeBasic(options, req, scorecardEvaluatePermission);
    res.json({ ok: true });
  });
  return router;
}

describe('parseBody and parseQuery', () => {
  it('names every failing field path and rule', () => {
    expect(() =>
      parseBody(bodySchema, { metrics: [{ name: '', value: 'x' }] }),
    ).toThrow(
      /metrics\.0\.name: .*>=1 characters.*; metrics\.0\.value: expected number, received string/,
    );
  });

  it('reports a missing body at the root', () => {
    expect(() => parseBody(bodySchema, undefined)).toThrow(
      /metrics: expected array, received undefined/,
    );
  });

  it('coerces query strings with z.coerce', () => {
    const schema = z.object({ limit: z.coerce.number().int().max(10) });
    expect(parseQuery(schema, { limit: '5' })).toEqual({ limit: 5 });
    expect(() => parseQuery(schema, { limit: '50' })).toThrow(
      /Invalid query: limit: Too big/,
    );
  });
});

describe('store helpers', () => {
  it('chunks keeps order and bounds every slice', () => {
    expect(chunks([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunks([], 2)).toEqual([]);
  });

  it('isStoredId accepts only positive bigint-sized integers', () => {
    expect(isStoredId('1')).toBe(true);
    expect(isStoredId('999999999999999999')).toBe(true);
    for (const id of ['0', '-1', '01', '1.5', 'abc', '9999999999999999999']) {
      expect(isStoredId(id)).toBe(false);
    }
  });

  it('withoutUndefined drops absent fields only', () => {
    expect(withoutUndefined({ a: 1, b: undefined, c: null, d: '' })).toEqual({
      a: 1,
      c: null,
      d: '',
    });
    expect('b' in withoutUndefined({ a: 1, b: undefined })).toBe(false);
  });
});

describe('payloadFingerprint', () => {
  it('ignores key order and undefined fields', () => {
    expect(payloadFingerprint({ a: 1, b: [{ x: 1, y: 2 }] })).toBe(
      payloadFingerprint({ b: [{ y: 2, x: 1 }], a: 1, c: undefined }),
    );
    expect(payloadFingerprint({ a: 1 })).not.toBe(payloadFingerprint({ a: 2 }));
  });
});

describe('authorizeEntity, authorizeBasic and auditMutation', () => {
  const body = { metrics: [{ name: 'auc', value: 0.9 }] };

  it('allows a permitted user, checks the entity ref and audits', async () => {
    const t = await createTestRouter(sampleRouter, {
      database: undefined as any,
    });
    await request(t.app)
      .post('/things/churn')
      .send(body)
      .expect(201, { count: 1 });
    expect(t.permissionRequests).toEqual([
      {
        permission: evidenceCreatePermission,
        resourceRef: 'mlmodel:default/churn',
      },
    ]);
    expect(t.auditEvents).toEqual([
      {
        eventId: 'thing-create',
        meta: { entityRef: 'mlmodel:default/churn' },
        status: 'succeeded',
      },
    ]);
  });

  it('answers 403 on DENY and 401 without credentials', async () => {
    const t = await createTestRouter(sampleRouter, {
      database: undefined as any,
      permissionDecision: AuthorizeResult.DENY,
    });
    const denied = await request(t.app).post('/things/churn').send(body);
    expect(denied.status).toBe(403);
    expect(denied.body.error.message).toMatch(
      /modelops\.evidence\.create on mlmodel:default\/churn/,
    );
    await request(t.app).post('/basic').expect(403);
    await request(t.app)
      .post('/things/churn')
      .set('Authorization', mockCredentials.none.header())
      .send(body)
      .expect(401);
    expect(t.auditEvents).toEqual([]);
  });

  it('accepts service tokens only where the route allows them', async () => {
    const t = await createTestRouter(sampleRouter, {
      database: undefined as any,
    });
    const refused = await request(t.app)
      .post('/things/churn')
      .set('Authorization', mockCredentials.service.header())
      .send(body);
    expect(refused.status).toBe(403);
    const accepted = await request(t.app)
      .post('/things/churn?services=yes')
      .set('Authorization', mockCredentials.service.header())
      .send(body);
    expect(accepted.status).toBe(201);
  });

  it('records a failed audit event and keeps the error status', async () => {
    const t = await createTestRouter(sampleRouter, {
      database: undefined as any,
    });
    await request(t.app)
      .post('/things/churn')
      .send({ metrics: [] })
      .expect(409);
    expect(t.auditEvents[0].status).toBe('failed');
    expect(t.auditEvents[0].error).toBeInstanceOf(ConflictError);
  });

  it('answers 400 naming the field before any mutation', async () => {
    const t = await createTestRouter(sampleRouter, {
      database: undefined as any,
    });
    const res = await request(t.app)
      .post('/things/churn')
      .send({ metrics: [{ name: 'auc', value: 'high' }] })
      .expect(400);
    expect(res.body.error.message).toMatch(
      /metrics\.0\.value: expected number, received string/,
    );
    expect(t.auditEvents).toEqual([]);
  });
});

describe('idempotentInsert', () => {
  const databases = TestDatabases.create({
    ids: ['SQLITE_3', 'POSTGRES_15'],
  });

  it.each(databases.eachSupportedId())(
    'inserts once, replays and rejects a changed payload, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await knex.schema.createTable('idem_test', table => {
        table.increments('id');
        table.string('key').notNullable().unique();
        table.string('fingerprint').notNullable();
        table.integer('value').notNullable();
      });
      const insert = (value: number) =>
        idempotentInsert(knex, {
          table: 'idem_test',
          row: { key: 'k1', fingerprint: payloadFingerprint(value), value },
          keyColumns: ['key'],
          fingerprintColumn: 'fingerprint',
          describeKey: 'key "k1"',
        });
      const first = await insert(1);
      expect(first.created).toBe(true);
      expect(first.row).toMatchObject({ key: 'k1', value: 1 });
      const again = await insert(1);
      expect(again).toEqual({ created: false, row: first.row });
      await expect(insert(2)).rejects.toThrow(
        'key "k1" was already used for a different payload',
      );
      expect(await knex('idem_test').count({ n: '*' })).toEqual([
        { n: databaseId === 'POSTGRES_15' ? '1' : 1 },
      ]);
    },
  );
});
