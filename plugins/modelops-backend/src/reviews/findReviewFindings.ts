/*
 * findReviewFindings: the ownership problems of the ModelOps portfolio:
 * orphans (owner missing from the catalog, or a group without members),
 * datasets without a steward, production models without a business owner,
 * and attestations overdue in open cycles. Entities are read page by page,
 * owners in one batch, review items in one query.
 */
import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type {
  ReviewFinding,
  ReviewFindings,
} from '@modelops/plugin-modelops-common';
import { assessOwnership, ownerRefsOf } from './assessOwnership';
import { entityRefOf } from '../service/CatalogMembership';
import type { ReviewCatalog } from './ReviewCatalog';
import type { ReviewStore } from './types';

/** What {@link findReviewFindings} reads from. */
export interface FindReviewFindingsOptions {
  reviewCatalog: ReviewCatalog;
  store: ReviewStore;
  /** The caller's credentials: only entities the caller may read are listed. */
  credentials?: BackstageCredentials;
  /** Only findings of this cycle's overdue items; all open cycles otherwise. */
  cycleId?: string;
  now: Date;
}

/** Detects the ownership problems of every MLModel and Dataset. */
export async function findReviewFindings(
  options: FindReviewFindingsOptions,
): Promise<ReviewFindings> {
  const { reviewCatalog, store, now } = options;
  const entities = await reviewCatalog.queryAll(
    { kind: ['MLModel', 'Dataset'] },
    options.credentials,
  );
  const owners = await reviewCatalog.getByRefs(ownerRefsOf(entities));
  const findings: ReviewFinding[] = [];
  for (const a of assessOwnership(entities, owners)) {
    const base = {
      entityRef: a.entityRef,
      entityKind: a.kind,
      ownerRef: a.ownerRef,
    };
    if (!a.ownerFound) {
      findings.push({
        ...base,
        type: 'owner-not-found',
        message: a.ownerRef
          ? `Owner ${a.ownerRef} does not exist in the catalog`
          : 'No owner is set',
      });
    } else if (!a.ownerHasMembers) {
      findings.push({
        ...base,
        type: 'owner-without-members',
        message: `Owner ${a.ownerRef} has no members`,
      });
    }
    if (a.stewardAssigned === false) {
      findings.push({
        ...base,
        type: 'missing-steward',
        message: 'Dataset has no steward (spec.steward)',
      });
    }
    if (a.businessOwnerAssigned === false) {
      findings.push({
        ...base,
        type: 'missing-business-owner',
        message: 'Production model has no business owner (spec.businessOwner)',
      });
    }
  }
  const visible = new Set(entities.map(entityRefOf));
  const items = await store.listItems(
    {
      openCyclesOnly: true,
      cycleIds: options.cycleId ? [options.cycleId] : undefined,
    },
    now,
  );
  for (const item of items) {
    if (item.overdue && visible.has(item.entityRef)) {
      findings.push({
        type: 'attestation-overdue',
        entityRef: item.entityRef,
        entityKind: item.entityKind,
        ownerRef: item.ownerRef,
        message: `Attestation was due ${item.dueAt.slice(0, 10)} (cycle ${
          item.cycleId
        })`,
      });
    }
  }
  findings.sort(
    (x, y) =>
      x.type.localeCompare(y.type, 'en') ||
      x.entityRef.localeCompare(y.entityRef, 'en'),
  );
  return { generatedAt: now.toISOString(), items: findings };
}
