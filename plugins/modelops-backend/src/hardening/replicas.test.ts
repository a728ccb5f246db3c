/*
 * Two replicas on one PostgreSQL database: two backends run the real plugin
 * in this process, each with its own knex pool to the same database and the
 * real scheduler of backend-defaults. The scheduled tasks are global, so the
 * scheduler's lock in the database must let one replica at a time run them:
 * the scorecard evaluation ('modelops-scorecards-evaluate', every 2 s here)
 * never overlaps itself and runs once per period across both replicas; the
 * review task ('modelops-reviews-open-cycles', every 5 minutes after a 20 s
 * start delay) runs exactly once; nothing they write is doubled; and either
 * replica answers the same to the same read, including what the other one
 * just wrote.
 */
import { TestDatabases } from '@backstage/backend-test-utils';
import knexFactory, { type Knex } from 'knex';
import { ReviewCycleRunner } from '../reviews/ReviewCycleRunner';
import { DefaultScorecardEngine } from '../scorecards/ScorecardEngine';
import {
  DATASET,
  MODEL,
  OTHER_MODEL,
  PRINCIPALS,
} from './__testUtils__/hardeningCatalog';
import {
  startHardeningBackend,
  type HardeningBackend,
  type HarnessRequest,
} from './__testUtils__/startHardeningBackend';

jest.setTimeout(120_000);

const CADENCE_MS = 2_000;
// The review task's start delay is 20 s and a replica looks for due work at
// least every 5 s: it has run by 30 s unless something is wrong.
const REVIEW_RUN_DEADLINE_MS = 40_000;

interface Run {
  task: 'scorecards' | 'reviews';
  instance: number;
  start: number;
  end?: number;
}

/** Records every run of a method, per instance, around the original. */
function recordRuns<T extends object>(
  prototype: T,
  method: keyof T & string,
  task: Run['task'],
  runs: Run[],
) {
  const instances = new Map<object, number>();
  const original = (prototype as any)[method] as (...a: any[]) => any;
  return jest
    .spyOn(prototype as any, method)
    .mockImplementation(async function wrapped(this: object, ...args: any[]) {
      if (!instances.has(this)) instances.set(this, instances.size);
      const run: Run = {
        task,
        instance: instances.get(this)!,
        start: Date.now(),
      };
      runs.push(run);
      try {
        return await original.apply(this, args);
      } finally {
        run.end = Date.now();
      }
    });
}

async function waitFor(condition: () => boolean, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline) {
    await new Promise(resolve => setTimeout(resolve, 200));
  }
  return condition();
}

const databases = TestDatabases.create({ ids: ['POSTGRES_15'] });

