import {
  createPermission,
  type BasicPermission,
  type ResourcePermission,
} from '@backstage/plugin-permission-common';

/**
 * Resource type of the catalog entities our permissions apply to, so that
 * conditional decisions (for example "is entity owner") from the catalog's
 * permission rules can be used for ModelOps data too.
 *
 * @public
 */
export const MODELOPS_ENTITY_RESOURCE_TYPE = 'catalog-entity';

function entityPermission(
  name: string,
  action: 'read' | 'create' | 'update' | 'delete',
): ResourcePermission<typeof MODELOPS_ENTITY_RESOURCE_TYPE> {
  return createPermission({
    name,
    attributes: { action },
    resourceType: MODELOPS_ENTITY_RESOURCE_TYPE,
  });
}

function basicPermission(
  name: string,
  action: 'read' | 'create' | 'update' | 'delete',
): BasicPermission {
  return createPermission({ name, attributes: { action } });
}

/** Post evaluation reports and monitoring snapshots for a model. @public */
export const evidenceCreatePermission = entityPermission(
  'modelops.evidence.create',
  'create',
);
/** Read cost records and cost views of an entity. @public */
export const costReadPermission = entityPermission(
  'modelops.cost.read',
  'read',
);
/** Ingest cost records (API, CSV import) for an entity. @public */
export const costIngestPermission = entityPermission(
  'modelops.cost.ingest',
  'create',
);
/** Trigger a scorecard evaluation on demand. @public */
export const scorecardEvaluatePermission = basicPermission(
  'modelops.scorecard.evaluate',
  'update',
);
/** Request a waiver for a failing check on an entity. @public */
export const waiverRequestPermission = entityPermission(
  'modelops.waiver.request',
  'create',
);
/** Approve or reject somebody else's waiver request. @public */
export const waiverApprovePermission = basicPermission(
  'modelops.waiver.approve',
  'update',
);
/** Create, change and close campaigns. @public */
export const campaignManagePermission = basicPermission(
  'modelops.campaign.manage',
  'update',
);
/** Attest an entity in an ownership review (owning group members). @public */
export const reviewAttestPermission = entityPermission(
  'modelops.review.attest',
  'update',
);
/** Administer review cycles and attest on behalf of any group. @public */
export const reviewAdminPermission = basicPermission(
  'modelops.review.admin',
  'update',
);
/** Report a problem with a model (user feedback). @public */
export const feedbackCreatePermission = entityPermission(
  'modelops.feedback.create',
  'create',
);
/**
 * Change the state of feedback on a model, asked of the members of the
 * owning group, so a policy can still stop them. @public
 */
export const feedbackUpdatePermission = entityPermission(
  'modelops.feedback.update',
  'update',
);
/**
 * Change the state of feedback on any model without being one of its
 * owners; such changes are recorded with the authority `admin`. @public
 */
export const feedbackAdminPermission = basicPermission(
  'modelops.feedback.admin',
  'update',
);
/** Request a production change (promotion or rollback) of a model. @public */
export const changeRequestPermission = entityPermission(
  'modelops.change.request',
  'create',
);
/** Approve or reject a change request (review group members). @public */
export const changeApprovePermission = basicPermission(
  'modelops.change.approve',
  'update',
);
/**
 * Record deployment and incident events (CI/CD, incident tools) for a model.
 * @public
 */
export const deliveryEventCreatePermission = entityPermission(
  'modelops.delivery.create',
  'create',
);
/**
 * Record whether an incident on a model is a serious incident and its
 * report to the market surveillance authority (EU AI Act Art. 73).
 * @public
 */
export const incidentAssessPermission = entityPermission(
  'modelops.incident.assess',
  'update',
);

/**
 * Record a risk assessment (the EU AI Act questionnaire and its tier) of a
 * model; the author is the signed-in person who records it.
 *
 * @public
 */
export const riskAssessmentCreatePermission = entityPermission(
  'modelops.risk-assessment.create',
  'create',
);

/** Replace the observations and import notes of a source (registry and cluster providers). @public */
export const observationsWritePermission = basicPermission(
  'modelops.observations.write',
  'update',
);

/**
 * Every permission of the ModelOps plugins, for permission policies and the
 * backend's permission integration.
 *
 * @public
 */
export const modelopsPermissions = [
  evidenceCreatePermission,
  costReadPermission,
  costIngestPermission,
  scorecardEvaluatePermission,
  waiverRequestPermission,
  waiverApprovePermission,
  campaignManagePermission,
  reviewAttestPermission,
  reviewAdminPermission,
  feedbackCreatePermission,
  feedbackUpdatePermission,
  feedbackAdminPermission,
  changeRequestPermission,
  changeApprovePermission,
  deliveryEventCreatePermission,
  incidentAssessPermission,
  riskAssessmentCreatePermission,
  observationsWritePermission,
];
