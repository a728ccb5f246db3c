/*
 * The demo persona authenticator: a proxy authenticator (the kind Backstage
 * uses for sign-in behind an authenticating proxy, and for its guest) whose
 * "proxy" is the sign-in page itself, naming the chosen persona in a header.
 *
 * DEMO ONLY: the header is trusted as it comes. It signs in only the users
 * listed in config, and only where the guest provider would sign in too.
 */
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { AuthenticationError, NotAllowedError } from '@backstage/errors';
import {
  createProxyAuthenticator,
  type SignInResolver,
} from '@backstage/plugin-auth-node';
import {
  DEMO_PERSONA_HEADER,
  DEMO_PERSONA_PROVIDER_ID,
  type DemoPersonaSettings,
  demoSignInAllowed,
} from './readDemoPersonas';

/** What the authenticator hands to the sign-in resolver. */
export interface DemoPersonaResult {
  userEntityRef: string;
}

function normalize(raw: string): string | undefined {
  try {
    return stringifyEntityRef(
      parseEntityRef(raw, { defaultKind: 'user', defaultNamespace: 'default' }),
    ).toLocaleLowerCase('en-US');
  } catch {
    return undefined;
  }
}

/** Authenticates the persona the sign-in page names, if config lists it. */
export function createDemoPersonaAuthenticator(settings: DemoPersonaSettings) {
  const listed = new Set(settings.personas.map(p => p.userEntityRef));
  return createProxyAuthenticator<void, DemoPersonaResult, undefined>({
    // The request carries nothing but the ref: the name and email the portal
    // shows come from the User entity.
    defaultProfileTransform: async ({ userEntityRef }, ctx) => {
      const { entity } = await ctx.findCatalogUser({
        entityRef: userEntityRef,
      });
      const profile = (entity.spec?.profile ?? {}) as {
        displayName?: string;
        email?: string;
        picture?: string;
      };
      return {
        profile: {
          displayName: profile.displayName ?? entity.metadata.title,
          email: profile.email,
          picture: profile.picture,
        },
      };
    },
    initialize() {},
    async authenticate({ req }) {
      if (!demoSignInAllowed(settings)) {
        throw new NotAllowedError(
          `The demo persona provider signs in only in development; set auth.providers.${DEMO_PERSONA_PROVIDER_ID}.dangerouslyAllowOutsideDevelopment to use it elsewhere (never in a portal with real data)`,
        );
      }
      const raw = req.get(DEMO_PERSONA_HEADER);
      if (!raw) {
        throw new AuthenticationError(
          `Choose a persona on the sign-in page (header ${DEMO_PERSONA_HEADER} is missing)`,
        );
      }
      const userEntityRef = normalize(raw);
      if (!userEntityRef || !listed.has(userEntityRef)) {
        throw new NotAllowedError(
          `${raw} is not one of the demo personas of auth.providers.${DEMO_PERSONA_PROVIDER_ID}.personas`,
        );
      }
      return { result: { userEntityRef } };
    },
  });
}

/**
 * Signs the persona in as its User entity, so the token carries the groups
 * of its `memberOf`, as the permission policy and the ModelOps routes read
 * them. A persona missing from the catalog is refused (NotFoundError).
 */
export const signInAsDemoPersona: SignInResolver<DemoPersonaResult> = async (
  { result },
  ctx,
) => ctx.signInWithCatalogUser({ entityRef: result.userEntityRef });