describe('two replicas on one PostgreSQL database', () => {
  const runs: Run[] = [];
  const replicas: HardeningBackend[] = [];
  let secondPool: Knex | undefined;

  afterAll(async () => {
    for (const replica of replicas) await replica.stop();
    await secondPool?.destroy();
    jest.restoreAllMocks();
  });

  it('runs scheduled work once per period across both and serves the same reads', async () => {
    if (!databases.eachSupportedId().length) return;
    recordRuns(
      DefaultScorecardEngine.prototype,
      'evaluateAll',
      'scorecards',
      runs,
    );
    recordRuns(ReviewCycleRunner.prototype, 'run', 'reviews', runs);

    const firstPool = await databases.init('POSTGRES_15');
    // The second replica's own pool to the same database, as a second pod
    // would open it from the same app-config.
    secondPool = knexFactory(firstPool.client.config);
    const config = {
      modelops: {
        changes: { reviewGroup: 'group:default/ml' },
        scorecards: {
          schedule: {
            frequency: { seconds: CADENCE_MS / 1000 },
            timeout: { seconds: 30 },
          },
        },
      },
    };
    // One after the other, as a rolling deployment starts pods: the second
    // finds the migrations done.
    const started = Date.now();
    replicas.push(
      await startHardeningBackend({
        knex: firstPool,
        config,
        scheduler: 'database',
      }),
    );
    replicas.push(
      await startHardeningBackend({
        knex: secondPool,
        config,
        scheduler: 'database',
      }),
    );
    const [a, b] = replicas;

    const reviewed = await waitFor(
      () => runs.some(r => r.task === 'reviews' && r.end !== undefined),
      REVIEW_RUN_DEADLINE_MS,
    );
    expect(reviewed).toBe(true);
    // Both replicas poll for due work every 5 s at most: past that, a second
    // run of the 5-minute task would have shown.
    await new Promise(resolve => setTimeout(resolve, 6_000));
    const elapsed = Date.now() - started;

    const reviewRuns = runs.filter(r => r.task === 'reviews');
    expect(reviewRuns).toHaveLength(1);

    const scorecardRuns = runs
      .filter(r => r.task === 'scorecards')
      .sort((x, y) => x.start - y.start);
    // Each run starts after the previous one ended (the global lock) and a
    // period after the previous start (once per period, not once per replica).
    const problems: string[] = [];
    scorecardRuns.forEach((run, i) => {
      const previous = scorecardRuns[i - 1];
      if (!previous) return;
      if (previous.end === undefined || run.start < previous.end) {
        problems.push(`run ${i} started before run ${i - 1} ended`);
      }
      // The scheduler stores times with second precision in PostgreSQL.
      if (run.start - previous.start < CADENCE_MS - 1_000) {
        problems.push(
          `run ${i} started ${run.start - previous.start} ms after run ${
            i - 1
          }`,
        );
      }
    });
    expect(problems).toEqual([]);
    expect(scorecardRuns.length).toBeGreaterThanOrEqual(3);
    expect(scorecardRuns.length).toBeLessThanOrEqual(
      Math.ceil(elapsed / CADENCE_MS) + 1,
    );

    // Nothing doubled: one result and one history row (the first
    // evaluation; later runs change nothing) per entity and check, one
    // review cycle per cadence and one item per entity under review.
    const knex = firstPool;
    const [{ results }] = await knex('modelops_scorecard_results').count({
      results: '*',
    });
    const history = await knex('modelops_scorecard_history')
      .select('entity_ref', 'check_id')
      .count({ n: '*' })
      .groupBy('entity_ref', 'check_id');
    expect(Number(results)).toBeGreaterThan(0);
    expect(history).toHaveLength(Number(results));
    expect(history.filter(h => Number(h.n) !== 1)).toEqual([]);
    const cycles = await knex('modelops_review_cycles').select('id');
    const items = await knex('modelops_review_items')
      .select('entity_ref')
      .orderBy('entity_ref');
    expect(cycles).toHaveLength(2); // MLModel and Dataset in production
    expect(items.map(i => i.entity_ref)).toEqual(
      [DATASET, MODEL, OTHER_MODEL].sort(),
    );

    // A write on one replica is read back the same from both.
    const cost = await a.request({
      method: 'POST',
      path: '/cost/records',
      authorization: PRINCIPALS.service,
      json: {
        source: 'replicas',
        records: [
          {
            entityRef: MODEL,
            day: new Date(Date.now() - 86_400_000).toISOString().slice(0, 10),
            category: 'inference',
            amount: 42,
            currency: 'USD',
          },
        ],
      },
    });
    expect(cost.status).toBe(200);
    const reads: HarnessRequest[] = [
      { method: 'GET', path: '/cost/entity', query: { entityRef: MODEL } },
      {
        method: 'GET',
        path: '/scorecards/entity',
        query: { entityRef: MODEL },
      },
      {
        method: 'GET',
        path: '/scorecards/summary',
        query: { groupBy: 'team' },
      },
      { method: 'GET', path: '/reviews/cycles' },
      { method: 'GET', path: '/reviews/entity', query: { entityRef: MODEL } },
    ];
    for (const read of reads) {
      const req = { ...read, authorization: PRINCIPALS.owner };
      // An evaluation may land between two reads and move evaluatedAt: a
      // pair read in parallel that differs is read again.
      let pair = await Promise.all([a.request(req), b.request(req)]);
      for (
        let attempt = 0;
        attempt < 3 && pair[0].text !== pair[1].text;
        attempt++
      ) {
        pair = await Promise.all([a.request(req), b.request(req)]);
      }
      expect(pair[0].status).toBe(200);
      expect(pair[1].body).toEqual(pair[0].body);
    }
    const instances = new Set(scorecardRuns.map(r => r.instance));
    // eslint-disable-next-line no-console
    console.log(
      `Replicas: ${scorecardRuns.length} scorecard runs in ${elapsed} ms at a ${CADENCE_MS} ms cadence, by ${instances.size} of 2 replicas; ${reviewRuns.length} review run; ${results} results, ${items.length} review items`,
    );
  });
});
