import type { Entity } from '@backstage/catalog-model';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  feedbackCreatePermission,
  feedbackCreateRequestSchema,
  feedbackListQuerySchema,
  feedbackStateRequestSchema,
  feedbackUpdatePermission,
  type Feedback,
} from '@modelops/plugin-modelops-common';
import type { Request, Response, Router } from 'express';
import PromiseRouter from 'express-promise-router';
import { auditMutation } from '../service/auditMutation';
import {
  authorizeEntity,
  requireCredentials,
} from '../service/authorizeEntity';
import { parseBody } from '../service/parseBody';
import { parseQuery } from '../service/parseQuery';
import type { ModelOpsRouterOptions } from '../service/types';
import {
  CatalogMembership,
  ownerRefOf,
  type Membership,
} from '../service/CatalogMembership';
import { entityPagePath } from '../service/entityPagePath';
import { notifyEntity } from '../service/notifyEntity';
import { requireModel } from '../service/requireModel';
import { DatabaseFeedbackStore } from './DatabaseFeedbackStore';
import type { FeedbackStore } from './types';

/** Replaceable parts of the feedback router, for tests. */
export interface FeedbackRouterDeps {
  store?: FeedbackStore;
  membership?: Membership;
}

const CATEGORY_LABELS: Record<Feedback['category'], string> = {
  'wrong-prediction': 'Wrong prediction',
  'bias-concern': 'Bias concern',
  usability: 'Usability problem',
  outage: 'Outage',
};

/**
 * Routes of user feedback on models (see src/schema/openapi.yaml):
 *
 * - `POST /feedback`: any signed-in user holding `modelops.feedback.create`
 *   on a model they can see; the owning group is notified.
 * - `GET /feedback?entityRef=&state=`: any signed-in user or service that
 *   can see the model.
 * - `POST|PATCH /feedback/:id/state`: users holding `modelops.feedback.update`
 *   on the model, members of the owning group (recorded as owners) and
 *   others (recorded as admins) alike; 403 otherwise.
 *   The reporter is notified of the change.
 */
export function createFeedbackRouter(
  options: ModelOpsRouterOptions,
  deps: FeedbackRouterDeps = {},
): Router {
  const store =
    deps.store ?? DatabaseFeedbackStore.create({ knex: options.database });
  const membership =
    deps.membership ??
    CatalogMembership.create({ catalog: options.catalog, auth: options.auth });
  const router = PromiseRouter();

  // A lost notification must not lose the feedback that is already stored.
  async function notify(
    recipient: string | undefined,
    payload: { title: string; description: string; entityRef: string },
    severity: 'high' | 'normal',
  ) {
    if (!recipient) return;
    await notifyEntity(
      options,
      recipient,
      {
        title: payload.title,
        description: payload.description,
        link: entityPagePath(payload.entityRef),
        severity,
        topic: 'modelops-feedback',
      },
      `Feedback notification to ${recipient} failed`,
    );
  }

  router.post('/feedback', async (req, res) => {
    // Feedback is a person's word: service tokens are refused (403).
    const credentials = await options.httpAuth.credentials(req, {
      allow: ['user'],
    });
    const input = parseBody(feedbackCreateRequestSchema, req.body);
    await authorizeEntity(
      options,
      req,
      feedbackCreatePermission,
      input.entityRef,
    );
    // Feedback about a model the caller cannot see would leak its existence.
    const entity = await requireModel(options, credentials, input.entityRef);
    const feedback = await auditMutation(
      options,
      req,
      {
        eventId: 'feedback-create',
        entityRef: input.entityRef,
        meta: { category: input.category },
      },
      () =>
        store.addFeedback({
          ...input,
          reporterRef: credentials.principal.userEntityRef,
        }),
    );
    await notify(
      ownerRefOf(entity),
      {
        title: `${CATEGORY_LABELS[feedback.category]} reported on ${
          entity.metadata.title ?? entity.metadata.name
        }`,
        description: feedback.text.slice(0, 280),
        entityRef: feedback.entityRef,
      },
      feedback.category === 'outage' ? 'high' : 'normal',
    );
    res.status(201).json(feedback);
  });

  router.get('/feedback', async (req, res) => {
    const query = parseQuery(feedbackListQuerySchema, req.query);
    const credentials = await requireCredentials(options, req, {
      allowService: true,
    });
    await requireModel(options, credentials, query.entityRef);
    res.json({ items: await store.listFeedback(query) });
  });

  async function changeState(req: Request, res: Response) {
    const credentials = await options.httpAuth.credentials(req, {
      allow: ['user'],
    });
    const input = parseBody(feedbackStateRequestSchema, req.body);
    const existing = await store.getFeedback(req.params.id);
    if (!existing) {
      throw new NotFoundError(`No feedback with id ${req.params.id}`);
    }
    const userRef = credentials.principal.userEntityRef;
    // The owner is read with the plugin's credentials: whether the caller may
    // see the model is not what decides whether they own it.
    const entity: Entity | undefined = await options.catalog.getEntityByRef(
      existing.entityRef,
      { credentials: await options.auth.getOwnServiceCredentials() },
    );
    const ownerRef = entity ? ownerRefOf(entity) : undefined;
    const isOwner =
      ownerRef !== undefined && (await membership.isMember(userRef, ownerRef));
    // Membership decides the authority recorded, not whether the change is
    // allowed: owners ask feedbackUpdatePermission like everybody else, so
    // a policy can stop them (as reviews ask reviewAttestPermission of
    // members).
    const [decision] = await options.permissions.authorize(
      [
        {
          permission: feedbackUpdatePermission,
          resourceRef: existing.entityRef,
        },
      ],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        isOwner
          ? `Not allowed: ${feedbackUpdatePermission.name} on ${existing.entityRef}`
          : `Only members of ${ownerRef ?? 'the owning group'} (the owners of ${
              existing.entityRef
            }) or holders of ${
              feedbackUpdatePermission.name
            } may change the state of its feedback`,
      );
    }
    const updated = await auditMutation(
      options,
      req,
      {
        eventId: 'feedback-state-change',
        entityRef: existing.entityRef,
        meta: {
          feedbackId: existing.id,
          from: existing.state,
          to: input.state,
          authority: isOwner ? 'owner' : 'admin',
        },
      },
      async () => {
        const result = await store.setState(existing.id, {
          ...input,
          updatedBy: userRef,
        });
        if (!result) {
          throw new NotFoundError(`No feedback with id ${existing.id}`);
        }
        return result;
      },
    );
    if (updated.state !== existing.state) {
      await notify(
        existing.reporterRef,
        {
          title: `Your feedback on ${
            entity?.metadata.title ?? existing.entityRef
          } is now ${updated.state}`,
          description: input.comment ?? existing.text.slice(0, 280),
          entityRef: existing.entityRef,
        },
        'normal',
      );
    }
    res.json(updated);
  }

  router.post('/feedback/:id/state', changeState);
  router.patch('/feedback/:id/state', changeState);

  return router;
}
