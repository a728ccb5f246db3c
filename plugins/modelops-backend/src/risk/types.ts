import type { RiskAssessment } from '@modelops/plugin-modelops-common';

/** A risk assessment to record: everything but its id and time. */
export type NewRiskAssessment = Omit<RiskAssessment, 'id' | 'assessedAt'>;

/** Storage of recorded risk assessments; rows are only ever added. */
export interface RiskAssessmentStore {
  /**
   * Records an assessment, dated now, or at `assessedAt` for records that
   * come with their own date (the demo's files).
   */
  add(
    assessment: NewRiskAssessment,
    assessedAt?: string,
  ): Promise<RiskAssessment>;
  /** The assessments of a model (lower-case ref), newest first. */
  list(entityRef: string): Promise<RiskAssessment[]>;
  /**
   * The latest assessment of each model among `entityRefs` (lower case),
   * among those assessed at or before `asOf` when given; absent when none.
   * One query per chunk.
   */
  latest(
    entityRefs: string[],
    asOf?: string,
  ): Promise<Map<string, RiskAssessment>>;
  /** Refs of the models assessed after `since` (`toISOString` form). One query. */
  entityRefsChangedSince(since: string): Promise<string[]>;
}
