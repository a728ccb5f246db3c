import Grid from '@mui/material/Grid';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import {
  fairnessBound,
  MLModelEntity,
  MLModelSpec,
} from '@modelops/plugin-modelops-common';
import { EvaluationReport } from '@modelops/plugin-modelops-common';
import {
  evaluatedMetricNames,
  latestEvaluation,
  metricHistory,
} from '../charts/chartData';
import { LazyMetricHistoryChart } from '../charts/LazyCharts';
import { MissingSection } from '../common/MissingSection';
import { Section } from '../common/Section';

type DeclaredMetric = NonNullable<MLModelSpec['metrics']>[number];

/** Whether a value meets a declared threshold; `undefined` when it cannot tell. */
export function meetsThreshold(
  metric: DeclaredMetric,
  value: number | undefined,
): boolean | undefined {
  if (value === undefined || metric.threshold === undefined) {
    return undefined;
  }
  return metric.direction === 'lower-is-better'
    ? value <= metric.threshold
    : value >= metric.threshold;
}

function statusText(ok: boolean | undefined): string {
  if (ok === undefined) {
    return '—';
  }
  return ok ? 'meets threshold' : 'breaches threshold';
}

/**
 * Thresholds of the fairness metrics declared in spec.risk.fairness, by
 * metric name. A fairness metric is a gap between groups (for example the
 * demographic parity difference), so lower is better.
 */
export function fairnessThresholds(
  entity: MLModelEntity,
): Map<string, Pick<DeclaredMetric, 'threshold' | 'direction'>> {
  const thresholds = new Map<
    string,
    Pick<DeclaredMetric, 'threshold' | 'direction'>
  >();
  for (const declaration of entity.spec.risk?.fairness ?? []) {
    // Ratio metrics are bounded from below, differences from above.
    const bound = fairnessBound(declaration);
    const threshold = bound?.higherIsBetter
      ? declaration.min ?? declaration.threshold
      : declaration.max ?? declaration.threshold;
    if (bound && threshold !== undefined) {
      thresholds.set(declaration.metric, {
        threshold,
        direction: bound.higherIsBetter
          ? 'higher-is-better'
          : 'lower-is-better',
      });
    }
  }
  return thresholds;
}

/** Which evidence the model card is built from. */
export type EvidenceProps = {
  entity: MLModelEntity;
  evaluations: EvaluationReport[];
};

/**
 * "Metrics" of the model card: the declared metrics with their thresholds,
 * the latest evaluated value, and each metric across versions.
 */
export function MetricsSection(props: EvidenceProps) {
  const { entity, evaluations } = props;
  const declared = entity.spec.metrics ?? [];
  const latest =
    latestEvaluation(evaluations, entity.spec.version) ??
    latestEvaluation(evaluations);
  const declaredNames = new Set(declared.map(m => m.name));
  const fairness = fairnessThresholds(entity);
  // Metrics a pipeline reports without a declared threshold are charted too,
  // so nothing measured is hidden; fairness metrics take their threshold
  // from spec.risk.fairness.
  const charted: DeclaredMetric[] = [
    ...declared.map(metric =>
      metric.threshold === undefined && fairness.has(metric.name)
        ? { ...metric, ...fairness.get(metric.name) }
        : metric,
    ),
    ...evaluatedMetricNames(evaluations)
      .filter(name => !declaredNames.has(name))
      .map(name => ({ name, ...fairness.get(name) })),
  ];
  return (
    <Section id="metrics" title="Metrics">
      {declared.length === 0 ? (
        <MissingSection
          what="Performance metrics and thresholds"
          field="spec.metrics"
          example={
            'metrics:\n  - name: auc\n    threshold: 0.78\n    direction: higher-is-better'
          }
        />
      ) : (
        <Table size="small" aria-label="Declared metrics">
          <TableHead>
            <TableRow>
              <TableCell>Metric</TableCell>
              <TableCell>Threshold</TableCell>
              <TableCell>Direction</TableCell>
              <TableCell>Latest value</TableCell>
              <TableCell>Status</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {declared.map(metric => {
              const value = latest?.metrics.find(
                m => m.name === metric.name && !m.slice,
              )?.value;
              return (
                <TableRow key={metric.name}>
                  <TableCell>{metric.name}</TableCell>
                  <TableCell>{metric.threshold ?? '—'}</TableCell>
                  <TableCell>
                    {metric.direction ?? 'higher-is-better'}
                  </TableCell>
                  <TableCell>{value ?? '—'}</TableCell>
                  <TableCell>
                    {statusText(meetsThreshold(metric, value))}
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      )}
      {evaluations.length === 0 ? (
        <Typography variant="body2" sx={{ mt: 2 }}>
          No evaluation results yet. They appear here once the model's training
          or evaluation pipeline reports a run to the portal; the metrics and
          thresholds to judge them by are declared in <code>spec.metrics</code>.
        </Typography>
      ) : (
        <Grid container spacing={2} sx={{ mt: 1 }}>
          {charted.map(metric => {
            const points = metricHistory(evaluations, metric.name);
            return points.length === 0 ? null : (
              <Grid item xs={12} md={6} key={metric.name}>
                <LazyMetricHistoryChart
                  metric={metric.name}
                  points={points}
                  threshold={metric.threshold}
                  direction={metric.direction}
                />
              </Grid>
            );
          })}
        </Grid>
      )}
    </Section>
  );
}
