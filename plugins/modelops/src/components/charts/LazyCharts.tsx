import { ComponentType, lazy, Suspense } from 'react';
import Skeleton from '@mui/material/Skeleton';
import type { MetricHistoryChartProps } from './MetricHistoryChart';
import type { FairnessChartProps } from './FairnessChart';
import type { DriftChartProps } from './DriftChart';

// Charts pull in recharts and d3; loading them on demand keeps them out of
// the app's initial chunk and out of pages that never show a chart.
function lazyChart<P extends object>(
  load: () => Promise<ComponentType<P>>,
): ComponentType<P> {
  // lazy() cannot carry a generic props type through its ref handling; the
  // props are typed by the wrapper's signature instead.
  const Chart = lazy<ComponentType<any>>(() =>
    load().then(component => ({ default: component })),
  );
  return (props: P) => (
    <Suspense
      fallback={
        <Skeleton
          variant="rectangular"
          height={220}
          aria-label="Loading chart"
        />
      }
    >
      <Chart {...props} />
    </Suspense>
  );
}

/** {@link MetricHistoryChart}, loaded on first render. */
export const LazyMetricHistoryChart = lazyChart<MetricHistoryChartProps>(() =>
  import('./MetricHistoryChart').then(m => m.MetricHistoryChart),
);

/** {@link FairnessChart}, loaded on first render. */
export const LazyFairnessChart = lazyChart<FairnessChartProps>(() =>
  import('./FairnessChart').then(m => m.FairnessChart),
);

/** {@link DriftChart}, loaded on first render. */
export const LazyDriftChart = lazyChart<DriftChartProps>(() =>
  import('./DriftChart').then(m => m.DriftChart),
);
