import { EntityHeaderLayoutBlueprint } from '@backstage/plugin-catalog-react/alpha';

/**
 * The header of MLModel pages, showing lifecycle, risk tier and scorecard
 * level beside the owner and system. It replaces the catalog's header on
 * those pages, menu included (unregister, inspect, copy URL), so it is off
 * until the app enables it:
 *
 * ```yaml
 * app:
 *   extensions:
 *     - entity-header-layout:modelops/model: true
 * ```
 *
 * @alpha
 */
export const modelEntityHeaderLayout = EntityHeaderLayoutBlueprint.make({
  name: 'model',
  disabled: true,
  params: {
    filter: { kind: 'MLModel' },
    loader: () =>
      import('../components/ModelHeader/ModelEntityHeader').then(
        m => m.ModelEntityHeader,
      ),
  },
});
