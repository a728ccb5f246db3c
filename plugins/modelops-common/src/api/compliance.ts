/*
 * Compliance: which tracked obligations bind a model and from when, whether
 * the checks citing them pass, the same across the portfolio, and the
 * Annex IV technical documentation generated per model version.
 */
import { z } from 'zod';
import type { ObligationApplicability } from '../obligations/obligationApplicability';
import type { Obligation, ObligationInstrument } from '../obligations/types';
import type { EffectiveCheckState } from '../scorecards/types';
import { entityRefOfKind } from './evidence';

/** Instruments a compliance query may be narrowed to. @public */
export const OBLIGATION_INSTRUMENTS = [
  'eu-ai-act',
  'nist-ai-rmf',
  'iso-42001',
  'gdpr',
] as const satisfies readonly ObligationInstrument[];

const isoDay = z.iso.date({ error: 'expected a date such as 2027-12-02' });

/** Query of `GET /compliance/obligations`. @public */
export const obligationListQuerySchema = z.strictObject({
  instrument: z.enum(OBLIGATION_INSTRUMENTS).optional(),
  appliesFrom: isoDay
    .optional()
    .describe('Only obligations that apply from this date (on either route).'),
});

/** Query of `GET /compliance/entity`. @public */
export const entityComplianceQuerySchema = z.strictObject({
  entityRef: entityRefOfKind('mlmodel'),
  instrument: z.enum(OBLIGATION_INSTRUMENTS).optional(),
});

/** Query of `GET /compliance/portfolio`. @public */
export const portfolioComplianceQuerySchema = z.strictObject({
  instrument: z.enum(OBLIGATION_INSTRUMENTS).optional(),
});

/** Formats of the Annex IV dossier: Markdown text or a PDF document. @public */
export const DOSSIER_FORMATS = ['markdown', 'pdf'] as const;

/** A format of the Annex IV dossier. @public */
export type DossierFormat = (typeof DOSSIER_FORMATS)[number];

/** Query of `GET /compliance/dossier`. @public */
export const dossierQuerySchema = z.strictObject({
  entityRef: entityRefOfKind('mlmodel'),
  format: z.enum(DOSSIER_FORMATS).default('markdown'),
});

/** A tracked obligation and the shipped or configured checks that cite it. @public */
export interface ObligationRow {
  obligation: Obligation;
  /** As written in its instrument, e.g. `EU AI Act Art. 27(1)`. */
  citation: string;
  checkIds: string[];
}

/** `GET /compliance/obligations` response. @public */
export interface ObligationListResponse {
  items: ObligationRow[];
}

/**
 * Where a model stands on one obligation:
 * - `met`: every check citing it that applies passes or is waived;
 * - `failing`: at least one of them fails;
 * - `not-evidenced`: no check citing it applies, or none has been evaluated yet;
 * - `not-applicable`: the obligation does not bind the model.
 *
 * @public
 */
export type ObligationStatus =
  | 'met'
  | 'failing'
  | 'not-evidenced'
  | 'not-applicable';

/** One check's state as evidence of an obligation. @public */
export interface ObligationCheckState {
  id: string;
  title: string;
  state: EffectiveCheckState | 'not-evaluated';
  /** Why it failed, naming the fact. */
  message?: string;
}

/** One obligation for one model. @public */
export interface ObligationAssessment extends ObligationRow {
  applicability: ObligationApplicability;
  status: ObligationStatus;
  checks: ObligationCheckState[];
}

/** `GET /compliance/entity` response. @public */
export interface EntityComplianceResponse {
  entityRef: string;
  /** The day the dates are counted from (ISO 8601 date). */
  asOf: string;
  obligations: ObligationAssessment[];
}

/** Models per status of one obligation. @public */
export type ObligationStatusCounts = Record<ObligationStatus, number>;

/** One obligation across the portfolio. @public */
export interface PortfolioObligation extends ObligationRow {
  /** Models per status; a model counts once. */
  models: ObligationStatusCounts;
  /** Refs of models failing it, for follow-up. */
  failingModels: string[];
  /** Days until the obligation applies (Annex III route); 0 once it applies. */
  daysLeft?: number;
}

/** `GET /compliance/portfolio` response. @public */
export interface PortfolioComplianceResponse {
  asOf: string;
  /** MLModels the caller can see. */
  modelCount: number;
  obligations: PortfolioObligation[];
}
