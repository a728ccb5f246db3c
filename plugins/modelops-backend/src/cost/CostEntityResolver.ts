/*
 * CostEntityResolver: attributes a billing line to a catalog entity from its
 * cloud tags (or Kubernetes labels). The entity tag's value may be a full
 * entity ref or, where tag values cannot hold ':' and '/' (GCP labels,
 * Kubernetes labels), just the entity name. Entities can also claim
 * resources by declaring `spec.cost.tags`: every declared tag must match.
 */
import { UNMAPPED_COST_KIND } from '@modelops/plugin-modelops-common';
import type { CostEntity } from './CostCatalog';

/** Parses a tags cell of a billing export into key/value pairs. */
export function parseTags(cell: string | undefined): Record<string, string> {
  const text = cell?.trim();
  if (!text) {
    return {};
  }
  if (text.startsWith('{') || text.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(text);
      const tags: Record<string, string> = {};
      if (Array.isArray(parsed)) {
        // GCP billing export: [{"key": "...", "value": "..."}]
        for (const item of parsed) {
          if (item && typeof item.key === 'string') {
            tags[item.key] = String(item.value ?? '');
          }
        }
      } else if (parsed && typeof parsed === 'object') {
        // Azure cost export: {"key": "value"}
        for (const [key, value] of Object.entries(parsed)) {
          tags[key] = String(value);
        }
      }
      return tags;
    } catch {
      // Not JSON after all: fall through to the key=value forms.
    }
  }
  // key=value or key:value pairs separated by ';' or ','. Keys may contain
  // '/' and '.', and values may be full entity refs, so only the first
  // separator of a pair splits it.
  const tags: Record<string, string> = {};
  for (const pair of text.split(/[;,]/)) {
    const match = /^\s*([^=]+?)\s*=\s*(.*?)\s*$/.exec(pair);
    if (match) {
      tags[match[1]] = match[2];
    }
  }
  return tags;
}

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

/** Maps tags to entity refs of the catalog. */
export class CostEntityResolver {
  private readonly byRef = new Map<string, CostEntity>();
  private readonly byName = new Map<string, CostEntity[]>();
  private readonly claiming: CostEntity[];

  private constructor(entities: CostEntity[], private readonly tagKey: string) {
    for (const entity of entities) {
      this.byRef.set(entity.entityRef, entity);
      const named = this.byName.get(entity.name.toLocaleLowerCase('en-US'));
      if (named) named.push(entity);
      else this.byName.set(entity.name.toLocaleLowerCase('en-US'), [entity]);
    }
    this.claiming = entities.filter(
      entity => Object.keys(entity.costTags).length > 0,
    );
  }

  static create(options: {
    entities: CostEntity[];
    tagKey: string;
  }): CostEntityResolver {
    return new CostEntityResolver(options.entities, options.tagKey);
  }

  /**
   * The entity ref the tags point at, or undefined when no entity (or more
   * than one, ambiguously) matches.
   */
  resolve(tags: Record<string, string>): string | undefined {
    const value = tags[this.tagKey]?.trim().toLocaleLowerCase('en-US');
    if (value) {
      const direct = this.byRef.get(value);
      if (direct) return direct.entityRef;
      const named = this.byName.get(value);
      if (named?.length === 1) return named[0].entityRef;
      // Prefer the model when a model and its dataset share a name.
      const model = named?.filter(entity => entity.kind === 'mlmodel');
      if (model?.length === 1) return model[0].entityRef;
    }
    const claimed = this.claiming.filter(entity =>
      Object.entries(entity.costTags).every(([key, tag]) => tags[key] === tag),
    );
    return claimed.length === 1 ? claimed[0].entityRef : undefined;
  }
}
