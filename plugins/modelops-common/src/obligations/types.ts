import type { RiskTier } from '../risk/types';

/**
 * The instruments the suite tracks obligations from.
 *
 * - `eu-ai-act`: Regulation (EU) 2024/1689, with the dates of application as
 *   amended in 2026.
 * - `nist-ai-rmf`: NIST AI Risk Management Framework 1.0 (NIST AI 100-1), voluntary.
 * - `iso-42001`: ISO/IEC 42001:2023 Annex A reference controls, certifiable.
 * - `gdpr`: Regulation (EU) 2016/679, where dataset checks cite it.
 *
 * @public
 */
export type ObligationInstrument =
  | 'eu-ai-act'
  | 'nist-ai-rmf'
  | 'iso-42001'
  | 'gdpr';

/**
 * Who an obligation binds. EU AI Act roles are those of Art. 3(3) and 3(4);
 * voluntary frameworks and GDPR bind the organisation whatever its role, so
 * they list both.
 *
 * @public
 */
export type ObligationRole = 'provider' | 'deployer';

/**
 * How an AI system became high-risk: through Art. 6(1) as a safety component
 * of a product under the Annex I legislation, or through Art. 6(2) by its use
 * in an Annex III area. The routes have different dates of application.
 *
 * @public
 */
export type HighRiskRoute = 'annex-i' | 'annex-iii';

/** Where the text of an obligation is published. @public */
export interface ObligationSource {
  title: string;
  url: string;
}

/**
 * One obligation (or, for voluntary frameworks, one control or subcategory)
 * the suite tracks. Checks cite obligations by `id` in
 * `rationale.obligations`.
 *
 * @public
 */
export interface Obligation {
  /** Stable id: instrument, then the article and sub-point, e.g. `eu-ai-act.art-10-2-fg`. */
  id: string;
  instrument: ObligationInstrument;
  /** The article, annex, function subcategory or control, e.g. `Art. 10`, `Annex IV`, `MEASURE 2.11`, `A.6.2.8`. */
  article: string;
  /** The paragraph and point inside the article, e.g. `(2)(f)-(g)` or `1(a)`; absent when the whole article is meant. */
  point?: string;
  /** What the obligation asks, in a few words. */
  title: string;
  /** Who the obligation binds. */
  binds: ObligationRole[];
  /** Risk tiers it applies to; absent when the tier does not matter. */
  riskTiers?: RiskTier[];
  /** High-risk routes it applies to; absent for both. */
  routes?: HighRiskRoute[];
  /** Annex III points (e.g. `5(b)`) it applies to; absent for every point. */
  annexIIIPoints?: string[];
  /** Annex III points it explicitly excludes (Art. 27(1) and 49(1) exclude point 2). */
  excludedAnnexIIIPoints?: string[];
  /**
   * A further condition of scope in words, with the MLModel field that
   * records it when there is one.
   */
  condition?: string;
  /**
   * The date (ISO 8601) the obligation applies from; for high-risk
   * obligations this is the date of the Annex III route. Absent for
   * voluntary frameworks, which apply whenever an organisation adopts them.
   */
  appliesFrom?: string;
  /** For high-risk obligations, the later date of the Annex I route. */
  appliesFromAnnexI?: string;
  source: ObligationSource;
}
