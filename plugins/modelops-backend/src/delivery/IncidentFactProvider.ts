/*
 * IncidentFactProvider: the `incidents` facts of the scorecards, for a page
 * of entities in two queries: the incidents the delivery feature recorded
 * on each model and their serious-incident assessments (EU AI Act Art. 73).
 *
 * - `incidents.recorded`: how many incidents were opened on the model;
 * - `incidents.unassessed`: those without an assessment, `{incidentId,
 *   openedAt}` oldest first;
 * - `incidents.seriousUnreported`: those assessed serious with no report to
 *   the market surveillance authority recorded, `{incidentId, openedAt,
 *   assessedAt}`.
 */
import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import type { ModelopsFactProvider } from '@modelops/plugin-modelops-node';
import type { Knex } from 'knex';
import { normalizeEntityRef } from '../service/CatalogMembership';
import { DatabaseIncidentStore } from './DatabaseIncidentStore';
import type { IncidentStore } from './types';

/** An incident a check names in its message. */
export interface IncidentFact {
  incidentId: string;
  openedAt: string;
  assessedAt?: string;
}

/** Fact provider `incidents` for the scorecard engine. */
export class IncidentFactProvider implements ModelopsFactProvider {
  readonly id = 'incidents';

  private constructor(private readonly store: IncidentStore) {}

  static create(options: {
    database: Knex;
    store?: IncidentStore;
  }): IncidentFactProvider {
    return new IncidentFactProvider(
      options.store ?? DatabaseIncidentStore.create({ knex: options.database }),
    );
  }

  async changedSince(since: Date): Promise<string[]> {
    return this.store.entityRefsChangedSince(since.toISOString());
  }

  async getFacts(
    entities: Entity[],
    context: { now: Date },
  ): Promise<Map<string, Record<string, unknown>>> {
    const models = entities.filter(e => e.kind === 'MLModel');
    const refs = models.map(e => stringifyEntityRef(e));
    const incidents = await this.store.listIncidents(
      refs.map(normalizeEntityRef),
      context.now.toISOString(),
    );
    const facts = new Map<string, Record<string, unknown>>();
    refs.forEach(ref => {
      const recorded = incidents.get(normalizeEntityRef(ref)) ?? [];
      const unassessed: IncidentFact[] = recorded
        .filter(i => !i.assessment)
        .map(i => ({ incidentId: i.incidentId, openedAt: i.openedAt }));
      const seriousUnreported: IncidentFact[] = recorded
        .filter(i => i.assessment?.serious && !i.assessment.reportedAt)
        .map(i => ({
          incidentId: i.incidentId,
          openedAt: i.openedAt,
          assessedAt: i.assessment!.assessedAt,
        }));
      facts.set(ref, {
        recorded: recorded.length,
        unassessed,
        seriousUnreported,
      });
    });
    return facts;
  }
}
