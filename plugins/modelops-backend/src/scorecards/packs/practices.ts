/**
 * Practices of the operating-discipline curriculum the checks serve, by
 * module and position, so that each check's rationale quotes the practice
 * text exactly (docs/practices.md maps all 72).
 */
const MODULES: Record<number, string[]> = {
  1: [
    'Define measurable KPIs that link AI model performance to business outcomes such as customer retention or operational cost reduction.',
    'Negotiate cross-functional ownership between data science, IT, and business units to prevent siloed development and deployment.',
    'Conduct quarterly portfolio reviews to retire underperforming models and reallocate resources to high-impact initiatives.',
    'Assess regulatory exposure when applying AI in regulated domains such as finance or healthcare during initiative scoping.',
    'Balance innovation velocity against technical debt by setting thresholds for model retraining and infrastructure updates.',
  ],
  2: [
    'Implement schema validation and drift detection at data ingestion points to maintain model input integrity.',
    'Design data lineage tracking to support audit requirements and root cause analysis for model degradation.',
    'Enforce role-based access controls on sensitive datasets used for training, including PII and proprietary business metrics.',
    'Deploy automated data quality checks (completeness, consistency, accuracy) in ETL pipelines prior to model training.',
    'Establish data stewardship roles with clear accountability for dataset curation and metadata documentation.',
    'Define retention and archival policies for training data to comply with GDPR, CCPA, and sector-specific regulations.',
    'Monitor for silent data corruption in streaming pipelines that may degrade model performance over time.',
    'Standardize data labeling protocols across teams to reduce variance in supervised learning outcomes.',
  ],
  3: [
    'Enforce version control for datasets, code, and model artifacts using tools like DVC or MLflow.',
    'Conduct bias audits using statistical parity and equalized odds metrics across protected attributes.',
    'Document model assumptions, limitations, and fallback logic for integration into operational workflows.',
    'Define performance thresholds for precision, recall, and latency that trigger retraining or alerts.',
  ],
  4: [
    'Design containerized model serving using Kubernetes to manage load balancing and failover.',
    'Implement canary deployments to gradually expose new models to production traffic and monitor for anomalies.',
    'Integrate circuit breakers and model fallback mechanisms to maintain service during inference failures.',
    'Optimize model serialization formats (e.g., ONNX, PMML) for cross-platform compatibility and inference speed.',
    'Configure autoscaling policies based on query volume and GPU/CPU utilization metrics.',
    'Monitor cold start times for serverless inference endpoints to ensure compliance with SLAs.',
  ],
  5: [
    'Track prediction drift using statistical tests (e.g., Kolmogorov-Smirnov) on model output distributions.',
    'Log feature distributions in production to detect input drift that may invalidate model assumptions.',
    'Set up automated alerts for performance degradation, latency spikes, or resource exhaustion.',
    'Define retraining triggers based on data freshness, concept drift, or business rule changes.',
    'Maintain a model registry with metadata including owner, version, training data, and deployment history.',
  ],
  6: [
    'Conduct impact assessments for high-risk AI systems as required by EU AI Act or NIST AI RMF.',
    'Implement model explainability techniques (SHAP, LIME) for decisions affecting individuals’ rights or access.',
    'Establish review boards to evaluate AI applications involving surveillance, hiring, or credit scoring.',
    'Document data provenance and model decision logic to support regulatory audits and inquiries.',
    'Design opt-out mechanisms and human-in-the-loop overrides for automated decision systems.',
    'Validate fairness metrics across demographic groups and adjust thresholds to mitigate disparate impact.',
    'Restrict model usage to defined purposes to prevent function creep and unauthorized expansion.',
    'Archive model decisions and justifications for a minimum retention period as per compliance requirements.',
  ],
  7: [
    'Train operations staff on interpreting model monitoring dashboards and responding to common failure modes.',
    'Create runbooks for incident response that include data, model, and infrastructure troubleshooting steps.',
  ],
  8: [
    'Monitor cloud spend by model, environment, and team using tagging and cost allocation tools.',
    'Compare cost-per-inference across model architectures to inform selection and optimization efforts.',
    'Conduct quarterly cost-benefit reviews to justify continued investment in active AI systems.',
  ],
  9: [
    'Standardize documentation templates for model cards, data dictionaries, and API specifications.',
  ],
};

/**
 * The rationale text of a practice: "Module N: <practice>". Looks the
 * practice up by a distinctive fragment so a typo fails the tests, not a
 * user's screen.
 */
export function practice(module: number, fragment: string): string {
  const text = MODULES[module]?.find(p => p.includes(fragment));
  if (!text) {
    throw new Error(`No practice in module ${module} contains "${fragment}"`);
  }
  return `Module ${module}: ${text}`;
}
