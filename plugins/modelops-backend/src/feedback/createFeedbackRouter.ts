import type { Entity } from '@backstage/catalog-model';
import type {
  BackstageCredentials,
  BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';
import {
  ConflictError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  feedbackCreatePermission,
  feedbackCreateRequestSchema,
  feedbackListQuerySchema,
  feedbackStateRequestSchema,
  feedbackAdminPermission,
  feedbackUpdatePermission,
  type Feedback,
  type FeedbackState,
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
import { isSameRef } from '../service/normalizeRef';
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
 * - `POST|PATCH /feedback/:id/state`: members of the owning group holding
 *   `modelops.feedback.update` on the model (recorded as owners), holders of
 *   `modelops.feedback.admin` (recorded as admins), and the reporter to
 *   withdraw it (state `withdrawn`, final); 403 otherwise, 409 on withdrawn
 *   feedback. The reporter is notified of the change.
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

  /*
   * Who may move feedback to a state, and as what they are recorded: the
   * reporter may only withdraw; members of the owning group move it through
   * open, acknowledged and resolved when feedbackUpdatePermission allows
   * them on the model (a policy can still stop owners); anybody else needs
   * feedbackAdminPermission and is recorded as an admin.
   */
  async function authorityFor(
    credentials: BackstageCredentials<BackstageUserPrincipal>,
    feedback: Feedback,
    state: FeedbackState,
    ownerRef: string | undefined,
  ): Promise<'reporter' | 'owner' | 'admin'> {
    const userRef = credentials.principal.userEntityRef;
    if (state === 'withdrawn') {
      if (!isSameRef(userRef, feedback.reporterRef)) {
        throw new NotAllowedError(
          `Only the reporter (${feedback.reporterRef}) may withdraw feedback ${feedback.id}`,
        );
      }
      if (feedback.state === 'resolved') {
        throw new ConflictError(
          `Feedback ${feedback.id} is resolved and can no longer be withdrawn`,
        );
      }
      return 'reporter';
    }
    if (
      ownerRef !== undefined &&
      (await membership.isMember(userRef, ownerRef))
    ) {
      const [decision] = await options.permissions.authorize(
        [
          {
            permission: feedbackUpdatePermission,
            resourceRef: feedback.entityRef,
          },
        ],
        { credentials },
      );
      if (decision.result !== AuthorizeResult.ALLOW) {
        throw new NotAllowedError(
          `Not allowed: ${feedbackUpdatePermission.name} on ${feedback.entityRef}`,
        );
      }
      return 'owner';
    }
    const [decision] = await options.permissions.authorize(
      [{ permission: feedbackAdminPermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `Only members of ${ownerRef ?? 'the owning group'} (the owners of ${
          feedback.entityRef
        }) or holders of ${
          feedbackAdminPermission.name
        } may change the state of its feedback`,
      );
    }
    return 'admin';
  }

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
    if (existing.state === 'withdrawn') {
      throw new ConflictError(
        `Feedback ${existing.id} was withdrawn by its reporter; report the problem again instead`,
      );
    }
    // The owner is read with the plugin's credentials: whether the caller may
    // see the model is not what decides whether they own it.
    const entity: Entity | undefined = await options.catalog.getEntityByRef(
      existing.entityRef,
      { credentials: await options.auth.getOwnServiceCredentials() },
    );
    const authority = await authorityFor(
      credentials,
      existing,
      input.state,
      entity ? ownerRefOf(entity) : undefined,
    );
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
          authority,
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
    // A reporter who withdraws needs no notice of their own change.
    if (updated.state !== existing.state && authority !== 'reporter') {
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
