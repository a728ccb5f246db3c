/*
 * getReviewFacts: the review state of many entities from the review tables,
 * in a fixed number of queries whatever the number of entities. The scorecard
 * engine reads them through ReviewFactProvider; other features may call it
 * directly with a knex client.
 */
import type {
  ReviewDecision,
  ReviewItemState,
} from '@modelops/plugin-modelops-common';
import type { Knex } from 'knex';
import { DatabaseReviewStore } from './DatabaseReviewStore';
import { normalizeEntityRef } from '../service/CatalogMembership';

/** Review facts of one entity. */
export interface ReviewStateFacts {
  /** State in the newest open cycle that lists the entity; `none` if none does. */
  attestationState: ReviewItemState | 'none';
  /** Undecided after the due date of an open cycle. */
  attestationOverdue: boolean;
  /** When the entity was last attested (keep, transfer or retire), if ever. */
  lastAttestedAt?: string;
  latestDecision?: ReviewDecision;
  /** The owners decided to retire the entity in their latest decision. */
  retirementDecided: boolean;
}

/**
 * Review facts per entity ref (normalized, lower-case). Every requested ref
 * is in the map, with `attestationState: 'none'` when never reviewed.
 */
export async function getReviewFacts(
  knex: Knex,
  entityRefs: string[],
  now: Date = new Date(),
): Promise<Map<string, ReviewStateFacts>> {
  const refs = [...new Set(entityRefs.map(normalizeEntityRef))];
  const store = DatabaseReviewStore.create({ database: knex });
  // The review state as it stood at `now`: cycles opened since and
  // decisions made since did not exist then (a scorecard of a past day).
  const asOf = now.toISOString();
  const [items, latest] = await Promise.all([
    refs.length
      ? store.listItems(
          { entityRefs: refs, openCyclesOnly: true, openedBy: asOf },
          now,
        )
      : Promise.resolve([]),
    store.latestDecisions(refs, asOf),
  ]);
  // listItems returns the newest cycle first; keep the first item per entity.
  const current = new Map<string, (typeof items)[number]>();
  for (const item of items) {
    if (!current.has(item.entityRef)) {
      current.set(
        item.entityRef,
        item.decidedAt && item.decidedAt > asOf
          ? { ...item, state: 'pending', overdue: item.dueAt < asOf }
          : item,
      );
    }
  }
  const facts = new Map<string, ReviewStateFacts>();
  for (const ref of refs) {
    const item = current.get(ref);
    const decision = latest.get(ref);
    facts.set(ref, {
      attestationState: item?.state ?? 'none',
      attestationOverdue: item?.overdue ?? false,
      lastAttestedAt: decision?.createdAt,
      latestDecision: decision?.action as ReviewDecision | undefined,
      retirementDecided: decision?.action === 'retire',
    });
  }
  return facts;
}
