import { lazy, Suspense } from 'react';
import type { DeliveryMetrics } from '@modelops/plugin-modelops-common';
import Box from '@mui/material/Box';
import Skeleton from '@mui/material/Skeleton';
import Typography from '@mui/material/Typography';
import { ChartFigure } from '../charts/ChartFigure';

const DeliveryTrendChart = lazy(() => import('./DeliveryTrendChart'));

/** Hours as the unit a reader grasps: minutes, hours or days. */
export function formatDuration(hours: number | undefined): string {
  if (hours === undefined) return 'n/a';
  if (hours < 1) return `${Math.round(hours * 60)} min`;
  if (hours < 48) return `${Math.round(hours * 10) / 10} h`;
  return `${Math.round((hours / 24) * 10) / 10} d`;
}

function formatRate(rate: number | undefined): string {
  return rate === undefined ? 'n/a' : `${Math.round(rate * 1000) / 10}%`;
}

function Stat(props: { label: string; value: string; detail: string }) {
  return (
    <Box minWidth={160}>
      <Typography variant="caption" color="text.secondary">
        {props.label}
      </Typography>
      <Typography variant="h5" component="p">
        {props.value}
      </Typography>
      <Typography variant="caption" color="text.secondary">
        {props.detail}
      </Typography>
    </Box>
  );
}

/**
 * The delivery measures of a model or team: deployment frequency, change
 * failure rate and mean time to recover, and their weekly trend.
 */
export function DeliveryMetricsView(props: { metrics: DeliveryMetrics }) {
  const m = props.metrics;
  if (
    m.deployments === 0 &&
    m.incidentsResolved === 0 &&
    m.incidentsOpen === 0
  ) {
    return (
      <Typography color="text.secondary">
        No deployments or incidents recorded in the last {m.days} days. They
        appear once the deployment pipeline and the incident tool report them to
        the portal.
      </Typography>
    );
  }
  return (
    <>
      <Box display="flex" gap={4} flexWrap="wrap" mb={2}>
        <Stat
          label="Deployment frequency"
          value={`${Math.round(m.deploymentsPerWeek * 10) / 10} / week`}
          detail={`${m.deployments} deployments in ${m.days} days`}
        />
        <Stat
          label="Change failure rate"
          value={formatRate(m.changeFailureRate)}
          detail={`${m.failedDeployments} failed deployments`}
        />
        <Stat
          label="Mean time to recover"
          value={formatDuration(m.meanTimeToRecoverHours)}
          detail={`${m.incidentsResolved} incidents resolved, ${m.incidentsOpen} open`}
        />
      </Box>
      <ChartFigure
        caption="Deployments and time to recover per week"
        summary={`${m.deployments} deployments (${m.failedDeployments} failed) and ${m.incidentsResolved} recovered incidents over ${m.weeks.length} weeks; weeks without a recovered incident have no time to recover.`}
      >
        <Suspense
          fallback={
            <Skeleton
              variant="rectangular"
              height={240}
              aria-label="Loading chart"
            />
          }
        >
          <DeliveryTrendChart weeks={m.weeks} />
        </Suspense>
      </ChartFigure>
    </>
  );
}
