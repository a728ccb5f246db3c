/*
 * demoPortfolio: the demo models of examples/models.yaml with the cost facts
 * the demo history is generated from (budgets, cost targets, lifecycles),
 * plus the two stories the demo tells: a model that costs money but has not
 * served for 45 days, and a model running over its budget. A test keeps this
 * list in step with the example catalog files.
 */

/** What the generator needs to know about a demo entity. */
export interface DemoCostEntity {
  kind: 'mlmodel' | 'dataset';
  name: string;
  lifecycle: string;
  monthlyBudget?: number;
  targetCostPer1kInferences?: number;
}

/** The demo model that still costs money but served nothing for 45 days. */
export const DEMO_IDLE_MODEL = 'collections-prioritizer';
/** Days since the idle demo model last served. */
export const DEMO_IDLE_DAYS = 45;
/** The demo model whose spend outgrows its budget. */
export const DEMO_OVER_BUDGET_MODEL = 'support-assistant-llm';

/** Demo entities, in the order of examples/models.yaml. */
export const DEMO_PORTFOLIO: DemoCostEntity[] = [
  {
    kind: 'mlmodel',
    name: 'credit-risk-scorer',
    lifecycle: 'production',
    monthlyBudget: 4200,
    targetCostPer1kInferences: 0.35,
  },
  {
    kind: 'mlmodel',
    name: 'credit-risk-scorer-lgbm',
    lifecycle: 'development',
    monthlyBudget: 600,
  },
  {
    kind: 'mlmodel',
    name: 'credit-limit-optimizer',
    lifecycle: 'staging',
    monthlyBudget: 900,
  },
  {
    kind: 'mlmodel',
    name: 'affordability-assessor',
    lifecycle: 'production',
    monthlyBudget: 2100,
    targetCostPer1kInferences: 0.2,
  },
  {
    kind: 'mlmodel',
    name: 'collections-prioritizer',
    lifecycle: 'deprecated',
    monthlyBudget: 250,
  },
  {
    kind: 'mlmodel',
    name: 'transaction-fraud-detector',
    lifecycle: 'production',
    monthlyBudget: 9800,
    targetCostPer1kInferences: 0.004,
  },
  {
    kind: 'mlmodel',
    name: 'account-takeover-detector',
    lifecycle: 'production',
    monthlyBudget: 3100,
  },
  {
    kind: 'mlmodel',
    name: 'merchant-risk-graph',
    lifecycle: 'experimental',
    monthlyBudget: 1200,
  },
  {
    kind: 'mlmodel',
    name: 'customer-churn-predictor',
    lifecycle: 'production',
    monthlyBudget: 1400,
  },
  {
    kind: 'mlmodel',
    name: 'next-best-offer-recommender',
    lifecycle: 'production',
    monthlyBudget: 5600,
    targetCostPer1kInferences: 0.06,
  },
  {
    kind: 'mlmodel',
    name: 'customer-lifetime-value',
    lifecycle: 'deprecated',
    monthlyBudget: 150,
  },
  {
    kind: 'mlmodel',
    name: 'demand-forecaster',
    lifecycle: 'production',
    monthlyBudget: 6500,
  },
  { kind: 'mlmodel', name: 'demand-forecaster-prophet', lifecycle: 'retired' },
  {
    kind: 'mlmodel',
    name: 'eta-predictor',
    lifecycle: 'production',
    monthlyBudget: 1800,
    targetCostPer1kInferences: 0.03,
  },
  {
    kind: 'mlmodel',
    name: 'price-elasticity-estimator',
    lifecycle: 'staging',
    monthlyBudget: 700,
  },
  {
    kind: 'mlmodel',
    name: 'llama-3-1-8b-instruct',
    lifecycle: 'production',
    monthlyBudget: 3800,
  },
  {
    kind: 'mlmodel',
    name: 'support-assistant-llm',
    lifecycle: 'production',
    monthlyBudget: 12500,
    targetCostPer1kInferences: 1.8,
  },
  {
    kind: 'mlmodel',
    name: 'support-kb-embedder',
    lifecycle: 'production',
    monthlyBudget: 900,
  },
  {
    kind: 'mlmodel',
    name: 'ticket-triage-classifier',
    lifecycle: 'production',
    monthlyBudget: 350,
  },
  {
    kind: 'mlmodel',
    name: 'call-summarizer',
    lifecycle: 'development',
    monthlyBudget: 1500,
  },
  {
    kind: 'mlmodel',
    name: 'weld-defect-inspector',
    lifecycle: 'production',
    monthlyBudget: 1100,
  },
  {
    kind: 'mlmodel',
    name: 'surface-defect-segmenter',
    lifecycle: 'experimental',
    monthlyBudget: 400,
  },
  { kind: 'mlmodel', name: 'sensor-anomaly-detector', lifecycle: 'production' },
  { kind: 'mlmodel', name: 'candidate-emotion-analyzer', lifecycle: 'retired' },
  {
    kind: 'mlmodel',
    name: 'search-ranker',
    lifecycle: 'production',
    monthlyBudget: 4400,
    targetCostPer1kInferences: 0.01,
  },
];
