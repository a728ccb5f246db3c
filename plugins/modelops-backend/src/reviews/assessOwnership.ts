/*
 * assessOwnership: the ownership facts of entities, computed in memory from
 * the entities and their owner entities (fetched in bulk beforehand). Shared
 * by the findings route and the scorecard fact provider so both always agree
 * on what an orphan is.
 */
import type { Entity } from '@backstage/catalog-model';
import { entityRefOf, ownerRefOf } from '../service/CatalogMembership';
import { membersOfGroup } from './ReviewCatalog';

/** Ownership facts of one entity. */
export interface OwnershipAssessment {
  entityRef: string;
  kind: string;
  ownerRef?: string;
  /** The owner ref resolves to an entity in the catalog. */
  ownerFound: boolean;
  /** The owner is a user, or a group with at least one member. */
  ownerHasMembers: boolean;
  /** Datasets: `spec.steward` is set; undefined for other kinds. */
  stewardAssigned?: boolean;
  /** Production models: `spec.businessOwner` is set; undefined otherwise. */
  businessOwnerAssigned?: boolean;
}

function hasText(value: unknown): boolean {
  return typeof value === 'string' && value.trim() !== '';
}

/** Every owner ref of the entities, to fetch their owners in one batch. */
export function ownerRefsOf(entities: Entity[]): string[] {
  return [
    ...new Set(
      entities.map(ownerRefOf).filter((r): r is string => r !== undefined),
    ),
  ];
}

/**
 * Assesses the ownership of entities.
 *
 * @param owners - owner entities by normalized ref, as ReviewCatalog.getByRefs returns them
 */
export function assessOwnership(
  entities: Entity[],
  owners: Map<string, Entity>,
): OwnershipAssessment[] {
  return entities.map(entity => {
    const ownerRef = ownerRefOf(entity);
    const owner = ownerRef ? owners.get(ownerRef) : undefined;
    const ownerHasMembers =
      owner !== undefined &&
      (owner.kind.toLocaleLowerCase('en-US') !== 'group' ||
        membersOfGroup(owner).length > 0);
    const kind = entity.kind;
    const assessment: OwnershipAssessment = {
      entityRef: entityRefOf(entity),
      kind,
      ownerRef,
      ownerFound: owner !== undefined,
      ownerHasMembers,
    };
    if (kind === 'Dataset') {
      assessment.stewardAssigned = hasText(entity.spec?.steward);
    }
    if (kind === 'MLModel' && entity.spec?.lifecycle === 'production') {
      assessment.businessOwnerAssigned = hasText(entity.spec?.businessOwner);
    }
    return assessment;
  });
}
