/*
 * The rate limit through the real plugin: with `modelops.rateLimit`
 * configured, a burst of mutations from one caller gets 429 with
 * Retry-After past the limit, and a refused mutation writes nothing and
 * audits nothing; reads and other callers go on.
 */
import { TestDatabases } from '@backstage/backend-test-utils';
import { MODEL, PRINCIPALS } from './__testUtils__/hardeningCatalog';
import {
  startHardeningBackend,
  type HardeningBackend,
} from './__testUtils__/startHardeningBackend';

jest.setTimeout(60_000);

const MAX = 5;

describe('rate limit on mutations', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let backend: HardeningBackend;

  beforeAll(async () => {
    backend = await startHardeningBackend({
      knex: await databases.init('SQLITE_3'),
      config: {
        modelops: {
          changes: { reviewGroup: 'group:default/ml' },
          rateLimit: { windowMs: 60_000, max: MAX },
        },
      },
    });
  });
  afterAll(() => backend?.stop());

  it('answers a burst with 429 and Retry-After, writing and auditing nothing past the limit', async () => {
    const feedback = (i: number) => ({
      method: 'POST',
      path: '/feedback',
      authorization: PRINCIPALS.owner,
      json: { entityRef: MODEL, category: 'usability', text: `Burst ${i}` },
    });
    const burst = await Promise.all(
      Array.from({ length: MAX + 5 }, (_, i) => backend.request(feedback(i))),
    );
    const statuses = burst.map(r => r.status).sort();
    expect(statuses).toEqual([...Array(MAX).fill(201), ...Array(5).fill(429)]);
    for (const refused of burst.filter(r => r.status === 429)) {
      const retryAfter = Number(refused.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(refused.body.error.message).toMatch(
        /^Too many changes: at most 5 per caller every 60 s/,
      );
    }
    const counts = await backend.rowCounts();
    expect(counts.modelops_feedback).toBe(MAX);
    expect(
      backend.audits.filter(e => e.eventId === 'feedback-create'),
    ).toHaveLength(MAX);

    // Reads of the same caller and mutations of another caller go on.
    const list = await backend.request({
      method: 'GET',
      path: '/feedback',
      query: { entityRef: MODEL },
      authorization: PRINCIPALS.owner,
    });
    expect(list.status).toBe(200);
    const other = await backend.request({
      method: 'POST',
      path: '/feedback',
      authorization: PRINCIPALS.nonOwner,
      json: { entityRef: MODEL, category: 'outage', text: 'Down for us too' },
    });
    expect(other.status).toBe(201);
  });
});
