import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import type { ModelopsFactProvider } from '@modelops/plugin-modelops-node';

/**
 * `links.<type>`: the URL of the entity's first metadata link of each type
 * (runbook, dashboard, on-call...), since rules cannot search lists.
 */
export class LinksFactProvider implements ModelopsFactProvider {
  readonly id = 'links';

  private constructor() {}

  static create(): LinksFactProvider {
    return new LinksFactProvider();
  }

  async getFacts(entities: Entity[]) {
    const out = new Map<string, Record<string, unknown>>();
    for (const entity of entities) {
      const facts: Record<string, string> = {};
      for (const link of entity.metadata.links ?? []) {
        if (link.type && !(link.type in facts)) facts[link.type] = link.url;
      }
      out.set(stringifyEntityRef(entity), facts);
    }
    return out;
  }
}
