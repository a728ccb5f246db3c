import type { Entity } from '@backstage/catalog-model';
import { evaluateRule } from './evaluateRule';
import type { CheckAppliesTo } from './types';

function field(entity: Entity, ...path: string[]): unknown {
  let current: unknown = entity.spec;
  for (const p of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[p];
  }
  return current;
}

function matches(list: string[] | undefined, value: unknown): boolean {
  if (!list) return true;
  return typeof value === 'string' && list.includes(value);
}

/**
 * Whether a check applies to an entity: kind, `spec.type`, `spec.lifecycle`
 * and `spec.risk.tier` must each be in the check's list when it has one. An
 * entity without a risk tier gets no tier-scoped checks; the
 * `responsible-ai.risk-tier` check makes the missing tier visible instead.
 * `when`, if set, must hold on the entity's own fields.
 *
 * @public
 */
export function checkApplies(
  appliesTo: CheckAppliesTo,
  entity: Entity,
): boolean {
  return (
    (appliesTo.kinds as string[]).includes(entity.kind) &&
    matches(appliesTo.types, field(entity, 'type')) &&
    matches(appliesTo.lifecycles, field(entity, 'lifecycle')) &&
    matches(appliesTo.riskTiers, field(entity, 'risk', 'tier')) &&
    (!appliesTo.when || evaluateRule(appliesTo.when, { entity }).passed)
  );
}
