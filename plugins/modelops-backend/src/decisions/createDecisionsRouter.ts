/*
 * createDecisionsRouter: the decision history of one entity or one team.
 *
 * - `GET /decisions?entityRef=|team=&limit=&offset=`: a page, newest first,
 *   with the total. Refs, not names: clients show names from the catalog.
 * - `GET /decisions.csv?entityRef=|team=`: every decision of the scope for
 *   an auditor, with the actors' display names beside their refs.
 *
 * Both read with the caller's catalog credentials, as the records' own
 * routes do: an entity the caller cannot see answers 404 as if it did not
 * exist, and a team's history holds only the entities the caller can see.
 */
import type { Entity } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  DECISION_EXPORT_MAX_ROWS,
  decisionExportQuerySchema,
  decisionListQuerySchema,
  type DecisionPage,
} from '@modelops/plugin-modelops-common';
import type { Router } from 'express';
import PromiseRouter from 'express-promise-router';
import { DatabaseChangeStore } from '../changes/DatabaseChangeStore';
import { DatabaseReviewStore } from '../reviews/DatabaseReviewStore';
import type { ReviewStore } from '../reviews/types';
import { DatabaseScorecardStore } from '../scorecards/DatabaseScorecardStore';
import {
  requireCredentials,
  type CallerCredentials,
} from '../service/authorizeEntity';
import { entityRefOf } from '../service/CatalogMembership';
import { parseQuery } from '../service/parseQuery';
import { queryAllEntities } from '../service/queryAllEntities';
import { requireEntities, visibleEntityRefs } from '../service/requireEntities';
import type { ModelOpsRouterOptions } from '../service/types';
import { DecisionHistory } from './DecisionHistory';
import { decisionsCsv } from './decisionsCsv';
import type { DecisionLog } from './types';

/** The kinds whose governance decisions the history lists. */
const GOVERNED_KINDS = ['MLModel', 'Dataset'];
const REF_FIELDS = ['kind', 'metadata.namespace', 'metadata.name'];

/** Replaceable parts of the decisions router, for tests. */
export interface DecisionsRouterDeps {
  /** The stores holding decisions; the plugin's own by default. */
  logs?: DecisionLog[];
  /** Reviews, for the entities a team owned in past review cycles. */
  reviews?: ReviewStore;
  now?: () => Date;
}

function displayName(entity: Entity): string | undefined {
  const profile = (entity.spec as { profile?: { displayName?: unknown } })
    ?.profile;
  if (typeof profile?.displayName === 'string') return profile.displayName;
  return entity.metadata.title ?? undefined;
}

/** Builds the decision history routes. */
export function createDecisionsRouter(
  options: ModelOpsRouterOptions,
  deps: DecisionsRouterDeps = {},
): Router {
  const reviews =
    deps.reviews ?? DatabaseReviewStore.create({ database: options.database });
  const history = DecisionHistory.create({
    logs: deps.logs ?? [
      DatabaseScorecardStore.create(options.database),
      DatabaseChangeStore.create({ knex: options.database }),
      reviews,
    ],
  });
  const now = deps.now ?? (() => new Date());
  const router = PromiseRouter();

  /**
   * The lower-case refs of the entities in scope that the caller can see.
   * A team's are those it owns now and those review cycles listed it as
   * owner of (transferred or retired since), so its history keeps them.
   */
  async function scopeRefs(
    query: { entityRef?: string; team?: string },
    credentials: CallerCredentials,
  ): Promise<string[]> {
    if (query.entityRef) {
      await requireEntities(
        options,
        credentials,
        [query.entityRef],
        'query.entityRef',
      );
      return [query.entityRef];
    }
    const team = query.team!;
    await requireEntities(options, credentials, [team], 'query.team');
    const [owned, reviewed] = await Promise.all([
      queryAllEntities(
        options.catalog,
        {
          // The owner first: the in-memory catalog of the tests decides a
          // filter at its first list value, as the real one does not.
          filter: { 'relations.ownedBy': team, kind: GOVERNED_KINDS },
          fields: REF_FIELDS,
        },
        credentials,
      ),
      reviews.listItems({ ownerRefs: [team] }, now()),
    ]);
    const refs = new Set(owned.map(entityRefOf));
    const formerly = [
      ...new Set(reviewed.map(item => item.entityRef.toLowerCase())),
    ].filter(ref => !refs.has(ref));
    // Entities the team's reviews covered that it no longer owns, if the
    // caller can still see them.
    for (const ref of await visibleEntityRefs(options, credentials, formerly)) {
      refs.add(ref);
    }
    return [...refs];
  }

  // Names of the actors the caller can see, for the auditor's export.
  async function actorNames(
    refs: string[],
    credentials: CallerCredentials,
  ): Promise<Map<string, string>> {
    const unique = [...new Set(refs.map(ref => ref.toLowerCase()))];
    const names = new Map<string, string>();
    if (unique.length === 0) return names;
    const { items } = await options.catalog.getEntitiesByRefs(
      {
        entityRefs: unique,
        fields: [...REF_FIELDS, 'metadata.title', 'spec.profile.displayName'],
      },
      { credentials },
    );
    unique.forEach((ref, i) => {
      const name = items[i] ? displayName(items[i]!) : undefined;
      if (name) names.set(ref, name);
    });
    return names;
  }

  router.get('/decisions', async (req, res) => {
    const credentials = await requireCredentials(options, req, {
      allowService: true,
    });
    const query = parseQuery(decisionListQuerySchema, req.query);
    const refs = await scopeRefs(query, credentials);
    const page = await history.page(refs, query);
    const body: DecisionPage = {
      ...page,
      limit: query.limit,
      offset: query.offset,
    };
    res.json(body);
  });

  router.get('/decisions.csv', async (req, res) => {
    const credentials = await requireCredentials(options, req, {
      allowService: true,
    });
    const query = parseQuery(decisionExportQuerySchema, req.query);
    const refs = await scopeRefs(query, credentials);
    const { items, total } = await history.page(refs, {
      limit: DECISION_EXPORT_MAX_ROWS,
      offset: 0,
    });
    // An export an auditor reads must be whole; a cut one would look whole.
    if (total > DECISION_EXPORT_MAX_ROWS) {
      const field = query.team
        ? `team: ${query.team}`
        : `entityRef: ${query.entityRef}`;
      throw new InputError(
        `Invalid query: ${field} has ${total} decisions, more than the ${DECISION_EXPORT_MAX_ROWS} one export holds; export its entities one at a time`,
      );
    }
    const scope = (query.entityRef ?? query.team!).replace(
      /[^A-Za-z0-9._-]+/g,
      '-',
    );
    res
      .status(200)
      .type('text/csv; charset=utf-8')
      .attachment(
        `modelops-decisions-${scope}-${now().toISOString().slice(0, 10)}.csv`,
      )
      .send(
        decisionsCsv(
          items,
          await actorNames(
            items.map(d => d.actorRef),
            credentials,
          ),
        ),
      );
  });

  return router;
}
