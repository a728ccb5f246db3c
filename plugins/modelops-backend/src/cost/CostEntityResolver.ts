/*
 * CostEntityResolver: attributes a billing line (or an OpenCost allocation)
 * to a catalog entity from its tags or Kubernetes labels, by the entity tag
 * rules of `modelops.cost.mapping.entityTags`, tried in order. A tag value
 * may be a full ref (`mlmodel:default/fraud-detector`), a ref encoded for
 * labels (`mlmodel.default.fraud-detector`, `mlmodel--default--fraud-detector`,
 * see entityRefEncoding) or the entity name. Entities can also claim
 * resources by declaring `spec.cost.tags`: every declared tag must match.
 *
 * Tag keys are matched as written first, then loosely, because exports
 * rewrite them: a legacy CUR names the column `resourceTags/user:team`, CUR
 * 2.0 writes the key `user_team`, and both are the tag `team`.
 */
import { UNMAPPED_COST_KIND } from '@modelops/plugin-modelops-common';
import type { CostEntity } from './CostCatalog';
import type { EntityTagMatch, EntityTagRule } from './CostMapping';
import {
  decodeEntityRef,
  formatEntityRef,
  parseFullRef,
} from './entityRefEncoding';

/** Where a line's spend goes. */
export type CostEntityMatch =
  | {
      entityRef: string;
      /** The tag that named it; absent for a `spec.cost.tags` claim. */
      tagKey?: string;
    }
  | {
      entityRef?: undefined;
      /** The first entity tag the line carries, when it has one. */
      tagKey?: string;
      tagValue?: string;
      /** The entity the value names when it is a ref the catalog lacks. */
      unknownRef?: string;
    };

/** Pseudo entity ref holding spend whose tag named no known entity. */
export function unmappedEntityRef(tagValue: string | undefined): string {
  const name =
    (tagValue ?? '')
      .toLocaleLowerCase('en-US')
      .replace(/[^a-z0-9._-]+/g, '-')
      .replace(/^[-._]+|[-._]+$/g, '')
      .slice(0, 63) || 'untagged';
  return `${UNMAPPED_COST_KIND}:default/${name}`;
}

// `user:team`, `user_team`, `USER:Team` and `team` are the same tag key.
function looseKey(key: string): string {
  return key
    .toLowerCase()
    .replace(/^user[:_]/, '')
    .replace(/[^a-z0-9]+/g, '_');
}

const LOOSE_CACHE_LIMIT = 10_000;
const looseKeys = new Map<string, string>();

function cachedLooseKey(key: string): string {
  let loose = looseKeys.get(key);
  if (loose === undefined) {
    loose = looseKey(key);
    if (looseKeys.size >= LOOSE_CACHE_LIMIT) looseKeys.clear();
    looseKeys.set(key, loose);
  }
  return loose;
}

/** The value of a tag key in a tag set, matching keys loosely when needed. */
export function tagValueOf(
  tags: Readonly<Record<string, string>>,
  key: string,
): string | undefined {
  const exact = tags[key] ?? tags[`user:${key}`];
  if (exact !== undefined) return exact;
  const wanted = cachedLooseKey(key);
  for (const [candidate, value] of Object.entries(tags)) {
    if (cachedLooseKey(candidate) === wanted) return value;
  }
  return undefined;
}

/** Maps tags to entity refs of the catalog. */
export class CostEntityResolver {
  private readonly byRef = new Map<string, CostEntity>();
  private readonly byName = new Map<string, CostEntity[]>();
  private readonly kinds = new Set<string>(['mlmodel', 'dataset']);
  private readonly claiming: CostEntity[];
  // Tag sets repeat across rows and are shared objects (parsed once per
  // distinct cell), so their outcome is remembered per object.
  private readonly resolved = new WeakMap<object, CostEntityMatch>();

  private constructor(
    entities: CostEntity[],
    private readonly rules: EntityTagRule[],
  ) {
    for (const entity of entities) {
      this.byRef.set(entity.entityRef, entity);
      this.kinds.add(entity.kind);
      const name = entity.name.toLocaleLowerCase('en-US');
      const named = this.byName.get(name);
      if (named) named.push(entity);
      else this.byName.set(name, [entity]);
    }
    this.claiming = entities.filter(
      entity => Object.keys(entity.costTags).length > 0,
    );
  }

  static create(options: {
    entities: CostEntity[];
    rules: EntityTagRule[];
  }): CostEntityResolver {
    return new CostEntityResolver(options.entities, options.rules);
  }

  /** The catalog entity of a ref (lower case), when the resolver knows it. */
  entity(entityRef: string): CostEntity | undefined {
    return this.byRef.get(entityRef);
  }

  /** Where the spend of a line with these tags goes. */
  resolve(tags: Readonly<Record<string, string>>): CostEntityMatch {
    const cached = this.resolved.get(tags);
    if (cached) return cached;
    const match = this.resolveUncached(tags);
    if (Object.isFrozen(tags)) this.resolved.set(tags, match);
    return match;
  }

  private resolveUncached(
    tags: Readonly<Record<string, string>>,
  ): CostEntityMatch {
    let first: { tagKey: string; tagValue: string } | undefined;
    let unknownRef: string | undefined;
    for (const rule of this.rules) {
      const value = tagValueOf(tags, rule.key)?.trim();
      if (!value) continue;
      first ??= { tagKey: rule.key, tagValue: value };
      const found = this.lookup(value, rule.match);
      if (found.entityRef)
        return { entityRef: found.entityRef, tagKey: rule.key };
      unknownRef ??= found.unknownRef;
    }
    const claimed = this.claiming.filter(entity =>
      Object.entries(entity.costTags).every(
        ([key, tag]) => tagValueOf(tags, key) === tag,
      ),
    );
    if (claimed.length === 1) return { entityRef: claimed[0].entityRef };
    return { ...first, unknownRef };
  }

  /**
   * The entity one tag value names under a match mode, or the ref it names
   * when that is a ref of a cost kind the catalog does not hold.
   */
  private lookup(
    value: string,
    match: EntityTagMatch,
  ): { entityRef?: string; unknownRef?: string } {
    const refs = [
      match === 'any' || match === 'ref' ? parseFullRef(value) : undefined,
      match === 'any' || match === 'encoded'
        ? decodeEntityRef(value)
        : undefined,
    ];
    let unknownRef: string | undefined;
    for (const parts of refs) {
      if (!parts) continue;
      const ref = formatEntityRef(parts);
      if (this.byRef.has(ref)) return { entityRef: ref };
      if (this.kinds.has(parts.kind)) unknownRef ??= ref;
    }
    if (match === 'any' || match === 'name') {
      const named = this.byName.get(value.toLocaleLowerCase('en-US'));
      if (named?.length === 1) return { entityRef: named[0].entityRef };
      // Prefer the model when a model and its dataset share a name.
      const models = named?.filter(entity => entity.kind === 'mlmodel');
      if (models?.length === 1) return { entityRef: models[0].entityRef };
    }
    return { unknownRef };
  }
}
