import {
  deliveryEventCreatePermission,
  deliveryEventInputSchema,
  deliveryMetricsQuerySchema,
} from '@modelops/plugin-modelops-common';
import type { Router } from 'express';
import PromiseRouter from 'express-promise-router';
import { auditMutation } from '../service/auditMutation';
import { authorizeIngest, readIngestScopes } from '../service/authorizeIngest';
import {
  requireCredentials,
  type CallerCredentials,
} from '../service/authorizeEntity';
import {
  assertObservedTimes,
  readObservedTimeBounds,
} from '../service/observedTimeBounds';
import { parseBody } from '../service/parseBody';
import { entityRefOf } from '../service/CatalogMembership';
import { parseQuery } from '../service/parseQuery';
import { queryAllEntities } from '../service/queryAllEntities';
import { requireModel } from '../service/requireModel';
import type { ModelOpsRouterOptions } from '../service/types';
import { computeDeliveryMetrics } from './computeDeliveryMetrics';
import { DatabaseDeliveryStore } from './DatabaseDeliveryStore';
import type { DeliveryStore } from './types';

/** Replaceable parts of the delivery router, for tests. */
export interface DeliveryRouterDeps {
  store?: DeliveryStore;
  /** The end of metric windows; the current time by default. */
  now?: () => Date;
}

/**
 * Routes of delivery metrics (see src/schema/openapi.yaml):
 *
 * - `POST /delivery/events`: CI/CD and incident tools with a service token,
 *   (within their `modelops.ingest.services` scope) or users holding
 *   `modelops.delivery.create` on the model; the model must exist (404).
 *   201 when stored, 200 for a retry with the same key and payload, 409 for
 *   the same key with another payload.
 * - `GET /delivery/metrics?entityRef=|team=&days=90`: anyone signed in, over
 *   the models of the scope they can see in the catalog.
 */
export function createDeliveryRouter(
  options: ModelOpsRouterOptions,
  deps: DeliveryRouterDeps = {},
): Router {
  const store =
    deps.store ?? DatabaseDeliveryStore.create({ knex: options.database });
  const now = deps.now ?? (() => new Date());
  const router = PromiseRouter();

  // The team's models as the caller sees them, page by page.
  async function modelsOfTeam(
    team: string,
    credentials: CallerCredentials,
  ): Promise<string[]> {
    const models = await queryAllEntities(
      options.catalog,
      {
        filter: { kind: 'MLModel', 'relations.ownedBy': team },
        fields: ['kind', 'metadata.namespace', 'metadata.name'],
      },
      credentials,
    );
    return [...new Set(models.map(entityRefOf))].sort();
  }

  const scopes = readIngestScopes(options.config);
  const timeBounds = readObservedTimeBounds(options.config);

  router.post('/delivery/events', async (req, res) => {
    await requireCredentials(options, req, { allowService: true });
    const input = parseBody(deliveryEventInputSchema, req.body);
    assertObservedTimes(timeBounds, now(), { at: input.at });
    await authorizeIngest(
      options,
      scopes,
      req,
      deliveryEventCreatePermission,
      [input.entityRef],
      'entityRef',
    );
    const { created, event } = await auditMutation(
      options,
      req,
      {
        eventId: 'delivery-event-create',
        entityRef: input.entityRef,
        meta: { type: input.type, at: input.at },
      },
      () => store.addEvent(input),
    );
    res.status(created ? 201 : 200).json(event);
  });

  router.get('/delivery/metrics', async (req, res) => {
    const credentials = await requireCredentials(options, req, {
      allowService: true,
    });
    const query = parseQuery(deliveryMetricsQuerySchema, req.query);
    let entityRefs: string[];
    if (query.entityRef) {
      await requireModel(options, credentials, query.entityRef);
      entityRefs = [query.entityRef];
    } else {
      entityRefs = await modelsOfTeam(query.team!, credentials);
    }
    const to = now();
    const from = new Date(to.getTime() - query.days * 24 * 60 * 60 * 1000);
    const events =
      entityRefs.length === 0
        ? []
        : await store.listEventsForWindow(
            entityRefs,
            from.toISOString(),
            to.toISOString(),
          );
    res.json(
      computeDeliveryMetrics(events, {
        scope: query.entityRef
          ? { entityRef: query.entityRef }
          : { team: query.team! },
        entityRefs,
        to,
        days: query.days,
      }),
    );
  });

  return router;
}
