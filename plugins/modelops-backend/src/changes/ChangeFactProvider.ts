/*
 * ChangeFactProvider: the `changes` facts of the scorecards, for a page of
 * entities in two grouped queries:
 *
 * - `changes.productionVersionApproved`: the version the model declares
 *   (spec.version) has an approved promotion; undefined when the model
 *   declares no version, so that the check names the missing version instead;
 * - `changes.pendingCount`: change requests waiting for a decision;
 * - `changes.latestApprovedPromotionAt`: when the latest approved promotion
 *   of any version was decided, for checks that ask evidence to be newer.
 */
import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import type { CheckDefinition } from '@modelops/plugin-modelops-common';
import type { ModelopsFactProvider } from '@modelops/plugin-modelops-node';
import type { Knex } from 'knex';
import { normalizeEntityRef } from '../service/CatalogMembership';
import { DatabaseChangeStore } from './DatabaseChangeStore';
import type { ChangeStore } from './types';

/** Fact provider `changes` for the scorecard engine. */
export class ChangeFactProvider implements ModelopsFactProvider {
  readonly id = 'changes';

  private constructor(private readonly store: ChangeStore) {}

  static create(options: {
    database: Knex;
    store?: ChangeStore;
  }): ChangeFactProvider {
    return new ChangeFactProvider(
      options.store ?? DatabaseChangeStore.create({ knex: options.database }),
    );
  }

  async changedSince(since: Date): Promise<string[]> {
    return this.store.entityRefsChangedSince(since.toISOString());
  }

  async getFacts(
    entities: Entity[],
    context: { now: Date },
  ): Promise<Map<string, Record<string, unknown>>> {
    const refs = entities.map(e => stringifyEntityRef(e));
    const normalized = refs.map(normalizeEntityRef);
    // The requests as they stood at `now` (a past day, when backfilling).
    const asOf = context.now.toISOString();
    const [approved, pending, latestApproval] = await Promise.all([
      this.store.approvedPromotions(normalized, asOf),
      this.store.pendingCounts(normalized, asOf),
      this.store.latestApprovedPromotionAt(normalized, asOf),
    ]);
    const facts = new Map<string, Record<string, unknown>>();
    entities.forEach((entity, index) => {
      const version = entity.spec?.version;
      const declared =
        typeof version === 'string' || typeof version === 'number'
          ? String(version)
          : undefined;
      facts.set(refs[index], {
        productionVersionApproved:
          declared === undefined
            ? undefined
            : approved.get(normalized[index])?.has(declared) ?? false,
        pendingCount: pending.get(normalized[index]) ?? 0,
        latestApprovedPromotionAt: latestApproval.get(normalized[index]),
      });
    });
    return facts;
  }
}

/**
 * The check the `changes` facts feed: what runs in production went through
 * a four-eyes approval.
 */
export const productionChangeApprovedCheck: CheckDefinition = {
  id: 'production-readiness.change-approved',
  title: 'Production version approved',
  description:
    'The version in production (spec.version) was promoted through an approved change request, decided by a reviewer other than the requester.',
  rationale: {
    practice:
      'Module 7: Implement change advisory boards to review and approve production model updates and rollbacks.',
    obligations: ['nist-ai-rmf.manage-4.1', 'iso-42001.a.6.2.5'],
  },
  appliesTo: { kinds: ['MLModel'], lifecycles: ['production'] },
  rule: {
    fact: 'changes.productionVersionApproved',
    op: 'equals',
    value: true,
  },
  severity: 'error',
  remediation: {
    text: 'Request a promotion of the production version with its evidence on the model page, and have a member of the review board approve it.',
  },
  pack: 'production-readiness',
  level: 'silver',
};
