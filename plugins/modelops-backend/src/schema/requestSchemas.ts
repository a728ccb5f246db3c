import {
  campaignCreateRequestSchema,
  campaignUpdateRequestSchema,
  changeDecisionSchema,
  changeListQuerySchema,
  changeRequestCreateSchema,
  costImportQuerySchema,
  costIngestRequestSchema,
  decisionExportQuerySchema,
  decisionListQuerySchema,
  deliveryEventInputSchema,
  deliveryMetricsQuerySchema,
  evaluationListQuerySchema,
  evaluationReportInputSchema,
  feedbackCreateRequestSchema,
  feedbackListQuerySchema,
  feedbackStateRequestSchema,
  incidentAssessmentInputSchema,
  riskAssessmentInputSchema,
  riskAssessmentListQuerySchema,
  incidentListQuerySchema,
  monitoringSnapshotInputSchema,
  monitoringSnapshotListQuerySchema,
  observationSnapshotInputSchema,
  observationsQuerySchema,
  recentChangesQuerySchema,
  reviewAcceptTransferRequestSchema,
  reviewAttestRequestSchema,
  reviewBulkAttestRequestSchema,
  reviewCycleQuerySchema,
  reviewEntityQuerySchema,
  scorecardEvaluateRequestSchema,
  scorecardHistoryQuerySchema,
  scorecardSummaryQuerySchema,
  scorecardResultsQuerySchema,
  waiverCreateRequestSchema,
  waiverDecisionRequestSchema,
} from '@modelops/plugin-modelops-common';
import type { z } from 'zod';

/** The zod schemas one operation's handler parses its input with. */
export interface OperationRequestSchemas {
  /** The JSON body, described in the spec by the component `bodyComponent`. */
  body?: { component: string; schema: z.ZodType };
  /** The query string, described in the spec parameter by parameter. */
  query?: z.ZodType;
}

/**
 * The zod schema behind each operation's request, by operationId. Handlers
 * parse with zod (its messages name every failing field and rule); the spec
 * test derives JSON Schema from each of these and fails when `openapi.yaml`
 * says otherwise, so spec and validation cannot drift apart. Operations
 * missing here parse with schemas local to their router (cost queries, the
 * CSV import, waiver lists) and are described in the spec by hand.
 */
export const requestSchemas: Record<string, OperationRequestSchemas> = {
  PostEvaluation: {
    body: {
      component: 'EvaluationReportInput',
      schema: evaluationReportInputSchema,
    },
  },
  GetEvaluations: { query: evaluationListQuerySchema },
  PostMonitoringSnapshot: {
    body: {
      component: 'MonitoringSnapshotInput',
      schema: monitoringSnapshotInputSchema,
    },
  },
  GetMonitoringSnapshots: { query: monitoringSnapshotListQuerySchema },
  PostCostRecords: {
    body: { component: 'CostIngestRequest', schema: costIngestRequestSchema },
  },
  // The file is the body, described by hand; the query is checked.
  PostCostImport: { query: costImportQuerySchema },
  PostCostCsvImport: { query: costImportQuerySchema },
  GetScorecardSummary: { query: scorecardSummaryQuerySchema },
  GetScorecardHistory: { query: scorecardHistoryQuerySchema },
  GetScorecardResults: { query: scorecardResultsQuerySchema },
  PostScorecardEvaluate: {
    body: {
      component: 'ScorecardEvaluateRequest',
      schema: scorecardEvaluateRequestSchema,
    },
  },
  PostWaiver: {
    body: {
      component: 'WaiverCreateRequest',
      schema: waiverCreateRequestSchema,
    },
  },
  PostWaiverDecision: {
    body: {
      component: 'WaiverDecisionRequest',
      schema: waiverDecisionRequestSchema,
    },
  },
  PostCampaign: {
    body: {
      component: 'CampaignCreateRequest',
      schema: campaignCreateRequestSchema,
    },
  },
  PatchCampaign: {
    body: {
      component: 'CampaignUpdateRequest',
      schema: campaignUpdateRequestSchema,
    },
  },
  GetEntityReview: { query: reviewEntityQuerySchema },
  PostReviewAttestation: {
    body: {
      component: 'ReviewAttestRequest',
      schema: reviewAttestRequestSchema,
    },
  },
  PostReviewAttestations: {
    body: {
      component: 'ReviewBulkAttestRequest',
      schema: reviewBulkAttestRequestSchema,
    },
  },
  PostReviewTransferAcceptance: {
    body: {
      component: 'ReviewAcceptTransferRequest',
      schema: reviewAcceptTransferRequestSchema,
    },
  },
  GetReviewProgress: { query: reviewCycleQuerySchema },
  GetReviewFindings: { query: reviewCycleQuerySchema },
  GetFeedback: { query: feedbackListQuerySchema },
  PostFeedback: {
    body: {
      component: 'FeedbackCreateRequest',
      schema: feedbackCreateRequestSchema,
    },
  },
  PostFeedbackState: {
    body: {
      component: 'FeedbackStateRequest',
      schema: feedbackStateRequestSchema,
    },
  },
  PatchFeedbackState: {
    body: {
      component: 'FeedbackStateRequest',
      schema: feedbackStateRequestSchema,
    },
  },
  GetChanges: { query: changeListQuerySchema },
  PostChange: {
    body: {
      component: 'ChangeRequestCreate',
      schema: changeRequestCreateSchema,
    },
  },
  GetRecentChanges: { query: recentChangesQuerySchema },
  PostChangeApproval: {
    body: { component: 'ChangeDecision', schema: changeDecisionSchema },
  },
  PostChangeRejection: {
    body: { component: 'ChangeDecision', schema: changeDecisionSchema },
  },
  PostDeliveryEvent: {
    body: { component: 'DeliveryEventInput', schema: deliveryEventInputSchema },
  },
  GetDeliveryMetrics: { query: deliveryMetricsQuerySchema },
  GetDeliveryIncidents: { query: incidentListQuerySchema },
  PostIncidentAssessment: {
    body: {
      component: 'IncidentAssessmentInput',
      schema: incidentAssessmentInputSchema,
    },
  },
  GetDecisions: { query: decisionListQuerySchema },
  GetDecisionsCsv: { query: decisionExportQuerySchema },
  PutObservationSnapshot: {
    body: {
      component: 'ObservationSnapshotInput',
      schema: observationSnapshotInputSchema,
    },
  },
  GetObservations: { query: observationsQuerySchema },
  PostRiskAssessment: {
    body: {
      component: 'RiskAssessmentInput',
      schema: riskAssessmentInputSchema,
    },
  },
  GetRiskAssessments: { query: riskAssessmentListQuerySchema },
};
