import { mockErrorHandler, mockServices } from '@backstage/backend-test-utils';
import { InputError, NotFoundError } from '@backstage/errors';
import express from 'express';
import Router from 'express-promise-router';
import request from 'supertest';
import { internalErrorBodies } from './internalErrorBodies';

describe('internalErrorBodies', () => {
  function app(error: unknown) {
    const logger = mockServices.logger.mock();
    const router = Router();
    router.get('/fail', async () => {
      throw error;
    });
    router.use(internalErrorBodies(logger));
    const server = express();
    server.use(express.json());
    server.use(router);
    server.use(mockErrorHandler());
    return { server, logger };
  }

  it('answers internal errors with a log id only, and logs them in full', async () => {
    const sqlite = Object.assign(
      new Error(
        'insert into `modelops_cost_monthly` (`amount`) values (NULL) - NOT NULL constraint failed: modelops_cost_monthly.amount',
      ),
      { code: 'SQLITE_CONSTRAINT_NOTNULL' },
    );
    const { server, logger } = app(sqlite);
    const res = await request(server).get('/fail');
    expect(res.status).toBe(500);
    const body = JSON.stringify(res.body);
    expect(body).not.toMatch(/modelops_|insert into|constraint|SQLITE/i);
    expect(res.body.error.stack).toBeUndefined();
    expect(res.body.error.message).toMatch(
      /^An internal error occurred; the backend log holds it as logId=[0-9a-f]{20}$/,
    );
    const logId = res.body.error.message.split('logId=')[1];
    expect(logger.error).toHaveBeenCalledWith(
      `Internal error logId=${logId}`,
      sqlite,
    );
  });

  it('passes client errors through unchanged', async () => {
    for (const [error, status] of [
      [new InputError('Invalid body: reason: too long'), 400],
      [
        new NotFoundError('entityRef: mlmodel:default/x is not in the catalog'),
        404,
      ],
      [
        Object.assign(new Error('request entity too large'), { status: 413 }),
        413,
      ],
    ] as const) {
      const res = await request(app(error).server).get('/fail');
      expect(res.status).toBe(status);
      expect(res.body.error.message).toBe(error.message);
    }
  });

  it('hides what a thrown non-error says', async () => {
    const res = await request(app('select * from secrets').server).get('/fail');
    expect(res.status).toBe(500);
    expect(JSON.stringify(res.body)).not.toContain('secrets');
  });
});
