/*
 * What the scorecard benchmarks share: the generated MLModel and Dataset
 * entities, an in-memory catalog over them, the selection of shipped checks
 * and the engine wired as the backend wires it (built-in fact providers on a
 * SQLite file database with the ModelOps migrations). The scorecard benchmark
 * and the Tech Insights comparison import these, so both measure the same
 * entities, checks and facts.
 */
import path from 'node:path';
import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import knexFactory, { type Knex } from 'knex';
import type {
  ModelopsCheck,
  ModelopsFactProvider,
} from '@modelops/plugin-modelops-node';
import { DatabaseEvidenceStore } from '../../plugins/modelops-backend/src/evidence/DatabaseEvidenceStore';
import { DatabaseScorecardStore } from '../../plugins/modelops-backend/src/scorecards/DatabaseScorecardStore';
import { CostFactProvider } from '../../plugins/modelops-backend/src/scorecards/facts/CostFactProvider';
import { EvidenceFactProvider } from '../../plugins/modelops-backend/src/scorecards/facts/EvidenceFactProvider';
import { LinksFactProvider } from '../../plugins/modelops-backend/src/scorecards/facts/LinksFactProvider';
import { OwnershipFactProvider } from '../../plugins/modelops-backend/src/scorecards/facts/OwnershipFactProvider';
import { RecordsFactProvider } from '../../plugins/modelops-backend/src/scorecards/facts/RecordsFactProvider';
import { shippedChecks } from '../../plugins/modelops-backend/src/scorecards/packs/shippedChecks';
import { DefaultScorecardEngine } from '../../plugins/modelops-backend/src/scorecards/ScorecardEngine';

/** Owning groups the generated entities are spread over. */
export const TEAMS = 40;

const migrations = path.resolve(
  __dirname,
  '../../plugins/modelops-backend/migrations',
);

const tiers = ['high', 'limited', 'minimal', undefined];
const lifecycles = [
  'production',
  'production',
  'staging',
  'development',
  'experimental',
];

/** Deterministic entities: 80 % models, 20 % datasets, with gaps so checks both pass and fail. */
export function benchEntities(n: number): Entity[] {
  return Array.from({ length: n }, (_, i) => {
    const owner = `group:default/team-${i % TEAMS}`;
    const lifecycle = lifecycles[i % lifecycles.length];
    if (i % 5 === 4) {
      return {
        apiVersion: 'modelops.dev/v1alpha1',
        kind: 'Dataset',
        metadata: {
          name: `dataset-${i}`,
          namespace: 'default',
          description: i % 3 ? 'Rows.' : undefined,
        },
        spec: {
          owner,
          lifecycle,
          steward: i % 7 ? 'user:default/steward' : undefined,
          classification: 'confidential',
          containsPII: i % 2 === 0,
          schema: {
            url: 'https://schemas.example.com/x',
            validated: i % 4 !== 0,
          },
          quality: { checks: ['completeness', 'consistency', 'accuracy'] },
          retention:
            i % 3
              ? { period: 'P7Y', policyUrl: 'https://grc.example.com/r' }
              : undefined,
          access: ['group:default/team-1'],
        },
      };
    }
    return {
      apiVersion: 'modelops.dev/v1alpha1',
      kind: 'MLModel',
      metadata: {
        name: `model-${i}`,
        namespace: 'default',
        description: 'Scores.',
        links:
          i % 3
            ? [{ url: 'https://runbooks.example.com/x', type: 'runbook' }]
            : [],
      },
      spec: {
        owner,
        lifecycle,
        system: `system-${i % 25}`,
        fallback: i % 4 ? 'Rules engine.' : undefined,
        risk: { tier: tiers[i % tiers.length], explainability: ['shap'] },
        deployment: {
          serving: 'kubernetes',
          strategy: i % 2 ? 'canary' : 'rolling',
          latencySloMs: 100,
        },
        monitoring: {
          alerts: ['latency'],
          drift: { test: 'ks', output: true },
        },
        intendedUse: { primaryUses: ['x'], primaryUsers: ['y'] },
        limitations: 'Some.',
        retention: { decisionLogs: 'P1Y' },
        cost: { monthlyBudget: 1000, currency: 'USD', costCenter: 'CC-1' },
      },
    };
  });
}

