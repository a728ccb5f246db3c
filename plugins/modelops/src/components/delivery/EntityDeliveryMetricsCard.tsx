import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { useApi } from '@backstage/core-plugin-api';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { deliveryApiRef } from '../../api/deliveryApiRef';
import { DeliveryMetricsView } from './DeliveryMetricsView';
import { WindowSelect } from './WindowSelect';

/**
 * Delivery metrics of the model in context over a selectable window.
 *
 * @public
 */
export function EntityDeliveryMetricsCard() {
  const { entity } = useEntity();
  const deliveryApi = useApi(deliveryApiRef);
  const entityRef = stringifyEntityRef(entity);
  const [days, setDays] = useState(90);
  const { value, loading, error } = useAsync(
    () => deliveryApi.getDeliveryMetrics({ entityRef, days }),
    [deliveryApi, entityRef, days],
  );
  return (
    <InfoCard
      title="Delivery"
      subheader="How often this model ships, how often that breaks, how fast it recovers"
      action={<WindowSelect days={days} onChange={setDays} />}
    >
      {loading && <Progress />}
      {error && <ResponseErrorPanel error={error} />}
      {value && <DeliveryMetricsView metrics={value} />}
    </InfoCard>
  );
}
