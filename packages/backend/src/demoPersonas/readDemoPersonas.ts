/*
 * The demo personas of `auth.providers.demo-persona`: who the demo portal's
 * sign-in page offers, read once at start-up.
 *
 * DEMO ONLY. Anyone who reaches the sign-in page may sign in as any persona
 * listed here, without a password. Never configure this provider in a portal
 * that holds real data.
 */
import type { Config } from '@backstage/config';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';

/** The provider id, the path segment under `/api/auth` and the config key. */
export const DEMO_PERSONA_PROVIDER_ID = 'demo-persona';

/** The request header in which the sign-in page names the chosen persona. */
export const DEMO_PERSONA_HEADER = 'x-demo-persona';

/** One person the demo may be signed in as. */
export interface DemoPersona {
  /** The User entity, normalised (`user:default/tomas.novak`). */
  userEntityRef: string;
  /** The role in a few words, as the sign-in page shows it. */
  role: string;
  /** What to try as this person, one sentence. */
  summary?: string;
}

/** The provider's settings. */
export interface DemoPersonaSettings {
  personas: DemoPersona[];
  /** Set to sign in outside `NODE_ENV=development` (the guest's rule). */
  dangerouslyAllowOutsideDevelopment: boolean;
}

const KEY = `auth.providers.${DEMO_PERSONA_PROVIDER_ID}`;

/**
 * Reads the provider's block; undefined when it is absent, which keeps the
 * provider and its persona list switched off.
 *
 * @throws InputError naming the key when a persona is not a User ref
 */
export function readDemoPersonas(
  config: Config,
): DemoPersonaSettings | undefined {
  const block = config.getOptionalConfig(KEY);
  if (!block) return undefined;
  const personas = block.getConfigArray('personas').map((entry, index) => {
    const raw = entry.getString('userEntityRef');
    let ref;
    try {
      ref = parseEntityRef(raw, {
        defaultKind: 'user',
        defaultNamespace: 'default',
      });
    } catch {
      ref = undefined;
    }
    if (!ref || ref.kind.toLocaleLowerCase('en-US') !== 'user') {
      throw new InputError(
        `${KEY}.personas[${index}].userEntityRef: expected a User ref such as user:default/tomas.novak, got "${raw}"`,
      );
    }
    return {
      userEntityRef: stringifyEntityRef(ref).toLocaleLowerCase('en-US'),
      role: entry.getString('role'),
      summary: entry.getOptionalString('summary'),
    };
  });
  return {
    personas,
    dangerouslyAllowOutsideDevelopment:
      block.getOptionalBoolean('dangerouslyAllowOutsideDevelopment') ?? false,
  };
}

/** True where the provider may sign anybody in (the guest provider's rule). */
export function demoSignInAllowed(settings: DemoPersonaSettings): boolean {
  return (
    process.env.NODE_ENV === 'development' ||
    settings.dangerouslyAllowOutsideDevelopment
  );
}