/**
 * A catalog that pages by offset cursor, resolves owner groups and answers
 * single-entity reads from memory, so the catalog itself costs nothing.
 */
export function benchCatalog(all: Entity[]) {
  const groups = new Map(
    Array.from({ length: TEAMS }, (_, t) => [
      `group:default/team-${t}`,
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Group',
        metadata: { name: `team-${t}`, namespace: 'default' },
        spec: { type: 'team', children: [] },
        relations: [{ type: 'hasMember', targetRef: 'user:default/ada' }],
      } as Entity,
    ]),
  );
  let byRef: Map<string, Entity> | undefined;
  return {
    async queryEntities(request: any) {
      const offset = request?.cursor ? Number(request.cursor) : 0;
      const limit = request?.limit ?? 500;
      const items = all.slice(offset, offset + limit);
      const next =
        offset + limit < all.length ? String(offset + limit) : undefined;
      return { items, totalItems: all.length, pageInfo: { nextCursor: next } };
    },
    async getEntitiesByRefs(request: { entityRefs: string[] }) {
      return { items: request.entityRefs.map(ref => groups.get(ref)) };
    },
    async getEntityByRef(ref: string) {
      // Built on first use: only callers that read one entity at a time pay for it.
      byRef ??= new Map(all.map(e => [stringifyEntityRef(e), e]));
      return byRef.get(ref) ?? groups.get(ref);
    },
  } as any;
}

/** Service credentials are not checked by the in-memory catalog. */
export const benchAuth = { getOwnServiceCredentials: async () => ({}) } as any;

/** A logger that drops everything, so logging costs nothing in either engine. */
export const silentLogger: any = {
  info() {},
  warn() {},
  error() {},
  debug() {},
  child() {
    return silentLogger;
  },
};

/**
 * `count` shipped checks: every 7th (7 is coprime with the count, so no
 * repeats), so that the selection spans every pack, both kinds and all tiers.
 */
export function benchChecks(count: number): ModelopsCheck[] {
  const shipped = shippedChecks();
  if (count > shipped.length) {
    throw new Error(
      `At most ${shipped.length} checks ship; asked for ${count}`,
    );
  }
  return Array.from(
    { length: count },
    (_, i) => shipped[(i * 7) % shipped.length],
  );
}

/** A SQLite file database with the ModelOps migrations applied. */
export async function openBenchDatabase(file: string): Promise<Knex> {
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: file },
    useNullAsDefault: true,
  });
  await knex.migrate.latest({ directory: migrations });
  return knex;
}

/** The built-in fact providers, as the backend registers them. */
export function benchFactProviders(
  knex: Knex,
  catalog: any,
): ModelopsFactProvider[] {
  return [
    LinksFactProvider.create(),
    RecordsFactProvider.create(),
    OwnershipFactProvider.create({ catalog, auth: benchAuth }),
    EvidenceFactProvider.create({
      store: DatabaseEvidenceStore.create({ knex }),
    }),
    CostFactProvider.create({ database: knex }),
  ];
}

/** The real scorecard engine over the bench catalog, storing into `knex`. */
export function createBenchEngine(options: {
  knex: Knex;
  catalog: any;
  checks: ModelopsCheck[];
  pageSize: number;
}) {
  const store = DatabaseScorecardStore.create(options.knex);
  const engine = DefaultScorecardEngine.create({
    store,
    catalog: options.catalog,
    auth: benchAuth,
    logger: silentLogger,
    checks: options.checks,
    factProviders: benchFactProviders(options.knex, options.catalog),
    pageSize: options.pageSize,
  });
  return { engine, store };
}
