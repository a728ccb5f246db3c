import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import catalogGraphPlugin from '@backstage/plugin-catalog-graph/alpha';
import scaffolderPlugin from '@backstage/plugin-scaffolder/alpha';
import notificationsPlugin from '@backstage/plugin-notifications/alpha';
import orgPlugin from '@backstage/plugin-org/alpha';
import modelopsPlugin, {
  catalogGraphModelOpsModule,
} from '@modelops/plugin-modelops/alpha';
import { navModule } from './modules/nav';
import { signInModule } from './modules/signIn';

export default createApp({
  features: [
    catalogPlugin,
    // The relations graph on entity pages, which shows a model's datasets,
    // owner and system.
    catalogGraphPlugin,
    // Teaches the relations graph the lineage relations of models and
    // datasets (trained on, evaluated on, derived from, stewarded by).
    catalogGraphModelOpsModule,
    scaffolderPlugin,
    notificationsPlugin,
    orgPlugin,
    modelopsPlugin,
    navModule,
    // DEMO ONLY: sign in as one of the demo company's people.
    signInModule,
  ],
});
