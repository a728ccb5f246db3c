import type {
  ImportNote,
  ServingObservation,
  SourceObjectReport,
  StoredSourceObjectReport,
} from '@modelops/plugin-modelops-common';
import type { Knex } from 'knex';
import { chunks } from '../service/chunks';
import type { DatabaseStoreOptions } from '../service/types';
import type { ObservationStore } from './types';

const TABLE = 'modelops_observations';
// Far below SQLite's limit of bound parameters per statement (7 per row).
const INSERT_CHUNK = 100;
const READ_CHUNK = 1000;

interface ObservationRow {
  source: string;
  source_object: string;
  entity_ref: string | null;
  notes: string;
  serving: string | null;
  observed_at: string;
}

function toRow(
  source: string,
  report: SourceObjectReport,
  observedAt: string,
): ObservationRow {
  return {
    source,
    source_object: report.sourceObject,
    entity_ref: report.entityRef ?? null,
    notes: JSON.stringify(report.notes),
    serving: report.serving ? JSON.stringify(report.serving) : null,
    observed_at: observedAt,
  };
}

function toReport(row: ObservationRow): StoredSourceObjectReport {
  return {
    source: row.source,
    sourceObject: row.source_object,
    ...(row.entity_ref ? { entityRef: row.entity_ref } : {}),
    notes: JSON.parse(row.notes) as ImportNote[],
    ...(row.serving
      ? { serving: JSON.parse(row.serving) as ServingObservation }
      : {}),
    observedAt: row.observed_at,
  };
}

/** Observation storage in the plugin's database (SQLite or PostgreSQL). */
export class DatabaseObservationStore implements ObservationStore {
  private constructor(
    private readonly knex: Knex,
    private readonly now: () => Date,
  ) {}

  /** Creates the store; `now` dates new and changed observations. */
  static create(options: DatabaseStoreOptions): ObservationStore {
    return new DatabaseObservationStore(
      options.knex,
      options.now ?? (() => new Date()),
    );
  }

  async replaceSource(
    source: string,
    reports: SourceObjectReport[],
  ): Promise<void> {
    const now = this.now().toISOString();
    await this.knex.transaction(async tx => {
      const previous = new Map<string, ObservationRow>();
      for (const row of await tx<ObservationRow>(TABLE)
        .where({ source })
        .select()) {
        previous.set(row.source_object, row);
      }
      const rows = reports.map(report => {
        const row = toRow(source, report, now);
        const before = previous.get(report.sourceObject);
        const unchanged =
          before &&
          before.entity_ref === row.entity_ref &&
          before.notes === row.notes &&
          before.serving === row.serving;
        return unchanged ? { ...row, observed_at: before.observed_at } : row;
      });
      await tx(TABLE).where({ source }).delete();
      for (const chunk of chunks(rows, INSERT_CHUNK)) {
        await tx(TABLE).insert(chunk);
      }
    });
  }

  async listForEntities(
    models: Array<{ entityRef: string; sourceObjects: string[] }>,
  ): Promise<Map<string, StoredSourceObjectReport[]>> {
    const out = new Map<string, StoredSourceObjectReport[]>();
    const refsOfObject = new Map<string, string[]>();
    for (const { entityRef, sourceObjects } of models) {
      for (const object of sourceObjects) {
        refsOfObject.set(object, [
          ...(refsOfObject.get(object) ?? []),
          entityRef,
        ]);
      }
    }
    const add = (entityRef: string, report: StoredSourceObjectReport) => {
      const list = out.get(entityRef) ?? [];
      // A report sent with the ref and named by the model counts once.
      if (
        !list.some(
          r =>
            r.source === report.source &&
            r.sourceObject === report.sourceObject,
        )
      ) {
        list.push(report);
      }
      out.set(entityRef, list);
    };
    const refs = [...new Set(models.map(m => m.entityRef))];
    for (const chunk of chunks(refs, READ_CHUNK)) {
      for (const row of await this.knex<ObservationRow>(TABLE)
        .whereIn('entity_ref', chunk)
        .orderBy(['source', 'source_object'])
        .select()) {
        add(row.entity_ref!, toReport(row));
      }
    }
    for (const chunk of chunks([...refsOfObject.keys()], READ_CHUNK)) {
      for (const row of await this.knex<ObservationRow>(TABLE)
        .whereIn('source_object', chunk)
        .whereNotNull('serving')
        .orderBy(['source', 'source_object'])
        .select()) {
        for (const entityRef of refsOfObject.get(row.source_object) ?? []) {
          add(entityRef, toReport(row));
        }
      }
    }
    return out;
  }

  async entityRefsChangedSince(since: string): Promise<string[]> {
    const rows = await this.knex<ObservationRow>(TABLE)
      .where('observed_at', '>', since)
      .whereNotNull('entity_ref')
      .distinct('entity_ref');
    return rows.map(row => row.entity_ref!).sort();
  }
}
