import {
  ConflictError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import {
  changeApprovePermission,
  changeDecisionSchema,
  changeListQuerySchema,
  changeRequestCreateSchema,
  changeRequestPermission,
  recentChangesQuerySchema,
  type ChangeRequest,
} from '@modelops/plugin-modelops-common';
import type { Router } from 'express';
import PromiseRouter from 'express-promise-router';
import { auditMutation } from '../service/auditMutation';
import { authorizeBasic } from '../service/authorizeBasic';
import {
  authorizeEntity,
  requireCredentials,
} from '../service/authorizeEntity';
import { parseBody } from '../service/parseBody';
import { parseQuery } from '../service/parseQuery';
import type { ModelOpsRouterOptions } from '../service/types';
import {
  CatalogMembership,
  normalizeEntityRef,
  type Membership,
} from '../service/CatalogMembership';
import { entityPagePath } from '../service/entityPagePath';
import { notifyEntity } from '../service/notifyEntity';
import { isSameRef } from '../service/normalizeRef';
import { requireModel } from '../service/requireModel';
import { DatabaseChangeStore } from './DatabaseChangeStore';
import { readChangesConfig } from './readChangesConfig';
import type { ChangeStore } from './types';

// How many recent changes to read per one shown (see GET /changes/recent).
const RECENT_OVERFETCH = 4;

/** Replaceable parts of the change router, for tests. */
export interface ChangesRouterDeps {
  store?: ChangeStore;
  membership?: Membership;
}

function describeChange(change: ChangeRequest): string {
  return change.kind === 'promote'
    ? `promotion of ${change.entityRef} to version ${change.modelVersion}`
    : `rollback of ${change.entityRef} to version ${change.modelVersion}`;
}

/**
 * Routes of change approvals (see src/schema/openapi.yaml):
 *
 * - `POST /changes`: users holding `modelops.change.request` on a model they
 *   can see request a promotion or rollback; the review group is notified.
 * - `GET /changes?entityRef=&status=`: anyone who can see the model.
 * - `GET /changes/recent?limit=`: the latest requested or decided changes of
 *   the models the caller can see, for the home page.
 * - `POST /changes/:id/approve|reject`: a member of
 *   `modelops.changes.reviewGroup` holding `modelops.change.approve`, other
 *   than the requester (four eyes); 403 otherwise, 409 once decided. The
 *   requester is notified.
 */
export function createChangesRouter(
  options: ModelOpsRouterOptions,
  deps: ChangesRouterDeps = {},
): Router {
  const { reviewGroup } = readChangesConfig(options.config);
  const store =
    deps.store ?? DatabaseChangeStore.create({ knex: options.database });
  const membership =
    deps.membership ??
    CatalogMembership.create({ catalog: options.catalog, auth: options.auth });
  const router = PromiseRouter();

  // A lost notification must not undo a recorded request or decision.
  async function notify(
    recipient: string,
    title: string,
    change: ChangeRequest,
    description: string,
  ) {
    await notifyEntity(
      options,
      recipient,
      {
        title,
        description,
        link: entityPagePath(change.entityRef),
        severity: 'normal',
        topic: 'modelops-changes',
      },
      `Change notification to ${recipient} failed`,
    );
  }

  router.post('/changes', async (req, res) => {
    // A change request is a person's word: service tokens are refused (403).
    const credentials = await options.httpAuth.credentials(req, {
      allow: ['user'],
    });
    const input = parseBody(changeRequestCreateSchema, req.body);
    await authorizeEntity(
      options,
      req,
      changeRequestPermission,
      input.entityRef,
    );
    await requireModel(options, credentials, input.entityRef);
    const change = await auditMutation(
      options,
      req,
      {
        eventId: 'change-request',
        entityRef: input.entityRef,
        meta: {
          kind: input.kind,
          modelVersion: input.modelVersion,
          evidenceLinks: input.evidenceLinks.length,
        },
      },
      () =>
        store.addChange({
          ...input,
          requesterRef: credentials.principal.userEntityRef,
        }),
    );
    await notify(
      reviewGroup,
      `Approval requested: ${describeChange(change)}`,
      change,
      `${change.requesterRef}: ${change.reason.slice(0, 280)}`,
    );
    res.status(201).json(change);
  });

  router.get('/changes', async (req, res) => {
    const query = parseQuery(changeListQuerySchema, req.query);
    const credentials = await requireCredentials(options, req, {
      allowService: true,
    });
    await requireModel(options, credentials, query.entityRef);
    res.json({ items: await store.listChanges(query), reviewGroup });
  });

  router.get('/changes/recent', async (req, res) => {
    const credentials = await requireCredentials(options, req, {
      allowService: true,
    });
    const { limit } = parseQuery(recentChangesQuerySchema, req.query);
    // Read more than asked, as changes of models the caller cannot see are
    // dropped; a page of a few dozen rows costs one query and one batch.
    const candidates = await store.listRecentChanges(limit * RECENT_OVERFETCH);
    const refs = [...new Set(candidates.map(c => c.entityRef))];
    const { items: entities } = await options.catalog.getEntitiesByRefs(
      {
        entityRefs: refs,
        fields: ['kind', 'metadata.namespace', 'metadata.name'],
      },
      { credentials },
    );
    const visible = new Set(
      refs.filter((_, index) => entities[index] !== undefined),
    );
    res.json({
      items: candidates.filter(c => visible.has(c.entityRef)).slice(0, limit),
      reviewGroup,
    });
  });

  for (const decision of ['approve', 'reject'] as const) {
    router.post(`/changes/:id/${decision}`, async (req, res) => {
      const credentials = await options.httpAuth.credentials(req, {
        allow: ['user'],
      });
      const input = parseBody(changeDecisionSchema, req.body);
      const change = await store.getChange(req.params.id);
      if (!change) {
        throw new NotFoundError(`No change request with id ${req.params.id}`);
      }
      await authorizeBasic(options, req, changeApprovePermission);
      const userRef = normalizeEntityRef(credentials.principal.userEntityRef);
      if (isSameRef(userRef, change.requesterRef)) {
        throw new NotAllowedError(
          `You requested change ${change.id}; another member of ${reviewGroup} must ${decision} it`,
        );
      }
      if (!(await membership.isMember(userRef, reviewGroup))) {
        throw new NotAllowedError(
          `Only members of ${reviewGroup} may ${decision} change requests`,
        );
      }
      const decided = await auditMutation(
        options,
        req,
        {
          eventId: `change-${decision}`,
          severityLevel: 'high',
          entityRef: change.entityRef,
          meta: {
            changeId: change.id,
            kind: change.kind,
            modelVersion: change.modelVersion,
          },
        },
        async () => {
          const result = await store.decide(change.id, {
            status: decision === 'approve' ? 'approved' : 'rejected',
            decidedBy: userRef,
            comment: input.comment,
          });
          if (!result) {
            const current = await store.getChange(change.id);
            throw new ConflictError(
              `Change ${change.id} was already ${current?.status ?? 'removed'}`,
            );
          }
          return result;
        },
      );
      await notify(
        change.requesterRef,
        `${
          decided.status === 'approved' ? 'Approved' : 'Rejected'
        }: ${describeChange(decided)}`,
        decided,
        decided.decisionComment ?? `Decided by ${userRef}`,
      );
      res.json(decided);
    });
  }

  return router;
}
