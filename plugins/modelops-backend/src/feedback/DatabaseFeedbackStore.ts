import type {
  Feedback,
  FeedbackCategory,
  FeedbackState,
} from '@modelops/plugin-modelops-common';
import type { Knex } from 'knex';
import { chunks } from '../service/chunks';
import { isStoredId } from '../service/isStoredId';
import type { DatabaseStoreOptions } from '../service/types';
import { withoutUndefined } from '../service/withoutUndefined';
import type {
  FeedbackFilter,
  FeedbackStateChange,
  FeedbackStore,
  NewFeedback,
  UnresolvedFeedbackSummary,
} from './types';

const TABLE = 'modelops_feedback';
// Model refs of bulk reads are sent in chunks, far below SQLite's limit of
// bound parameters per statement.
const BULK_READ_CHUNK = 2000;

interface FeedbackRow {
  id: string | number;
  entity_ref: string;
  category: string;
  text: string;
  state: string;
  reporter_ref: string;
  created_at: string;
  updated_at: string;
  updated_by: string | null;
  comment: string | null;
}

function toFeedback(row: FeedbackRow): Feedback {
  return withoutUndefined({
    id: String(row.id),
    entityRef: row.entity_ref,
    category: row.category as FeedbackCategory,
    text: row.text,
    state: row.state as FeedbackState,
    reporterRef: row.reporter_ref,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by ?? undefined,
    comment: row.comment ?? undefined,
  });
}

/** Feedback storage in the plugin's database (SQLite or PostgreSQL). */
export class DatabaseFeedbackStore implements FeedbackStore {
  private constructor(
    private readonly knex: Knex,
    private readonly now: () => Date,
  ) {}

  /** Creates the store; `now` dates reports and state changes. */
  static create(options: DatabaseStoreOptions): FeedbackStore {
    return new DatabaseFeedbackStore(
      options.knex,
      options.now ?? (() => new Date()),
    );
  }

  async addFeedback(input: NewFeedback): Promise<Feedback> {
    const now = this.now().toISOString();
    const [row] = await this.knex(TABLE)
      .insert({
        entity_ref: input.entityRef,
        category: input.category,
        text: input.text,
        state: 'open',
        reporter_ref: input.reporterRef,
        created_at: now,
        updated_at: now,
      })
      .returning('*');
    return toFeedback(row);
  }

  async listFeedback(filter: FeedbackFilter): Promise<Feedback[]> {
    const query = this.knex<FeedbackRow>(TABLE)
      .where({ entity_ref: filter.entityRef })
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(filter.limit);
    if (filter.state) {
      query.andWhere({ state: filter.state });
    }
    return (await query).map(toFeedback);
  }

  async getFeedback(id: string): Promise<Feedback | undefined> {
    if (!isStoredId(id)) return undefined;
    const row = await this.knex<FeedbackRow>(TABLE).where({ id }).first();
    return row ? toFeedback(row) : undefined;
  }

  async setState(
    id: string,
    change: FeedbackStateChange,
  ): Promise<Feedback | undefined> {
    if (!isStoredId(id)) return undefined;
    const rows = await this.knex<FeedbackRow>(TABLE)
      .where({ id })
      .update({
        state: change.state,
        updated_at: this.now().toISOString(),
        updated_by: change.updatedBy,
        // A state change without a comment clears the previous one, so the
        // comment shown always explains the current state.
        comment: change.comment ?? null,
      })
      .returning('*');
    return rows.length > 0 ? toFeedback(rows[0] as FeedbackRow) : undefined;
  }

  async entityRefsChangedSince(since: string): Promise<string[]> {
    const rows: Array<{ entity_ref: string }> = await this.knex(TABLE)
      .distinct('entity_ref')
      .where('updated_at', '>', since);
    return rows.map(r => r.entity_ref);
  }

  async summarizeUnresolved(
    entityRefs: string[],
    overdueBefore: string,
    asOf?: string,
  ): Promise<Map<string, UnresolvedFeedbackSummary>> {
    const result = new Map<string, UnresolvedFeedbackSummary>();
    for (const chunk of chunks([...new Set(entityRefs)], BULK_READ_CHUNK)) {
      const rows: Array<{
        entity_ref: string;
        unresolved: number | string;
        overdue: number | string | null;
        oldest: string;
      }> = await this.knex(TABLE)
        .select('entity_ref')
        .count({ unresolved: '*' })
        .select(
          this.knex.raw(
            'sum(case when created_at < ? then 1 else 0 end) as overdue',
            [overdueBefore],
          ),
        )
        .min({ oldest: 'created_at' })
        .whereIn('entity_ref', chunk)
        .modify(q => {
          if (!asOf) {
            q.whereIn('state', ['open', 'acknowledged']);
            return;
          }
          // Unresolved then: reported by `asOf`, and open still or resolved
          // after it (a resolved report's last update is its resolution).
          q.where('created_at', '<=', asOf).andWhere(open =>
            open
              .whereIn('state', ['open', 'acknowledged'])
              .orWhere('updated_at', '>', asOf),
          );
        })
        .groupBy('entity_ref');
      for (const row of rows) {
        result.set(row.entity_ref, {
          unresolved: Number(row.unresolved),
          overdue: Number(row.overdue ?? 0),
          oldestUnresolvedAt: row.oldest,
        });
      }
    }
    return result;
  }
}
