/*
 * Tech Insights fact retrievers that hold the facts the ModelOps checks read,
 * computed by the same ModelOps fact providers, so both engines grade the
 * very same values. One retriever per fact namespace (`entity`, `links`,
 * `records`, `ownership`, `evaluation`, `cost`, `review`), each paging the
 * catalog as a Tech Insights retriever does and returning one fact row per
 * entity.
 */
import {
  parseEntityRef,
  stringifyEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import type { FactSchema } from '@backstage-community/plugin-tech-insights-common';
import type {
  FactRetriever,
  TechInsightFact,
} from '@backstage-community/plugin-tech-insights-node';
import { resolveFact } from '@modelops/plugin-modelops-common';
import type { ModelopsFactProvider } from '@modelops/plugin-modelops-node';
import { retrieverIdOf, type FactTypes } from './toJsonRulesCheck';

const DAY_MS = 24 * 60 * 60 * 1000;
const KINDS = ['MLModel', 'Dataset'];

/** What the retrievers need: the catalog, the ModelOps providers and the facts to hold. */
export interface ModelopsFactRetrieverOptions {
  catalog: {
    queryEntities(request: unknown): Promise<{
      items: Entity[];
      pageInfo: { nextCursor?: string };
    }>;
  };
  providers: ModelopsFactProvider[];
  /** Fact paths to store, e.g. `entity.spec.fallback`, `links.runbook`. */
  facts: string[];
  pageSize: number;
  now: Date;
}

/**
 * The facts of one namespace for one page of entities: each fact under its
 * full path, null when absent (so every row carries every fact).
 */
export async function namespaceFacts(
  namespace: string,
  entities: Entity[],
  options: Pick<ModelopsFactRetrieverOptions, 'providers' | 'facts' | 'now'>,
): Promise<Map<string, Record<string, unknown>>> {
  const paths = options.facts.filter(f => f.split('.')[0] === namespace);
  let values: (entity: Entity, ref: string) => unknown;
  if (namespace === 'entity') {
    values = entity => entity;
  } else if (namespace === 'review') {
    // The recent-review code check reads the last attestation; without a
    // review fact provider it comes from the entity's annotation.
    values = entity => {
      const raw = entity.metadata.annotations?.['modelops.dev/last-reviewed'];
      const at = typeof raw === 'string' ? Date.parse(raw) : NaN;
      return {
        ageDays: Number.isNaN(at)
          ? undefined
          : Math.floor((options.now.getTime() - at) / DAY_MS),
      };
    };
  } else {
    const provider = options.providers.find(p => p.id === namespace);
    if (!provider) {
      throw new Error(`No fact provider ${namespace} for ${paths.join(', ')}`);
    }
    const byRef = await provider.getFacts(entities, { now: options.now });
    values = (_entity, ref) => byRef.get(ref);
  }
  const out = new Map<string, Record<string, unknown>>();
  for (const entity of entities) {
    const ref = stringifyEntityRef(entity);
    const scope = { [namespace]: values(entity, ref) };
    const row: Record<string, unknown> = {};
    for (const path of paths) row[path] = resolveFact(scope, path) ?? null;
    out.set(ref, row);
  }
  return out;
}

/**
 * Fact types observed in sample rows; facts never seen with a value are
 * left out (they are declared `object`, any JSON, in the schema).
 */
export function inferFactTypes(rows: Iterable<Record<string, unknown>>) {
  const types: FactTypes = new Map();
  for (const row of rows) {
    for (const [name, value] of Object.entries(row)) {
      if (types.has(name) || value === null || value === undefined) continue;
      if (Array.isArray(value)) types.set(name, 'set');
      else if (typeof value === 'boolean') types.set(name, 'boolean');
      else if (typeof value === 'number') {
        types.set(name, Number.isInteger(value) ? 'integer' : 'float');
      } else if (typeof value === 'string') types.set(name, 'string');
      else types.set(name, 'object');
    }
  }
  return types;
}

/** One Tech Insights fact retriever per namespace of the given facts. */
export function modelopsFactRetrievers(
  options: ModelopsFactRetrieverOptions,
  types: FactTypes,
): FactRetriever[] {
  const namespaces = [...new Set(options.facts.map(f => f.split('.')[0]))];
  return namespaces.map(namespace => {
    const paths = options.facts.filter(f => f.split('.')[0] === namespace);
    const schema: FactSchema = {};
    for (const path of paths) {
      schema[path] = {
        type: types.get(path) ?? 'object',
        description: `ModelOps fact ${path}`,
      };
    }
    return {
      id: retrieverIdOf(paths[0]),
      version: '0.1.0',
      title: `ModelOps ${namespace} facts`,
      description: `The ${namespace} facts ModelOps checks read`,
      entityFilter: [{ kind: KINDS }],
      schema,
      handler: async () => {
        const facts: TechInsightFact[] = [];
        let cursor: string | undefined;
        do {
          const page = await options.catalog.queryEntities(
            cursor
              ? { cursor, limit: options.pageSize }
              : { filter: { kind: KINDS }, limit: options.pageSize },
          );
          const rows = await namespaceFacts(namespace, page.items, options);
          for (const [ref, row] of rows) {
            const { namespace: ns, kind, name } = parseEntityRef(ref);
            facts.push({
              entity: { namespace: ns, kind, name },
              facts: row as TechInsightFact['facts'],
            });
          }
          cursor = page.pageInfo.nextCursor;
        } while (cursor);
        return facts;
      },
    };
  });
}
