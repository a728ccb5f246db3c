/*
 * DEMO ONLY, NOT FOR PRODUCTION.
 *
 * Lets the demo portal sign in as one of several people of Tidewell Group
 * (examples/org.yaml), chosen on the sign-in page, so that flows needing
 * two people can be tried: an ML engineer requests a waiver, a member of the
 * AI review board approves it; FinOps reads every team's cost, an engineer
 * only their team's. Each persona is a real User entity: the token carries
 * the groups of its memberOf, and the permission policy decides by them as
 * it would for a user signed in through a real identity provider.
 *
 * Nobody proves who they are: anyone who reaches the sign-in page may pick
 * anyone listed. The provider is switched on only by its config block
 * (auth.providers.demo-persona in app-config.yaml) and, like the guest
 * provider, signs in only under NODE_ENV=development unless
 * dangerouslyAllowOutsideDevelopment is set. A real portal signs in through
 * its identity provider (https://backstage.io/docs/auth/) and leaves this
 * module out.
 */
import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  authProvidersExtensionPoint,
  createProxyAuthProviderFactory,
} from '@backstage/plugin-auth-node';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  createDemoPersonaRouter,
  DEMO_PERSONAS_PATH,
} from './createDemoPersonaRouter';
import {
  createDemoPersonaAuthenticator,
  signInAsDemoPersona,
} from './demoPersonaAuthenticator';
import { DEMO_PERSONA_PROVIDER_ID, readDemoPersonas } from './readDemoPersonas';

export const authModuleDemoPersonaProvider = createBackendModule({
  pluginId: 'auth',
  moduleId: 'demo-persona-provider',
  register(reg) {
    reg.registerInit({
      deps: {
        providers: authProvidersExtensionPoint,
        config: coreServices.rootConfig,
        httpRouter: coreServices.httpRouter,
        auth: coreServices.auth,
        logger: coreServices.logger,
        catalog: catalogServiceRef,
      },
      async init({ providers, config, httpRouter, auth, logger, catalog }) {
        const settings = readDemoPersonas(config);
        if (!settings) return;
        logger.warn(
          `Demo persona sign-in is on: anyone may sign in as ${settings.personas
            .map(p => p.userEntityRef)
            .join(', ')}. Never use it in a portal with real data.`,
        );
        providers.registerProvider({
          providerId: DEMO_PERSONA_PROVIDER_ID,
          factory: createProxyAuthProviderFactory({
            authenticator: createDemoPersonaAuthenticator(settings),
            signInResolver: signInAsDemoPersona,
          }),
        });
        // Modules start before their plugin, so this route is mounted ahead
        // of the auth router, whose catch-all answers unknown provider
        // paths with 404.
        httpRouter.use(
          createDemoPersonaRouter({ settings, catalog, auth, logger }),
        );
        httpRouter.addAuthPolicy({
          path: DEMO_PERSONAS_PATH,
          allow: 'unauthenticated',
        });
      },
    });
  },
});
