/*
 * ReviewFactProvider: exposes ownership and review facts to the scorecards
 * under the `review` namespace (`review.orphaned`, `review.attestationOverdue`,
 * ...). One call covers a page of entities with one catalog batch for their
 * owners and a fixed number of database queries.
 */
import type { AuthService } from '@backstage/backend-plugin-api';
import { type Entity, stringifyEntityRef } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { ModelopsFactProvider } from '@modelops/plugin-modelops-node';
import type { Knex } from 'knex';
import { assessOwnership, ownerRefsOf } from './assessOwnership';
import { DatabaseReviewStore } from './DatabaseReviewStore';
import { getReviewFacts } from './getReviewFacts';
import { ReviewCatalog } from './ReviewCatalog';

/** Options of {@link ReviewFactProvider.create}. */
export interface ReviewFactProviderOptions {
  database: Knex;
  catalog: CatalogService;
  auth: AuthService;
}

/** Fact provider `review` for the scorecard engine. */
export class ReviewFactProvider implements ModelopsFactProvider {
  readonly id = 'review';

  private constructor(
    private readonly database: Knex,
    private readonly reviewCatalog: ReviewCatalog,
    private readonly store: DatabaseReviewStore,
  ) {}

  static create(options: ReviewFactProviderOptions): ReviewFactProvider {
    return new ReviewFactProvider(
      options.database,
      ReviewCatalog.create({ catalog: options.catalog, auth: options.auth }),
      DatabaseReviewStore.create({ database: options.database }),
    );
  }

  async changedSince(since: Date): Promise<string[]> {
    return this.store.entityRefsChangedSince(since.toISOString());
  }

  async getFacts(
    entities: Entity[],
    context: { now: Date },
  ): Promise<Map<string, Record<string, unknown>>> {
    const owners = await this.reviewCatalog.getByRefs(ownerRefsOf(entities));
    const assessments = assessOwnership(entities, owners);
    const reviewFacts = await getReviewFacts(
      this.database,
      assessments.map(a => a.entityRef),
      context.now,
    );
    const facts = new Map<string, Record<string, unknown>>();
    assessments.forEach((a, index) => {
      // The engine looks facts up by stringifyEntityRef, which keeps the
      // case of names; the review tables hold lower-cased refs.
      facts.set(stringifyEntityRef(entities[index]), {
        ownerFound: a.ownerFound,
        ownerHasMembers: a.ownerHasMembers,
        orphaned: !a.ownerFound || !a.ownerHasMembers,
        stewardAssigned: a.stewardAssigned,
        businessOwnerAssigned: a.businessOwnerAssigned,
        ...reviewFacts.get(a.entityRef),
      });
    });
    return facts;
  }
}
