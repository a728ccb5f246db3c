import {
  deliveryEventCreatePermission,
  deliveryEventInputSchema,
  deliveryMetricsQuerySchema,
  incidentAssessmentInputSchema,
  incidentAssessPermission,
  incidentListQuerySchema,
  type RecordedIncidentList,
} from '@modelops/plugin-modelops-common';
import type { Router } from 'express';
import PromiseRouter from 'express-promise-router';
import { auditMutation } from '../service/auditMutation';
import { authorizeIngest, readIngestScopes } from '../service/authorizeIngest';
import {
  authorizeEntity,
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
import { DatabaseIncidentStore } from './DatabaseIncidentStore';
import type { DeliveryStore, IncidentStore } from './types';

/** Replaceable parts of the delivery router, for tests. */
export interface DeliveryRouterDeps {
  store?: DeliveryStore;
  incidents?: IncidentStore;
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
 * - `GET /delivery/incidents?entityRef=`: anyone signed in who can see the
 *   model: every incident recorded on it, with its serious-incident
 *   assessment.
 * - `POST /delivery/incident-assessments`: a person holding
 *   `modelops.incident.assess` on the model records whether an incident is
 *   serious and its report to the authority (EU AI Act Art. 73); 201 for the
 *   first assessment of the incident, 200 when it replaces one, 404 when no
 *   such incident is recorded on the model.
 */
export function createDeliveryRouter(
  options: ModelOpsRouterOptions,
  deps: DeliveryRouterDeps = {},
): Router {
  const store =
    deps.store ?? DatabaseDeliveryStore.create({ knex: options.database });
  const incidents =
    deps.incidents ?? DatabaseIncidentStore.create({ knex: options.database });
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

  router.get('/delivery/incidents', async (req, res) => {
    const credentials = await requireCredentials(options, req, {
      allowService: true,
    });
    const query = parseQuery(incidentListQuerySchema, req.query);
    await requireModel(
      options,
      credentials,
      query.entityRef,
      'query.entityRef',
    );
    const items = await incidents.listIncidents([query.entityRef]);
    const body: RecordedIncidentList = {
      entityRef: query.entityRef,
      items: items.get(query.entityRef) ?? [],
    };
    res.json(body);
  });

  router.post('/delivery/incident-assessments', async (req, res) => {
    // Whether an incident is serious is a person's judgement: service
    // tokens are refused (403).
    const credentials = await options.httpAuth.credentials(req, {
      allow: ['user'],
    });
    const input = parseBody(incidentAssessmentInputSchema, req.body);
    if (input.reportedAt) {
      assertObservedTimes(timeBounds, now(), { reportedAt: input.reportedAt });
    }
    await authorizeEntity(
      options,
      req,
      incidentAssessPermission,
      input.entityRef,
    );
    await requireModel(options, credentials, input.entityRef, 'entityRef');
    const { created, assessment } = await auditMutation(
      options,
      req,
      {
        eventId: 'incident-assess',
        entityRef: input.entityRef,
        severityLevel: 'high',
        meta: {
          incidentId: input.incidentId,
          serious: input.serious,
          reported: input.reportedAt !== undefined,
        },
      },
      () => incidents.assess(input, credentials.principal.userEntityRef),
    );
    res.status(created ? 201 : 200).json(assessment);
  });

  return router;
}
