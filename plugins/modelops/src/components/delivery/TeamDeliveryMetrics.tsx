import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { useApi } from '@backstage/core-plugin-api';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { EntityRefLinks } from '@backstage/plugin-catalog-react';
import Typography from '@mui/material/Typography';
import { deliveryApiRef } from '../../api/deliveryApiRef';
import { DeliveryMetricsView } from './DeliveryMetricsView';
import { WindowSelect } from './WindowSelect';

/** Props of {@link TeamDeliveryMetrics}. */
export interface TeamDeliveryMetricsProps {
  /** The team, a group ref such as `group:default/risk-ml`. */
  team: string;
}

/**
 * Delivery metrics of every model a team owns, for a team page or the
 * group entity page.
 *
 * @public
 */
export function TeamDeliveryMetrics(props: TeamDeliveryMetricsProps) {
  const deliveryApi = useApi(deliveryApiRef);
  const [days, setDays] = useState(90);
  const { value, loading, error } = useAsync(
    () => deliveryApi.getDeliveryMetrics({ team: props.team, days }),
    [deliveryApi, props.team, days],
  );
  return (
    <InfoCard
      title={`Delivery of ${props.team}`}
      action={<WindowSelect days={days} onChange={setDays} />}
    >
      {loading && <Progress />}
      {error && <ResponseErrorPanel error={error} />}
      {value && value.entityRefs.length === 0 && (
        <Typography color="text.secondary">
          This team owns no models in the catalog.
        </Typography>
      )}
      {value && value.entityRefs.length > 0 && (
        <>
          <Typography variant="body2" sx={{ mb: 2 }} component="div">
            Models measured: <EntityRefLinks entityRefs={value.entityRefs} />
          </Typography>
          <DeliveryMetricsView metrics={value} />
        </>
      )}
    </InfoCard>
  );
}
