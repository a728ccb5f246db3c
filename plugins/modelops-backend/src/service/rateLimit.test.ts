import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import express from 'express';
import request from 'supertest';
import {
  DEFAULT_RATE_LIMIT,
  InMemoryRateLimiter,
  readRateLimitConfig,
} from './rateLimit';

function appWith(max: number, windowMs: number, clock: { now: number }) {
  const app = express();
  app.use(
    InMemoryRateLimiter.create({
      max,
      windowMs,
      httpAuth: mockServices.httpAuth(),
      now: () => clock.now,
    }).middleware(),
  );
  let handled = 0;
  app.all('/thing', (_req, res) => {
    handled += 1;
    res.json({ handled });
  });
  return { app, handled: () => handled };
}

describe('rateLimit', () => {
  it('answers 429 with Retry-After to a burst of one caller and keeps others and reads going', async () => {
    const clock = { now: 1_000_000 };
    const { app, handled } = appWith(3, 60_000, clock);
    const alice = mockCredentials.user.header('user:default/alice');
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await request(app).post('/thing').set('Authorization', alice);
      statuses.push(res.status);
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    expect(handled()).toBe(3);

    clock.now += 15_000;
    const limited = await request(app)
      .patch('/thing')
      .set('Authorization', alice)
      .send({ a: 1 });
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBe('45');
    expect(limited.body.error).toEqual({
      name: 'TooManyRequestsError',
      message:
        'Too many changes: at most 3 per caller every 60 s (modelops.rateLimit); retry after 45 s',
    });

    // Reads are not counted, other callers have their own window.
    await request(app).get('/thing').set('Authorization', alice).expect(200);
    await request(app)
      .delete('/thing')
      .set('Authorization', mockCredentials.service.header())
      .expect(200);
    await request(app)
      .put('/thing')
      .set('Authorization', mockCredentials.user.header('user:default/bob'))
      .expect(200);

    // A new window opens when the old one ends.
    clock.now += 45_000;
    await request(app).post('/thing').set('Authorization', alice).expect(200);
  });

  it('counts callers whose token does not verify by address, and lets the route answer', async () => {
    const clock = { now: 0 };
    const { app } = appWith(2, 1_000, clock);
    const bad = mockCredentials.user.invalidHeader();
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      statuses.push(
        (await request(app).post('/thing').set('Authorization', bad)).status,
      );
    }
    // The route of this test does not authenticate; a real route answers 401.
    expect(statuses).toEqual([200, 200, 429]);
  });

  it('reads modelops.rateLimit, off under tests unless configured', () => {
    const config = (data: object) => mockServices.rootConfig({ data });
    expect(
      readRateLimitConfig(config({}), { nodeEnv: 'test' }),
    ).toBeUndefined();
    expect(readRateLimitConfig(config({}), { nodeEnv: 'production' })).toEqual(
      DEFAULT_RATE_LIMIT,
    );
    expect(
      readRateLimitConfig(config({ modelops: { rateLimit: { max: 10 } } }), {
        nodeEnv: 'test',
      }),
    ).toEqual({ max: 10, windowMs: 60_000 });
    expect(
      readRateLimitConfig(config({ modelops: { rateLimit: { max: 0 } } }), {}),
    ).toBeUndefined();
    expect(() =>
      readRateLimitConfig(
        config({ modelops: { rateLimit: { windowMs: -5 } } }),
        {},
      ),
    ).toThrow('modelops.rateLimit.windowMs: must be a positive integer');
    expect(() =>
      readRateLimitConfig(
        config({ modelops: { rateLimit: { max: 1.5 } } }),
        {},
      ),
    ).toThrow('modelops.rateLimit.max: must be an integer >= 0');
  });
});
