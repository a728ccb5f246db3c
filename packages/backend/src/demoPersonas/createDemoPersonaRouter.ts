/*
 * GET /api/auth/demo-persona/personas: the people the demo sign-in page
 * offers, with their names, titles and teams read from the catalog, so the
 * page shows the User entities of examples/ as they are. The sign-in page
 * runs before anyone is signed in, so the route is unauthenticated.
 *
 * DEMO ONLY: it lists people to anybody who asks. It exists only while
 * auth.providers.demo-persona is configured.
 */
import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import {
  type Entity,
  RELATION_MEMBER_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import Router from 'express-promise-router';
import type express from 'express';
import {
  DEMO_PERSONA_PROVIDER_ID,
  type DemoPersonaSettings,
} from './readDemoPersonas';

/** The path of the list, relative to the auth plugin's router. */
export const DEMO_PERSONAS_PATH = `/${DEMO_PERSONA_PROVIDER_ID}/personas`;

/** One persona as the sign-in page shows it. */
export interface DemoPersonaListItem {
  userEntityRef: string;
  displayName: string;
  /** The User entity's description (their job). */
  description?: string;
  email?: string;
  role: string;
  summary?: string;
  /** The groups of the user's memberOf, by display name. */
  teams: { entityRef: string; displayName: string }[];
}

function displayNameOf(entity: Entity): string {
  const profile = entity.spec?.profile as { displayName?: string } | undefined;
  return profile?.displayName ?? entity.metadata.title ?? entity.metadata.name;
}

/** Options of {@link createDemoPersonaRouter}. */
export interface DemoPersonaRouterOptions {
  settings: DemoPersonaSettings;
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
}

export function createDemoPersonaRouter(
  options: DemoPersonaRouterOptions,
): express.Router {
  const { settings, catalog, auth, logger } = options;
  const router = Router();
  router.get(DEMO_PERSONAS_PATH, async (_req, res) => {
    const credentials = await auth.getOwnServiceCredentials();
    const { items: users } = await catalog.getEntitiesByRefs(
      { entityRefs: settings.personas.map(p => p.userEntityRef) },
      { credentials },
    );
    const teamRefs = [
      ...new Set(
        users.flatMap(
          user =>
            user?.relations
              ?.filter(r => r.type === RELATION_MEMBER_OF)
              .map(r => r.targetRef) ?? [],
        ),
      ),
    ];
    const { items: teams } = await catalog.getEntitiesByRefs(
      { entityRefs: teamRefs },
      { credentials },
    );
    const teamNames = new Map(
      teams.flatMap(team =>
        team ? [[stringifyEntityRef(team), displayNameOf(team)] as const] : [],
      ),
    );
    const personas: DemoPersonaListItem[] = [];
    settings.personas.forEach((persona, index) => {
      const user = users[index];
      if (!user) {
        // Signing in as a user the catalog does not hold fails; offering
        // the persona would only lead to that error.
        logger.warn(
          `Demo persona ${persona.userEntityRef} is not in the catalog; the sign-in page leaves it out`,
        );
        return;
      }
      const profile = user.spec?.profile as { email?: string } | undefined;
      personas.push({
        userEntityRef: persona.userEntityRef,
        displayName: displayNameOf(user),
        description: user.metadata.description,
        email: profile?.email,
        role: persona.role,
        summary: persona.summary,
        teams: (user.relations ?? [])
          .filter(r => r.type === RELATION_MEMBER_OF)
          .map(r => ({
            entityRef: r.targetRef,
            displayName: teamNames.get(r.targetRef) ?? r.targetRef,
          })),
      });
    });
    res.json({ personas });
  });
  return router;
}
