import { NotFoundError } from '@backstage/errors';
import type {
  IncidentAssessment,
  IncidentAssessmentData,
  RecordedIncident,
} from '@modelops/plugin-modelops-common';
import type { Knex } from 'knex';
import { chunks } from '../service/chunks';
import type { DatabaseStoreOptions } from '../service/types';
import { withoutUndefined } from '../service/withoutUndefined';
import type { IncidentStore, StoredIncidentAssessment } from './types';

const EVENTS = 'modelops_delivery_events';
const ASSESSMENTS = 'modelops_incident_assessments';
const BULK_READ_CHUNK = 1000;

interface AssessmentRow {
  entity_ref: string;
  incident_id: string;
  serious: boolean | number;
  rationale: string;
  reported_at: string | null;
  authority: string | null;
  report_reference: string | null;
  assessed_by: string;
  assessed_at: string;
}

interface IncidentEventRow {
  entity_ref: string;
  incident_id: string;
  type: string;
  at: string;
  model_version: string | null;
}

function toAssessment(
  row: AssessmentRow,
  openedAt: string,
): IncidentAssessment {
  return withoutUndefined({
    entityRef: row.entity_ref,
    incidentId: row.incident_id,
    openedAt,
    // SQLite stores booleans as 0 and 1.
    serious: Boolean(row.serious),
    rationale: row.rationale,
    reportedAt: row.reported_at ?? undefined,
    authority: row.authority ?? undefined,
    reportReference: row.report_reference ?? undefined,
    assessedBy: row.assessed_by,
    assessedAt: row.assessed_at,
  });
}

/**
 * Incidents of the delivery events table, per model, with the
 * serious-incident assessments recorded on them (SQLite or PostgreSQL).
 */
export class DatabaseIncidentStore implements IncidentStore {
  private constructor(
    private readonly knex: Knex,
    private readonly now: () => Date,
  ) {}

  /** Creates the store; `now` dates the assessments. */
  static create(options: DatabaseStoreOptions): IncidentStore {
    return new DatabaseIncidentStore(
      options.knex,
      options.now ?? (() => new Date()),
    );
  }

  async listIncidents(
    entityRefs: string[],
    asOf?: string,
  ): Promise<Map<string, RecordedIncident[]>> {
    const out = new Map<string, RecordedIncident[]>();
    for (const chunk of chunks([...new Set(entityRefs)], BULK_READ_CHUNK)) {
      const events = this.knex<IncidentEventRow>(EVENTS)
        .select('entity_ref', 'incident_id', 'type', 'at', 'model_version')
        .whereIn('entity_ref', chunk)
        .whereIn('type', ['incident-opened', 'incident-resolved'])
        .whereNotNull('incident_id')
        .orderBy([
          { column: 'at', order: 'asc' },
          { column: 'id', order: 'asc' },
        ]);
      const assessments = this.knex<AssessmentRow>(ASSESSMENTS).whereIn(
        'entity_ref',
        chunk,
      );
      if (asOf) {
        events.where('at', '<=', asOf);
        assessments.where('assessed_at', '<=', asOf);
      }
      const assessed = new Map(
        (await assessments).map(a => [`${a.entity_ref} ${a.incident_id}`, a]),
      );
      const incidents = new Map<string, RecordedIncident & { ref: string }>();
      for (const e of await events) {
        const key = `${e.entity_ref} ${e.incident_id}`;
        let incident = incidents.get(key);
        if (e.type === 'incident-opened' && !incident) {
          incident = withoutUndefined({
            ref: e.entity_ref,
            incidentId: e.incident_id,
            openedAt: e.at,
            modelVersion: e.model_version ?? undefined,
          });
          incidents.set(key, incident);
        } else if (e.type === 'incident-resolved' && incident) {
          // Events come in time order: the last resolution wins.
          incident.resolvedAt = e.at;
        }
      }
      for (const [key, { ref, ...incident }] of incidents) {
        const row = assessed.get(key);
        // A report made after `asOf` had not been made then.
        if (row && asOf && row.reported_at && row.reported_at > asOf) {
          row.reported_at = null;
        }
        const list = out.get(ref) ?? [];
        list.push(
          row
            ? { ...incident, assessment: toAssessment(row, incident.openedAt) }
            : incident,
        );
        out.set(ref, list);
      }
    }
    return out;
  }

  async assess(
    input: IncidentAssessmentData,
    assessedBy: string,
  ): Promise<StoredIncidentAssessment> {
    return this.knex.transaction(async tx => {
      const opened = await tx(EVENTS)
        .where({
          entity_ref: input.entityRef,
          incident_id: input.incidentId,
          type: 'incident-opened',
        })
        .min({ at: 'at' })
        .first();
      if (!opened?.at) {
        throw new NotFoundError(
          `incidentId: no incident ${input.incidentId} is recorded as opened on ${input.entityRef} (POST /delivery/events)`,
        );
      }
      const key = {
        entity_ref: input.entityRef,
        incident_id: input.incidentId,
      };
      const existing = await tx(ASSESSMENTS).where(key).first();
      const row: AssessmentRow = {
        ...key,
        serious: input.serious,
        rationale: input.rationale,
        reported_at: input.reportedAt ?? null,
        authority: input.authority ?? null,
        report_reference: input.reportReference ?? null,
        assessed_by: assessedBy,
        assessed_at: this.now().toISOString(),
      };
      if (existing) await tx(ASSESSMENTS).where(key).update(row);
      else await tx(ASSESSMENTS).insert(row);
      return {
        created: !existing,
        assessment: toAssessment(row, opened.at),
      };
    });
  }

  async entityRefsChangedSince(since: string): Promise<string[]> {
    const [events, assessments] = await Promise.all([
      this.knex(EVENTS)
        .distinct('entity_ref')
        .whereIn('type', ['incident-opened', 'incident-resolved'])
        .where('created_at', '>', since),
      this.knex(ASSESSMENTS)
        .distinct('entity_ref')
        .where('assessed_at', '>', since),
    ]);
    return [
      ...new Set([...events, ...assessments].map(r => r.entity_ref as string)),
    ];
  }
}
