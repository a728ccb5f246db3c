import {
  observationSnapshotInputSchema,
  observationSourceSchema,
  observationsQuerySchema,
  observationsWritePermission,
  servingDisagreements,
  type EntityObservations,
  type ObservationSnapshotResult,
} from '@modelops/plugin-modelops-common';
import type { Router } from 'express';
import PromiseRouter from 'express-promise-router';
import { z } from 'zod';
import { auditMutation } from '../service/auditMutation';
import { authorizeBasic } from '../service/authorizeBasic';
import { requireCredentials } from '../service/authorizeEntity';
import { parseBody } from '../service/parseBody';
import { parseQuery } from '../service/parseQuery';
import { requireModel } from '../service/requireModel';
import type { ModelOpsRouterOptions } from '../service/types';
import { zodIssuesToInputError } from '../service/zodIssuesToInputError';
import { DatabaseObservationStore } from './DatabaseObservationStore';
import { namedServingObjects } from './ObservationFactProvider';
import type { ObservationStore } from './types';

/** Replaceable parts of the observations router; plugin.ts shares its store. */
export interface ObservationsRouterDeps {
  store?: ObservationStore;
}

/**
 * Routes of observations and import notes (see src/schema/openapi.yaml):
 *
 * - `PUT /observations/sources/{source}`: registry and cluster providers
 *   (service token) or users holding `modelops.observations.write` replace
 *   the snapshot of one source.
 * - `GET /observations?entityRef=`: anyone who can see the model reads its
 *   reports and where its YAML and the cluster disagree.
 */
export function createObservationsRouter(
  options: ModelOpsRouterOptions,
  deps: ObservationsRouterDeps = {},
): Router {
  const store =
    deps.store ?? DatabaseObservationStore.create({ knex: options.database });
  const router = PromiseRouter();

  router.put('/observations/sources/:source', async (req, res) => {
    await authorizeBasic(options, req, observationsWritePermission, {
      allowService: true,
    });
    const path = z
      .object({ source: observationSourceSchema })
      .safeParse(req.params);
    if (!path.success) {
      throw zodIssuesToInputError(path.error, 'path');
    }
    const source = path.data.source;
    const input = parseBody(observationSnapshotInputSchema, req.body);
    await auditMutation(
      options,
      req,
      {
        eventId: 'observations-replace',
        meta: { source: source, reports: input.reports.length },
      },
      () => store.replaceSource(source, input.reports),
    );
    const result: ObservationSnapshotResult = {
      source: source,
      reports: input.reports.length,
    };
    res.json(result);
  });

  router.get('/observations', async (req, res) => {
    const credentials = await requireCredentials(options, req, {
      allowService: true,
    });
    const { entityRef } = parseQuery(observationsQuerySchema, req.query);
    const entity = await requireModel(options, credentials, entityRef);
    const reports =
      (
        await store.listForEntities([
          { entityRef, sourceObjects: namedServingObjects(entity) },
        ])
      ).get(entityRef) ?? [];
    const body: EntityObservations = {
      entityRef,
      reports,
      disagreements: reports.flatMap(r =>
        r.serving ? servingDisagreements(entity.spec, r.serving) : [],
      ),
    };
    res.json(body);
  });

  return router;
}
