/*
 * The demo backend: the standard Backstage plugins plus every ModelOps
 * package, as an adopter would wire them.
 */

import { createBackend } from '@backstage/backend-defaults';
import { authModuleDemoPersonaProvider } from './demoPersonas';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));
backend.add(import('@backstage/plugin-proxy-backend'));

// scaffolder plugin
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-gitlab'));
backend.add(
  import('@backstage/plugin-scaffolder-backend-module-notifications'),
);

// auth plugin
backend.add(import('@backstage/plugin-auth-backend'));
// See https://backstage.io/docs/backend-system/building-backends/migrating#the-auth-plugin
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
// See https://backstage.io/docs/auth/guest/provider
// DEMO ONLY: sign in as one of the demo company's people, chosen on the
// sign-in page (auth.providers.demo-persona). Not for production: nobody
// proves who they are. See src/demoPersonas.
backend.add(authModuleDemoPersonaProvider);

// catalog plugin
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);

// See https://backstage.io/docs/features/software-catalog/configuration#subscribing-to-catalog-errors
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));

// permission plugin
backend.add(import('@backstage/plugin-permission-backend'));
// The shipped ModelOps policy, with the demo organisation's groups as its
// roles (modelops.permissionPolicy in app-config.yaml); permissions of other
// plugins are allowed.
backend.add(
  import('@modelops/plugin-permission-backend-module-modelops-policy'),
);

// search plugin
backend.add(import('@backstage/plugin-search-backend'));

// search engine
// See https://backstage.io/docs/features/search/search-engines
backend.add(import('@backstage/plugin-search-backend-module-pg'));

// search collators
backend.add(import('@backstage/plugin-search-backend-module-catalog'));
// TechDocs is left out of the demo: none of its entities has documentation
// to build, and an empty TechDocs put a dead-end Docs tab on every entity and
// answered searches of its empty index with an error.

// kubernetes plugin
backend.add(import('@backstage/plugin-kubernetes-backend'));

// user settings plugin
backend.add(import('@backstage/plugin-user-settings-backend'));

// notifications and signals plugins
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

// mcp actions plugin
backend.add(import('@backstage/plugin-mcp-actions-backend'));

backend.add(import('@modelops/plugin-modelops-backend'));
backend.add(import('@modelops/plugin-catalog-backend-module-modelops'));
backend.add(import('@modelops/plugin-scaffolder-backend-module-modelops'));
backend.start();
