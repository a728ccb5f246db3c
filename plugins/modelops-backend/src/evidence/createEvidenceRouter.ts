import {
  evaluationListQuerySchema,
  evaluationReportInputSchema,
  evidenceCreatePermission,
  monitoringSnapshotInputSchema,
  monitoringSnapshotListQuerySchema,
} from '@modelops/plugin-modelops-common';
import type { Request, Router } from 'express';
import PromiseRouter from 'express-promise-router';
import { auditMutation } from '../service/auditMutation';
import { requireCredentials } from '../service/authorizeEntity';
import { authorizeIngest, readIngestScopes } from '../service/authorizeIngest';
import {
  assertObservedTimes,
  readObservedTimeBounds,
} from '../service/observedTimeBounds';
import { parseBody } from '../service/parseBody';
import { parseQuery } from '../service/parseQuery';
import { requireModel } from '../service/requireModel';
import type { ModelOpsRouterOptions } from '../service/types';
import { DatabaseEvidenceStore } from './DatabaseEvidenceStore';
import type { EvidenceStore } from './types';

/**
 * Routes of the evidence API (see src/schema/openapi.yaml):
 *
 * - `POST /evaluations`, `POST /monitoring-snapshots`: pipelines (service
 *   tokens within their `modelops.ingest.services` scope) and users holding
 *   `modelops.evidence.create` on the model; the model must exist in the
 *   catalog (404 otherwise). 201 when stored, 200 when the same
 *   idempotency key and payload were stored before, 409 for the same key with
 *   another payload.
 * - `GET /evaluations`, `GET /monitoring-snapshots`: any signed-in user or
 *   service that can see the model in the catalog.
 */
export function createEvidenceRouter(
  options: ModelOpsRouterOptions,
  store: EvidenceStore = DatabaseEvidenceStore.create({
    knex: options.database,
  }),
): Router {
  const router = PromiseRouter();

  const scopes = readIngestScopes(options.config);
  const timeBounds = readObservedTimeBounds(options.config);

  async function authorizeCreate(req: Request, modelRef: string) {
    await authorizeIngest(
      options,
      scopes,
      req,
      evidenceCreatePermission,
      [modelRef],
      'modelRef',
    );
  }

  router.post('/evaluations', async (req, res) => {
    await requireCredentials(options, req, { allowService: true });
    const input = parseBody(evaluationReportInputSchema, req.body);
    assertObservedTimes(timeBounds, new Date(), {
      evaluatedAt: input.evaluatedAt,
    });
    await authorizeCreate(req, input.modelRef);
    const { created, record } = await auditMutation(
      options,
      req,
      {
        eventId: 'evaluation-create',
        entityRef: input.modelRef,
        meta: {
          modelVersion: input.modelVersion,
          metrics: input.metrics.length,
        },
      },
      () => store.addEvaluation(input),
    );
    res.status(created ? 201 : 200).json(record);
  });

  router.get('/evaluations', async (req, res) => {
    const credentials = await requireCredentials(options, req, {
      allowService: true,
    });
    const query = parseQuery(evaluationListQuerySchema, req.query);
    await requireModel(options, credentials, query.modelRef, 'modelRef');
    res.json({ items: await store.listEvaluations(query) });
  });

  router.post('/monitoring-snapshots', async (req, res) => {
    await requireCredentials(options, req, { allowService: true });
    const input = parseBody(monitoringSnapshotInputSchema, req.body);
    assertObservedTimes(timeBounds, new Date(), {
      windowStart: input.windowStart,
      windowEnd: input.windowEnd,
    });
    await authorizeCreate(req, input.modelRef);
    const { created, record } = await auditMutation(
      options,
      req,
      {
        eventId: 'monitoring-snapshot-create',
        entityRef: input.modelRef,
        meta: {
          modelVersion: input.modelVersion,
          windowEnd: input.windowEnd,
          drift: input.drift.length,
        },
      },
      () => store.addMonitoringSnapshot(input),
    );
    res.status(created ? 201 : 200).json(record);
  });

  router.get('/monitoring-snapshots', async (req, res) => {
    const credentials = await requireCredentials(options, req, {
      allowService: true,
    });
    const query = parseQuery(monitoringSnapshotListQuerySchema, req.query);
    await requireModel(options, credentials, query.modelRef, 'modelRef');
    res.json({ items: await store.listMonitoringSnapshots(query) });
  });

  return router;
}
