/*
 * The scorecard answers of the demo portfolio, recorded from the real
 * plugin: the demo catalog of examples/, the demo evidence, cost history,
 * reviews, delivery history and campaigns loaded as the demo backend loads
 * them, one evaluation by the shipped engine and packs, then the summaries
 * by pack, team and system and every entity's scorecard as the routes
 * answer them. The frontend's agreement test renders the ML home, the
 * scorecards page and the entity scorecard card from this recording, so
 * that the three pages are proven to show the same pass rates and levels
 * for the same answers, and the recording is proven to be what the backend
 * says.
 *
 * The recording lives beside the frontend components; this test fails when
 * it is stale (it compares content, not layout, so prettier may format the
 * file). Rewrite it with
 *   UPDATE_DEMO_SCORECARD_ANSWERS=1 yarn backstage-cli package test src/scorecards/demo/demoScorecardAnswers
 */
import { TestDatabases } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import type {
  EntityScorecard,
  ScorecardSummary,
} from '@modelops/plugin-modelops-common';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import {
  startHardeningBackend,
  type HardeningBackend,
} from '../../hardening/__testUtils__/startHardeningBackend';
import { initTestDatabase } from '../../service/__testUtils__';

jest.setTimeout(180_000);

const EXAMPLES = resolve(__dirname, '../../../../../examples');
const RECORDING = resolve(
  __dirname,
  '../../../../modelops/src/components/scorecards/__fixtures__/demoScorecardAnswers.json',
);
/** The day the recording is made on: the demo data is dated relative to it. */
const TODAY = new Date('2026-12-02T09:00:00Z');

/**
 * Every entity of the demo catalog, in the default namespace, with the
 * membership relations the catalog stitches from users' `memberOf` (the
 * ownership checks count an owner's members).
 */
function demoCatalog(): Entity[] {
  const entities = [
    'org.yaml',
    'systems.yaml',
    'models.yaml',
    'datasets.yaml',
    'components.yaml',
  ].flatMap(file =>
    parseAllDocuments(readFileSync(resolve(EXAMPLES, file), 'utf8'))
      .map(doc => doc.toJS() as Entity)
      .filter(e => e?.kind)
      .map(e => ({ ...e, metadata: { namespace: 'default', ...e.metadata } })),
  );
  const members = new Map<string, string[]>();
  for (const user of entities.filter(e => e.kind === 'User')) {
    for (const group of (user.spec?.memberOf as string[] | undefined) ?? []) {
      const ref = `group:default/${group.replace(/^group:(default\/)?/, '')}`;
      members.set(ref, [
        ...(members.get(ref) ?? []),
        `user:default/${user.metadata.name}`,
      ]);
    }
  }
  return entities.map(e =>
    e.kind === 'Group'
      ? {
          ...e,
          relations: (
            members.get(`group:default/${e.metadata.name}`) ?? []
          ).map(targetRef => ({ type: 'hasMember', targetRef })),
        }
      : e,
  );
}

/** What the frontend test needs of the catalog: names, titles, owners. */
function catalogEntry(e: Entity) {
  const spec = (e.spec ?? {}) as Record<string, unknown>;
  return {
    kind: e.kind,
    metadata: {
      namespace: e.metadata.namespace,
      name: e.metadata.name,
      ...(e.metadata.title ? { title: e.metadata.title } : {}),
    },
    spec: {
      ...(spec.owner ? { owner: spec.owner } : {}),
      ...(spec.lifecycle ? { lifecycle: spec.lifecycle } : {}),
      ...(spec.system ? { system: spec.system } : {}),
    },
  };
}

/**
 * An entity scorecard without the check metadata it repeats per result
 * (the recording keeps the check list once; the frontend test puts it
 * back), so that the recording stays small enough to read in a review.
 */
function compactScorecard(card: EntityScorecard) {
  const { failing: _failing, ...rest } = card;
  return {
    ...rest,
    results: card.results.map(({ check: _check, ...r }) => r),
    notApplicable: card.notApplicable.map(c => c.id),
  };
}

describe('the demo scorecard answers', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let backend: HardeningBackend;

  beforeAll(async () => {
    // Only the clock is replaced: the demo cost history ends on the day the
    // backend starts, and stale-evidence checks count days up to it.
    jest.useFakeTimers({
      now: TODAY,
      doNotFake: [
        'hrtime',
        'nextTick',
        'performance',
        'queueMicrotask',
        'setImmediate',
        'clearImmediate',
        'setInterval',
        'clearInterval',
        'setTimeout',
        'clearTimeout',
      ],
    });
    backend = await startHardeningBackend({
      knex: await initTestDatabase(databases, 'SQLITE_3'),
      entities: demoCatalog(),
      config: {
        modelops: {
          demoData: {
            evidenceDirectory: resolve(EXAMPLES, 'evidence'),
            cost: true,
            reviews: true,
            delivery: true,
            campaigns: true,
          },
          scorecards: { evidenceMaxAgeDays: 365, monitoringMaxAgeDays: 90 },
        },
      },
    });
  });

  afterAll(async () => {
    await backend?.stop();
    jest.useRealTimers();
  });

  it('are what the backend answers for the demo', async () => {
    const get = async (path: string, query?: Record<string, string>) => {
      const res = await backend.request({ method: 'GET', path, query });
      if (res.status !== 200) {
        throw new Error(`${path} answered ${res.status}: ${res.text}`);
      }
      return res.body;
    };
    const evaluated = await backend.request({
      method: 'POST',
      path: '/scorecards/evaluate',
      json: {},
    });
    expect(evaluated.status).toBe(200);
    expect(evaluated.body.entities).toBe(42);

    const catalog = demoCatalog();
    const scored = catalog.filter(
      e => e.kind === 'MLModel' || e.kind === 'Dataset',
    );
    const summaries: Record<string, ScorecardSummary> = {};
    for (const groupBy of ['pack', 'team', 'system']) {
      summaries[groupBy] = await get('/scorecards/summary', { groupBy });
    }
    const entities: Record<string, unknown> = {};
    for (const e of scored) {
      const ref = `${e.kind.toLowerCase()}:default/${e.metadata.name}`;
      entities[ref] = compactScorecard(
        await get('/scorecards/entity', { entityRef: ref }),
      );
    }
    const recording = {
      recordedOn: TODAY.toISOString(),
      checks: (await get('/scorecards/checks')).items,
      summaries,
      entities,
      catalog: catalog.filter(e => e.kind !== 'Location').map(catalogEntry),
    };
    const text = `${JSON.stringify(recording, null, 2)}\n`;
    if (process.env.UPDATE_DEMO_SCORECARD_ANSWERS) {
      writeFileSync(RECORDING, text);
    }
    // A stale recording would let the pages agree on numbers the backend no
    // longer gives.
    expect(JSON.parse(readFileSync(RECORDING, 'utf8'))).toEqual(
      JSON.parse(text),
    );
  });
});
