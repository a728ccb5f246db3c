import {
  ScmIntegrationsApi,
  scmIntegrationsApiRef,
  ScmAuth,
} from '@backstage/integration-react';
import {
  AnyApiFactory,
  configApiRef,
  createApiFactory,
} from '@backstage/core-plugin-api';
import { catalogGraphApiFactory } from '@modelops/plugin-modelops';

/*
 * The app's own API factories. The ModelOps clients come with the ModelOps
 * plugin; the catalog graph's API is replaced by one that knows the
 * lineage relations of models and datasets.
 */
export const apis: AnyApiFactory[] = [
  createApiFactory({
    api: scmIntegrationsApiRef,
    deps: { configApi: configApiRef },
    factory: ({ configApi }) => ScmIntegrationsApi.fromConfig(configApi),
  }),
  ScmAuth.createDefaultApiFactory(),
  catalogGraphApiFactory,
];
