import {
  classifyRisk,
  RISK_CLASSIFIER_VERSION,
  riskAssessmentCreatePermission,
  riskAssessmentInputSchema,
  riskAssessmentListQuerySchema,
  type RiskAssessmentList,
} from '@modelops/plugin-modelops-common';
import type { Router } from 'express';
import PromiseRouter from 'express-promise-router';
import { auditMutation } from '../service/auditMutation';
import { requireCredentials } from '../service/authorizeEntity';
import {
  authorizeIngestFor,
  readIngestScopes,
} from '../service/authorizeIngest';
import { parseBody } from '../service/parseBody';
import { parseQuery } from '../service/parseQuery';
import { requireModel } from '../service/requireModel';
import type { ModelOpsRouterOptions } from '../service/types';
import type { RiskAssessmentStore } from './types';

/**
 * Routes of recorded risk assessments (see src/schema/openapi.yaml):
 *
 * - `POST /risk-assessments`: a person holding
 *   `modelops.risk-assessment.create` on the model records the answers to
 *   the risk questionnaire. The backend classifies them (so the tier is the
 *   classifier's, never the caller's) and records the classifier version,
 *   the caller as author and the time; 201, 404 when the model is not in the
 *   catalog, 403 for service tokens, which have no person to be the author.
 * - `GET /risk-assessments?entityRef=`: anyone signed in who can see the
 *   model, newest first.
 */
export function createRiskAssessmentsRouter(
  options: ModelOpsRouterOptions,
  store: RiskAssessmentStore,
): Router {
  const router = PromiseRouter();
  const scopes = readIngestScopes(options.config);

  router.post('/risk-assessments', async (req, res) => {
    const credentials = await options.httpAuth.credentials(req, {
      allow: ['user'],
    });
    const input = parseBody(riskAssessmentInputSchema, req.body);
    await authorizeIngestFor(
      options,
      scopes,
      credentials,
      riskAssessmentCreatePermission,
      [input.entityRef],
      'entityRef',
    );
    const classification = classifyRisk(input.answers);
    const assessment = await auditMutation(
      options,
      req,
      {
        eventId: 'risk-assessment-create',
        entityRef: input.entityRef,
        severityLevel: 'high',
        meta: {
          tier: classification.tier,
          classifierVersion: RISK_CLASSIFIER_VERSION,
        },
      },
      () =>
        store.add({
          entityRef: input.entityRef,
          answers: input.answers,
          tier: classification.tier,
          domain: classification.domain,
          annexIIIPoints: classification.annexIIIPoints,
          classifierVersion: RISK_CLASSIFIER_VERSION,
          assessedBy: credentials.principal.userEntityRef,
        }),
    );
    res.status(201).json(assessment);
  });

  router.get('/risk-assessments', async (req, res) => {
    const credentials = await requireCredentials(options, req, {
      allowService: true,
    });
    const query = parseQuery(riskAssessmentListQuerySchema, req.query);
    await requireModel(options, credentials, query.entityRef, 'entityRef');
    const body: RiskAssessmentList = {
      entityRef: query.entityRef,
      items: await store.list(query.entityRef),
    };
    res.json(body);
  });

  return router;
}
