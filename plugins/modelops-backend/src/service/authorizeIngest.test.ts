import { mockCredentials } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { costIngestPermission } from '@modelops/plugin-modelops-common';
import Router from 'express-promise-router';
import request from 'supertest';
import { z } from 'zod';
import { authorizeIngest, readIngestScopes } from './authorizeIngest';
import { parseBody } from './parseBody';
import { createTestRouter, testModel } from './__testUtils__';
import type { ModelOpsRouterOptions } from './types';

const OURS = 'mlmodel:default/ours';
const THEIRS = 'mlmodel:default/theirs';

const bodySchema = z.object({ entityRefs: z.array(z.string()) });

function ingestRouter(options: ModelOpsRouterOptions) {
  const scopes = readIngestScopes(options.config);
  const router = Router();
  router.post('/ingest', async (req, res) => {
    const { entityRefs } = parseBody(bodySchema, req.body);
    const { entities } = await authorizeIngest(
      options,
      scopes,
      req,
      costIngestPermission,
      entityRefs,
      'records.entityRef',
    );
    res.json({ entities: [...entities.keys()] });
  });
  return router;
}

describe('authorizeIngest', () => {
  // The mock service token's subject.
  const SUBJECT = 'external:test-service';

  async function setup(
    services: object[] = [{ subject: SUBJECT, owners: ['risk-ml'] }],
  ) {
    return createTestRouter(ingestRouter, {
      // The database is not used by this router.
      database: undefined as never,
      entities: [
        testModel(
          'ours',
          { owner: 'group:default/risk-ml' },
          { ownerRelation: true },
        ),
        testModel(
          'theirs',
          { owner: 'group:default/search' },
          { ownerRelation: true },
        ),
      ],
      config: {
        modelops: {
          ingest: { services },
        },
      },
    });
  }

  const post = (
    app: Parameters<typeof request>[0],
    entityRefs: string[],
    auth = mockCredentials.user.header(),
  ) =>
    request(app)
      .post('/ingest')
      .set('Authorization', auth)
      .send({ entityRefs });

  it('asks the permission on every distinct target entity', async () => {
    const t = await setup();
    const res = await post(t.app, [
      OURS,
      ' MLModel:default/Ours'.trim(),
      THEIRS,
    ]);
    expect(res.status).toBe(200);
    expect(res.body.entities).toEqual([OURS, THEIRS]);
    expect(t.permissionRequests).toEqual([
      { permission: costIngestPermission, resourceRef: OURS },
      { permission: costIngestPermission, resourceRef: THEIRS },
    ]);
  });

  it('refuses with 403 naming the entities the policy denies', async () => {
    const t = await setup();
    t.setPermissionDecision(request_ =>
      request_.resourceRef === THEIRS
        ? AuthorizeResult.DENY
        : AuthorizeResult.ALLOW,
    );
    const res = await post(t.app, [OURS, THEIRS]);
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe(
      `Not allowed: modelops.cost.ingest on ${THEIRS}`,
    );
  });

  it('refuses with 404 naming an entity that is not in the catalog', async () => {
    const t = await setup();
    const res = await post(t.app, [OURS, 'mlmodel:default/ghost']);
    expect(res.status).toBe(404);
    expect(res.body.error.message).toBe(
      'records.entityRef: mlmodel:default/ghost is not in the catalog',
    );
  });

  it('keeps a listed service token to the entities its owners own', async () => {
    const t = await setup();
    const pipeline = mockCredentials.service.header();
    expect((await post(t.app, [OURS], pipeline)).status).toBe(200);
    const res = await post(t.app, [OURS, THEIRS], pipeline);
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe(
      `Not allowed: ${SUBJECT} may ingest only for entities owned by group:default/risk-ml (modelops.ingest.services), not ${THEIRS}`,
    );
    // Subjects not listed are decided by their access restrictions alone.
    const unlisted = await setup([]);
    expect((await post(unlisted.app, [THEIRS], pipeline)).status).toBe(200);
  });

  it('answers 401 without credentials', async () => {
    const t = await setup();
    const res = await post(t.app, [OURS], mockCredentials.none.header());
    expect(res.status).toBe(401);
  });
});
