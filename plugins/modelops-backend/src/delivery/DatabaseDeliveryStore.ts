import type {
  DeliveryEvent,
  DeliveryEventData,
  DeliveryEventType,
} from '@modelops/plugin-modelops-common';
import type { Knex } from 'knex';
import { chunks } from '../service/chunks';
import { idempotentInsert } from '../service/idempotentInsert';
import { payloadFingerprint } from '../service/payloadFingerprint';
import type { DatabaseStoreOptions } from '../service/types';
import { withoutUndefined } from '../service/withoutUndefined';
import type { DeliveryStore, StoredDeliveryEvent } from './types';

const TABLE = 'modelops_delivery_events';
// Model refs of bulk reads are sent in chunks, far below SQLite's limit of
// bound parameters per statement.
const BULK_READ_CHUNK = 1000;

interface DeliveryEventRow {
  id: string | number;
  entity_ref: string;
  idempotency_key: string | null;
  fingerprint: string;
  type: string;
  at: string;
  model_version: string | null;
  incident_id: string | null;
  failed: boolean | number | null;
  created_at: string;
}

function toEvent(row: DeliveryEventRow): DeliveryEvent {
  return withoutUndefined({
    id: String(row.id),
    entityRef: row.entity_ref,
    type: row.type as DeliveryEventType,
    at: row.at,
    createdAt: row.created_at,
    idempotencyKey: row.idempotency_key ?? undefined,
    modelVersion: row.model_version ?? undefined,
    incidentId: row.incident_id ?? undefined,
    // SQLite stores booleans as 0 and 1.
    failed: row.failed === null ? undefined : Boolean(row.failed),
  });
}

function byTimeThenId(a: DeliveryEvent, b: DeliveryEvent): number {
  if (a.at !== b.at) return a.at < b.at ? -1 : 1;
  return Number(a.id) - Number(b.id);
}

/** Delivery event storage in the plugin's database (SQLite or PostgreSQL). */
export class DatabaseDeliveryStore implements DeliveryStore {
  private constructor(
    private readonly knex: Knex,
    private readonly now: () => Date,
  ) {}

  /** Creates the store; `now` dates `createdAt`. */
  static create(options: DatabaseStoreOptions): DeliveryStore {
    return new DatabaseDeliveryStore(
      options.knex,
      options.now ?? (() => new Date()),
    );
  }

  async addEvent(input: DeliveryEventData): Promise<StoredDeliveryEvent> {
    // Everything but the key identifies the payload: a retry with the same
    // key must send the same event.
    const { idempotencyKey, ...payload } = input;
    const { created, row } = await idempotentInsert<
      Omit<DeliveryEventRow, 'id'>
    >(this.knex, {
      table: TABLE,
      row: {
        entity_ref: input.entityRef,
        idempotency_key: idempotencyKey ?? null,
        fingerprint: payloadFingerprint(payload),
        type: input.type,
        at: input.at,
        model_version: input.modelVersion ?? null,
        incident_id: input.incidentId ?? null,
        failed: input.failed ?? null,
        created_at: this.now().toISOString(),
      },
      keyColumns: ['entity_ref', 'idempotency_key'],
      fingerprintColumn: 'fingerprint',
      describeKey: `idempotencyKey "${idempotencyKey}"`,
    });
    return { created, event: toEvent(row as DeliveryEventRow) };
  }

  async listEventsForWindow(
    entityRefs: string[],
    from: string,
    to: string,
  ): Promise<DeliveryEvent[]> {
    const events: DeliveryEvent[] = [];
    for (const chunk of chunks([...new Set(entityRefs)], BULK_READ_CHUNK)) {
      const rows: DeliveryEventRow[] = await this.knex(TABLE)
        .whereIn('entity_ref', chunk)
        .where('at', '>=', from)
        .where('at', '<', to);
      const inWindow = rows.map(toEvent);
      events.push(...inWindow);

      // Incidents opened before the window and resolved inside it.
      const opened = new Set(
        inWindow
          .filter(e => e.type === 'incident-opened')
          .map(e => `${e.entityRef} ${e.incidentId}`),
      );
      const unpaired = inWindow.filter(
        e =>
          e.type === 'incident-resolved' &&
          !opened.has(`${e.entityRef} ${e.incidentId}`),
      );
      if (unpaired.length > 0) {
        const earlier: DeliveryEventRow[] = await this.knex(TABLE)
          .whereIn('entity_ref', [...new Set(unpaired.map(e => e.entityRef))])
          .whereIn('incident_id', [
            ...new Set(unpaired.map(e => e.incidentId!)),
          ])
          .where('type', 'incident-opened')
          .where('at', '<', from);
        const wanted = new Set(
          unpaired.map(e => `${e.entityRef} ${e.incidentId}`),
        );
        events.push(
          ...earlier
            .map(toEvent)
            .filter(e => wanted.has(`${e.entityRef} ${e.incidentId}`)),
        );
      }
    }
    return events.sort(byTimeThenId);
  }
}
