import { mockServices } from '@backstage/backend-test-utils';
import {
  DRIFT_TESTS,
  EVIDENCE_LIST_LIMITS,
  MAX_EVALUATION_METRICS,
  MAX_OBSERVATION_REPORTS,
  MAX_SNAPSHOT_DRIFT_ENTRIES,
} from '@modelops/plugin-modelops-common';
import type { Router } from 'express';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { createEvidenceRouter } from '../evidence/createEvidenceRouter';
import { createObservationsRouter } from '../observations/createObservationsRouter';
import type { ModelOpsRouterOptions } from '../service/types';

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
}

/** Every `METHOD /path` of an express router, with `:param` as `{param}`. */
function routesOf(router: Router): string[] {
  return (router.stack as Layer[]).flatMap(layer =>
    layer.route
      ? Object.keys(layer.route.methods).map(
          method =>
            `${method.toUpperCase()} ${layer.route!.path.replace(
              /:(\w+)/g,
              '{$1}',
            )}`,
        )
      : [],
  );
}

const spec = parse(readFileSync(resolve(__dirname, 'openapi.yaml'), 'utf8'));

const documented: string[] = Object.entries(
  spec.paths as Record<string, Record<string, unknown>>,
).flatMap(([path, operations]) =>
  Object.keys(operations)
    .filter(key => key !== 'parameters')
    .map(method => `${method.toUpperCase()} ${path}`),
);

// Routers only register routes here; no request reaches the services.
const options = {
  database: {},
  logger: mockServices.logger.mock(),
} as unknown as ModelOpsRouterOptions;

// Each feature router whose routes the spec must describe, one line each.
const featureRouters: Record<string, (o: ModelOpsRouterOptions) => Router> = {
  evidence: createEvidenceRouter,
  observations: createObservationsRouter,
};

describe('openapi.yaml', () => {
  it.each(Object.entries(featureRouters))(
    'documents every %s route',
    (_feature, factory) => {
      const routes = routesOf(factory(options));
      expect(routes.length).toBeGreaterThan(0);
      expect(documented).toEqual(expect.arrayContaining(routes));
    },
  );

  it('lists the evidence routes', () => {
    expect(routesOf(createEvidenceRouter(options)).sort()).toEqual([
      'GET /evaluations',
      'GET /monitoring-snapshots',
      'POST /evaluations',
      'POST /monitoring-snapshots',
    ]);
  });

  it('resolves every local $ref', () => {
    const refs = JSON.stringify(spec).match(/"\$ref":"#\/[^"]+"/g) ?? [];
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) {
      const path = ref.slice('"$ref":"#/'.length, -1).split('/');
      const target = path.reduce<any>((node, key) => node?.[key], spec);
      expect({ ref, found: target !== undefined }).toEqual({
        ref,
        found: true,
      });
    }
  });

  it('agrees with the zod limits and drift tests', () => {
    const { schemas } = spec.components;
    expect(schemas.EvaluationReportInput.properties.metrics.maxItems).toBe(
      MAX_EVALUATION_METRICS,
    );
    expect(schemas.MonitoringSnapshotInput.properties.drift.maxItems).toBe(
      MAX_SNAPSHOT_DRIFT_ENTRIES,
    );
    expect(schemas.DriftStatistic.properties.test.enum).toEqual([
      ...DRIFT_TESTS,
    ]);
    expect(spec.components.parameters.limit.schema.maximum).toBe(
      EVIDENCE_LIST_LIMITS.max,
    );
    expect(schemas.ObservationSnapshotInput.properties.reports.maxItems).toBe(
      MAX_OBSERVATION_REPORTS,
    );
  });
});
