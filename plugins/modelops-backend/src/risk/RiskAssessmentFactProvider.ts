import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import type { ModelopsFactProvider } from '@modelops/plugin-modelops-node';
import { normalizeEntityRef } from '../service/CatalogMembership';
import type { RiskAssessmentStore } from './types';

/**
 * `risk.latest`: the latest recorded risk assessment of each model (tier,
 * author, time, classifier version), for the check that holds
 * `spec.risk.tier` to it. One query per page of entities.
 */
export class RiskAssessmentFactProvider implements ModelopsFactProvider {
  readonly id = 'risk';

  private constructor(private readonly store: RiskAssessmentStore) {}

  static create(options: {
    store: RiskAssessmentStore;
  }): RiskAssessmentFactProvider {
    return new RiskAssessmentFactProvider(options.store);
  }

  async changedSince(since: Date): Promise<string[]> {
    return this.store.entityRefsChangedSince(since.toISOString());
  }

  async getFacts(entities: Entity[], context: { now: Date }) {
    const refs = entities.map(e => stringifyEntityRef(e));
    // As assessed by `now`: a backfilled past day sees no later assessment.
    const latest = await this.store.latest(
      refs.map(normalizeEntityRef),
      context.now.toISOString(),
    );
    const out = new Map<string, Record<string, unknown>>();
    refs.forEach(ref => {
      const assessment = latest.get(normalizeEntityRef(ref));
      if (!assessment) return;
      out.set(ref, {
        latest: {
          tier: assessment.tier,
          assessedAt: assessment.assessedAt,
          assessedBy: assessment.assessedBy,
          classifierVersion: assessment.classifierVersion,
        },
      });
    });
    return out;
  }
}
