import type {
  RiskAssessment,
  RiskAssessmentInput,
  RiskAssessmentList,
} from '../api/riskAssessments';
import {
  createModelOpsFetcher,
  type ModelOpsClientOptions,
  type ModelOpsFetcher,
} from './createModelOpsFetcher';

/**
 * The risk assessment routes of the ModelOps backend.
 *
 * @public
 */
export interface RiskAssessmentApi {
  /** Records the questionnaire answers of a model; the backend classifies them and names the caller as author. */
  recordRiskAssessment(input: RiskAssessmentInput): Promise<RiskAssessment>;
  /** The recorded assessments of a model, newest first. */
  listRiskAssessments(entityRef: string): Promise<RiskAssessmentList>;
}

/**
 * HTTP client of the risk assessment routes.
 *
 * @public
 */
export class RiskAssessmentClient implements RiskAssessmentApi {
  private constructor(private readonly request: ModelOpsFetcher) {}

  /** Creates a client from discovery and a fetch that carries the caller's token. */
  static create(options: ModelOpsClientOptions): RiskAssessmentClient {
    return new RiskAssessmentClient(createModelOpsFetcher(options));
  }

  recordRiskAssessment(input: RiskAssessmentInput): Promise<RiskAssessment> {
    return this.request('/risk-assessments', { method: 'POST', body: input });
  }

  listRiskAssessments(entityRef: string): Promise<RiskAssessmentList> {
    return this.request('/risk-assessments', { query: { entityRef } });
  }
}
