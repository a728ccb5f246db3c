import Grid from '@mui/material/Grid';
import Typography from '@mui/material/Typography';
import { MLModelEntity } from '@modelops/plugin-modelops-common';
import {
  EvaluationReport,
  MonitoringSnapshot,
} from '@modelops/plugin-modelops-common';
import {
  driftOverTime,
  fairnessSeries,
  latestEvaluation,
} from '../charts/chartData';
import { LazyDriftChart, LazyFairnessChart } from '../charts/LazyCharts';
import { MissingSection } from '../common/MissingSection';
import { Section } from '../common/Section';
import { TimeLabel } from '../common/TimeLabel';

/** Props of {@link QuantitativeAnalysesSection}. */
export type QuantitativeAnalysesSectionProps = {
  entity: MLModelEntity;
  evaluations: EvaluationReport[];
  snapshots: MonitoringSnapshot[];
};

/**
 * "Quantitative analyses" of the model card: metrics by group of each
 * protected attribute (disaggregated results) and drift over time.
 */
export function QuantitativeAnalysesSection(
  props: QuantitativeAnalysesSectionProps,
) {
  const { entity, evaluations, snapshots } = props;
  const latest = latestEvaluation(
    evaluations.filter(e => e.metrics.some(m => m.slice)),
  );
  const series = fairnessSeries(latest);
  const thresholds = new Map(
    (entity.spec.risk?.fairness ?? []).map(f => [f.metric, f.threshold]),
  );
  const drift = driftOverTime(snapshots);
  return (
    <Section id="quantitative-analyses" title="Quantitative analyses">
      <Typography variant="h6" component="h3">
        Results by group
      </Typography>
      {series.length > 0 ? (
        <>
          <Typography variant="body2" color="text.secondary">
            From the evaluation of version {latest?.modelVersion},{' '}
            <TimeLabel value={latest?.evaluatedAt} />.
          </Typography>
          <Grid container spacing={2}>
            {series.map(s => (
              <Grid item xs={12} md={6} key={`${s.metric}-${s.attribute}`}>
                <LazyFairnessChart
                  series={s}
                  threshold={thresholds.get(s.metric)}
                />
              </Grid>
            ))}
          </Grid>
        </>
      ) : (
        <MissingSection
          what="Results by group"
          field="metrics[].slice (in evaluation reports) and spec.risk.fairness"
          example={
            '# evaluation report metric\n{ "name": "selection-rate", "value": 0.31,\n  "slice": { "attribute": "sex", "group": "female" } }\n# catalog-info.yaml\nrisk:\n  fairness:\n    - metric: demographic-parity-difference\n      threshold: 0.1'
          }
        />
      )}
      <Typography variant="h6" component="h3" sx={{ mt: 2 }}>
        Drift
      </Typography>
      {drift.points.length > 0 ? (
        <LazyDriftChart
          features={drift.features}
          points={drift.points}
          test={entity.spec.monitoring?.drift?.test}
        />
      ) : (
        <MissingSection
          what="Drift monitoring"
          field="spec.monitoring.drift (and monitoring snapshots posted to the backend)"
          example={
            'monitoring:\n  drift:\n    test: ks\n    features: true\n    output: true'
          }
        />
      )}
    </Section>
  );
}
