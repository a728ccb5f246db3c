/*
 * CostCatalog: what the cost views need from the catalog (owner, lifecycle,
 * spec.cost of each MLModel and Dataset), paged through with the caller's
 * credentials so that the catalog's own read permissions still apply.
 */
import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { entityRefOf, ownerRefOf } from '../service/CatalogMembership';

/** The cost-relevant part of a catalog entity. */
export interface CostEntity {
  entityRef: string;
  kind: string;
  name: string;
  /**
   * Owning group (or user) as a full, lower-case entity ref; absent when the
   * entity has neither an `ownedBy` relation nor a usable `spec.owner`, so
   * that only finance group members and services read its cost.
   */
  owner?: string;
  lifecycle?: string;
  monthlyBudget?: number;
  targetCostPer1kInferences?: number;
  /** `spec.cost.tags`: cloud tags or labels that identify this entity's resources. */
  costTags: Record<string, string>;
}

const COST_ENTITY_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'spec.owner',
  'spec.lifecycle',
  'spec.cost',
  'relations',
];

function finiteNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value)
    ? value
    : undefined;
}

function readTags(value: unknown): Record<string, string> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    return {};
  }
  const tags: Record<string, string> = {};
  for (const [key, tag] of Object.entries(value)) {
    if (typeof tag === 'string' || typeof tag === 'number') {
      tags[key] = String(tag);
    }
  }
  return tags;
}

/**
 * Reduces a catalog entity to what cost needs. The owner follows the same
 * rule as every other ModelOps feature ({@link ownerRefOf}); a malformed
 * `spec.owner` leaves the entity without an owner rather than failing the
 * whole cost view.
 */
export function toCostEntity(entity: Entity): CostEntity {
  const cost = (entity.spec?.cost ?? {}) as Record<string, unknown>;
  return {
    // Lower case, as the store keeps refs, so lookups need no normalising.
    entityRef: entityRefOf(entity),
    kind: entity.kind.toLocaleLowerCase('en-US'),
    name: entity.metadata.name,
    owner: ownerRefOf(entity),
    lifecycle:
      typeof entity.spec?.lifecycle === 'string'
        ? entity.spec.lifecycle
        : undefined,
    monthlyBudget: finiteNumber(cost.monthlyBudget),
    targetCostPer1kInferences: finiteNumber(cost.targetCostPer1kInferences),
    costTags: readTags(cost.tags),
  };
}

/** Reads cost entities from the catalog. */
export class CostCatalog {
  private constructor(private readonly catalog: CatalogService) {}

  static create(options: { catalog: CatalogService }): CostCatalog {
    return new CostCatalog(options.catalog);
  }

  /** Every MLModel and Dataset visible to the credentials, paged. */
  async listEntities(credentials: BackstageCredentials): Promise<CostEntity[]> {
    const entities: CostEntity[] = [];
    for await (const page of this.catalog.streamEntities(
      { filter: { kind: ['MLModel', 'Dataset'] }, fields: COST_ENTITY_FIELDS },
      { credentials },
    )) {
      entities.push(...page.map(toCostEntity));
    }
    return entities;
  }

  /** One entity, or undefined when it does not exist or is not visible. */
  async getEntity(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<CostEntity | undefined> {
    const entity = await this.catalog.getEntityByRef(entityRef, {
      credentials,
    });
    return entity && toCostEntity(entity);
  }
}
