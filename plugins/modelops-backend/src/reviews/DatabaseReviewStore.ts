/*
 * DatabaseReviewStore: review cycles, items, the decision log and sent
 * reminders in knex (SQLite or PostgreSQL). Item state changes are
 * conditional updates (`WHERE state IN (...)`) inside one transaction per
 * request, so two people deciding the same item at once cannot both win and
 * a failed bulk request leaves nothing half-written.
 */
import { ConflictError, NotFoundError } from '@backstage/errors';
import type {
  DecisionAction,
  DecisionRecord,
  ReviewCycle,
  ReviewDecisionRecord,
  ReviewItem,
  ReviewItemState,
} from '@modelops/plugin-modelops-common';
import type { Knex } from 'knex';
import type { DecisionLogPage, DecisionLogQuery } from '../decisions/types';
import { chunks } from '../service/chunks';
import type {
  NewReviewCycle,
  NewReviewDecision,
  NewReviewItem,
  ReviewItemFilter,
  ReviewReminderKind,
  ReviewStore,
} from './types';

const CYCLES = 'modelops_review_cycles';
const ITEMS = 'modelops_review_items';
const DECISIONS = 'modelops_review_decisions';
const REMINDERS = 'modelops_review_reminders';
// Upper bound of rows per insert and of values in one `IN (...)` list,
// far below SQLite's limit on bound variables.
const CHUNK = 200;

type Row = Record<string, any>;

function optional(value: unknown): string | undefined {
  return value === null || value === undefined ? undefined : String(value);
}

// Which states each action may start from. Deciding again while the cycle
// is open replaces an earlier keep, retire or unaccepted transfer; an
// accepted transfer is final.
const ALLOWED_FROM: Record<NewReviewDecision['action'], ReviewItemState[]> = {
  keep: ['pending', 'kept', 'retired', 'transfer-pending'],
  retire: ['pending', 'kept', 'retired', 'transfer-pending'],
  transfer: ['pending', 'kept', 'retired', 'transfer-pending'],
  'accept-transfer': ['transfer-pending'],
};

const NEXT_STATE: Record<NewReviewDecision['action'], ReviewItemState> = {
  keep: 'kept',
  retire: 'retired',
  transfer: 'transfer-pending',
  'accept-transfer': 'transferred',
};

const UNDECIDED: ReviewItemState[] = ['pending', 'transfer-pending'];

function conflictMessage(decision: NewReviewDecision, state: string): string {
  return decision.action === 'accept-transfer'
    ? `Review item ${decision.itemId} has no transfer waiting for acceptance (state ${state})`
    : `Review item ${decision.itemId} can no longer be decided (state ${state})`;
}

const REVIEW_ACTIONS: Record<NewReviewDecision['action'], DecisionAction> = {
  keep: 'review-kept',
  transfer: 'review-transfer-offered',
  'accept-transfer': 'review-transfer-accepted',
  retire: 'review-retired',
};

// What a decision meant, with the owner the cycle listed and its period.
function reviewWhat(row: Row): string {
  const review = `in the review of ${row.period}`;
  switch (row.action as NewReviewDecision['action']) {
    case 'keep':
      return `Confirmed ${row.owner_ref} as owner ${review}`;
    case 'transfer':
      return `Offered ownership from ${row.owner_ref} to ${row.transfer_to} ${review}`;
    case 'accept-transfer':
      return `Accepted ownership for ${row.transfer_to} from ${row.owner_ref} ${review}`;
    case 'retire':
      return `Retired (owner ${row.owner_ref}) ${review}`;
    default:
      return `${row.action} ${review}`;
  }
}

/** Options of {@link DatabaseReviewStore.create}. */
export interface DatabaseReviewStoreOptions {
  /** A knex client whose database is already migrated. */
  database: Knex;
}

/** Review data kept in the plugin's database. */
export class DatabaseReviewStore implements ReviewStore {
  private constructor(private readonly db: Knex) {}

  static create(options: DatabaseReviewStoreOptions): DatabaseReviewStore {
    return new DatabaseReviewStore(options.database);
  }

  async openCycle(
    cycle: NewReviewCycle,
    items: NewReviewItem[],
    now: Date,
  ): Promise<{ created: boolean; cycle: ReviewCycle }> {
    const id = await this.db.transaction(async tx => {
      const inserted: Row[] = await tx(CYCLES)
        .insert({
          cadence: cycle.cadence,
          kind: cycle.kind,
          lifecycles: JSON.stringify(cycle.lifecycles),
          period: cycle.period.label,
          period_start: cycle.period.start,
          period_end: cycle.period.end,
          due_at: cycle.period.dueAt,
          opened_at: now.toISOString(),
        })
        .onConflict(['cadence', 'period'])
        .ignore()
        .returning('id');
      if (inserted.length === 0) {
        return undefined;
      }
      const cycleId = Number(inserted[0].id ?? inserted[0]);
      const distinct = new Map(items.map(i => [i.entityRef, i]));
      for (const part of chunks([...distinct.values()], CHUNK)) {
        await tx(ITEMS).insert(
          part.map(item => ({
            cycle_id: cycleId,
            entity_ref: item.entityRef,
            entity_kind: item.entityKind,
            entity_title: item.entityTitle ?? null,
            owner_ref: item.ownerRef,
            state: 'pending',
          })),
        );
      }
      return cycleId;
    });
    const created = id !== undefined;
    const row = (await (created
      ? this.cycleQuery().where(`${CYCLES}.id`, id!)
      : this.cycleQuery().where({
          cadence: cycle.cadence,
          period: cycle.period.label,
        })
    ).first()) as Row;
    return { created, cycle: this.toCycle(row, now) };
  }

  async hasCycle(cadence: string, period: string): Promise<boolean> {
    const row = await this.db(CYCLES).where({ cadence, period }).first('id');
    return row !== undefined;
  }

  async listCycles(now: Date): Promise<ReviewCycle[]> {
    const rows: Row[] = await this.cycleQuery().orderBy([
      { column: 'period_start', order: 'desc' },
      { column: `${CYCLES}.id`, order: 'desc' },
    ]);
    return rows.map(row => this.toCycle(row, now));
  }

  async getItems(ids: string[], now: Date): Promise<ReviewItem[]> {
    const numeric = ids.map(Number);
    const rows: Row[] = [];
    for (const part of chunks(numeric, CHUNK)) {
      rows.push(...(await this.itemQuery().whereIn(`${ITEMS}.id`, part)));
    }
    return rows.map(row => this.toItem(row, now));
  }

  async listItems(filter: ReviewItemFilter, now: Date): Promise<ReviewItem[]> {
    const query = this.itemQuery();
    if (filter.cycleIds) {
      query.whereIn(`${ITEMS}.cycle_id`, filter.cycleIds.map(Number));
    }
    if (filter.ownerRefs) {
      query.whereIn(`${ITEMS}.owner_ref`, filter.ownerRefs);
    }
    if (filter.transferTo) {
      query
        .whereIn(`${ITEMS}.transfer_to`, filter.transferTo)
        .where(`${ITEMS}.state`, 'transfer-pending');
    }
    if (filter.entityRefs) {
      query.whereIn(`${ITEMS}.entity_ref`, filter.entityRefs);
    }
    if (filter.openCyclesOnly) {
      query.where(`${CYCLES}.period_end`, '>', now.toISOString());
    }
    if (filter.openedBy) {
      query.where(`${CYCLES}.opened_at`, '<=', filter.openedBy);
    }
    const rows: Row[] = await query.orderBy([
      { column: `${CYCLES}.period_start`, order: 'desc' },
      { column: `${ITEMS}.owner_ref`, order: 'asc' },
      { column: `${ITEMS}.entity_ref`, order: 'asc' },
    ]);
    return rows.map(row => this.toItem(row, now));
  }

  async recordDecisions(
    decisions: NewReviewDecision[],
    now: Date,
  ): Promise<ReviewItem[]> {
    const at = now.toISOString();
    // One decision per item: a repeated item id keeps its last decision.
    const distinct = [
      ...new Map(decisions.map(d => [String(Number(d.itemId)), d])).values(),
    ];
    await this.db.transaction(async tx => {
      const items = new Map<string, Row>();
      for (const part of chunks(
        distinct.map(d => Number(d.itemId)),
        CHUNK,
      )) {
        const rows: Row[] = await tx(ITEMS)
          .join(CYCLES, `${CYCLES}.id`, `${ITEMS}.cycle_id`)
          .whereIn(`${ITEMS}.id`, part)
          .select(
            `${ITEMS}.id`,
            `${ITEMS}.cycle_id`,
            `${ITEMS}.entity_ref`,
            `${ITEMS}.state`,
            `${CYCLES}.period_end`,
          );
        for (const row of rows) {
          items.set(String(row.id), row);
        }
      }
      for (const decision of distinct) {
        const item = items.get(String(Number(decision.itemId)));
        if (!item) {
          throw new NotFoundError(`Review item ${decision.itemId} not found`);
        }
        if (item.period_end <= at) {
          throw new ConflictError(
            `Review item ${decision.itemId} belongs to a closed cycle`,
          );
        }
        if (!ALLOWED_FROM[decision.action].includes(item.state)) {
          throw new ConflictError(conflictMessage(decision, item.state));
        }
      }
      // Decisions that change items the same way (a bulk request) become one
      // conditional UPDATE per chunk; the state condition makes a concurrent
      // change by someone else fail the count check and roll everything back.
      const groups = new Map<string, NewReviewDecision[]>();
      for (const decision of distinct) {
        const key = JSON.stringify([
          decision.action,
          decision.actor,
          decision.note ?? '',
          decision.transferTo ?? '',
        ]);
        groups.set(key, [...(groups.get(key) ?? []), decision]);
      }
      for (const group of groups.values()) {
        const { action, actor, note, transferTo } = group[0];
        const changes: Row =
          action === 'accept-transfer'
            ? { state: NEXT_STATE[action], accepted_by: actor, accepted_at: at }
            : {
                state: NEXT_STATE[action],
                decision: action,
                note: note ?? null,
                decided_by: actor,
                decided_at: at,
                transfer_to: transferTo ?? null,
                accepted_by: null,
                accepted_at: null,
              };
        for (const part of chunks(group, CHUNK)) {
          const updated = await tx(ITEMS)
            .whereIn(
              'id',
              part.map(d => Number(d.itemId)),
            )
            .whereIn('state', ALLOWED_FROM[action])
            .update(changes);
          if (updated !== part.length) {
            throw new ConflictError(
              `${conflictMessage(
                part[0],
                'changed',
              )}: another decision was recorded at the same time; reload and retry`,
            );
          }
        }
      }
      for (const part of chunks(distinct, CHUNK)) {
        await tx(DECISIONS).insert(
          part.map(decision => {
            const item = items.get(String(Number(decision.itemId)))!;
            return {
              item_id: Number(decision.itemId),
              cycle_id: Number(item.cycle_id),
              entity_ref: item.entity_ref,
              action: decision.action,
              actor: decision.actor,
              authority: decision.authority,
              note: decision.note ?? null,
              transfer_to: decision.transferTo ?? null,
              created_at: at,
            };
          }),
        );
      }
    });
    return this.getItems(
      distinct.map(d => d.itemId),
      now,
    );
  }

  async listDecisions(entityRef: string): Promise<ReviewDecisionRecord[]> {
    const rows: Row[] = await this.db(DECISIONS)
      .where('entity_ref', entityRef)
      .orderBy([
        { column: 'created_at', order: 'asc' },
        { column: 'id', order: 'asc' },
      ]);
    return rows.map(row => this.toDecision(row));
  }

  async decisionLog(query: DecisionLogQuery): Promise<DecisionLogPage> {
    if (query.entityRefs.length === 0) return { items: [], total: 0 };
    const [rows, [count]] = await Promise.all([
      this.db(`${DECISIONS} as d`)
        .join(`${ITEMS} as i`, 'i.id', 'd.item_id')
        .join(`${CYCLES} as c`, 'c.id', 'd.cycle_id')
        .whereIn('d.entity_ref', query.entityRefs)
        .select('d.*', 'i.owner_ref', 'c.period')
        .orderBy([
          { column: 'd.created_at', order: 'desc' },
          { column: 'd.id', order: 'desc' },
        ])
        .limit(query.limit),
      this.db(DECISIONS)
        .whereIn('entity_ref', query.entityRefs)
        .count({ total: '*' }),
    ]);
    return {
      items: rows.map(
        (row: Row): DecisionRecord => ({
          id: `review:${row.id}`,
          source: 'review',
          recordId: String(row.item_id),
          action: REVIEW_ACTIONS[row.action as NewReviewDecision['action']],
          entityRef: row.entity_ref,
          at: row.created_at,
          actorRef: row.actor,
          what: reviewWhat(row),
          ...(row.note ? { why: String(row.note) } : {}),
          authority: row.authority,
        }),
      ),
      total: Number(count.total),
    };
  }

  async entityRefsChangedSince(since: string): Promise<string[]> {
    const rows: Array<{ entity_ref: string }> = await this.db
      .select('entity_ref')
      .from(ITEMS)
      .where('decided_at', '>', since)
      .orWhere('accepted_at', '>', since)
      .union(q =>
        q.select('entity_ref').from(DECISIONS).where('created_at', '>', since),
      )
      // A new cycle moves its entities from no attestation to pending.
      .union(q =>
        q
          .select('i.entity_ref')
          .from(`${ITEMS} as i`)
          .join(`${CYCLES} as c`, 'c.id', 'i.cycle_id')
          .where('c.opened_at', '>', since),
      );
    return rows.map(r => r.entity_ref);
  }

  async latestDecisions(
    entityRefs: string[],
    asOf?: string,
  ): Promise<Map<string, ReviewDecisionRecord>> {
    const latest = new Map<string, ReviewDecisionRecord>();
    for (const part of chunks([...new Set(entityRefs)], CHUNK)) {
      // Ordered oldest first, so the last row per entity wins; one query per
      // chunk instead of one per entity.
      const rows: Row[] = await this.db(DECISIONS)
        .whereIn('entity_ref', part)
        .whereIn('action', ['keep', 'transfer', 'retire'])
        .modify(q => {
          if (asOf) q.where('created_at', '<=', asOf);
        })
        .orderBy([
          { column: 'created_at', order: 'asc' },
          { column: 'id', order: 'asc' },
        ]);
      for (const row of rows) {
        latest.set(row.entity_ref, this.toDecision(row));
      }
    }
    return latest;
  }

  async claimReminders(
    cycleId: string,
    groupRefs: string[],
    reminder: ReviewReminderKind,
    now: Date,
  ): Promise<string[]> {
    const claimed: string[] = [];
    for (const part of chunks([...new Set(groupRefs)], CHUNK)) {
      const inserted: Row[] = await this.db(REMINDERS)
        .insert(
          part.map(groupRef => ({
            cycle_id: Number(cycleId),
            group_ref: groupRef,
            reminder,
            sent_at: now.toISOString(),
          })),
        )
        .onConflict(['cycle_id', 'group_ref', 'reminder'])
        .ignore()
        .returning('group_ref');
      claimed.push(...inserted.map(row => String(row.group_ref ?? row)));
    }
    return claimed;
  }

  async releaseReminder(
    cycleId: string,
    groupRef: string,
    reminder: ReviewReminderKind,
  ): Promise<void> {
    await this.db(REMINDERS)
      .where({ cycle_id: Number(cycleId), group_ref: groupRef, reminder })
      .delete();
  }

  private cycleQuery() {
    const decided = this.db.raw(
      `sum(case when ${ITEMS}.state in ('kept', 'transferred', 'retired') then 1 else 0 end) as decided_count`,
    );
    return this.db(CYCLES)
      .leftJoin(ITEMS, `${ITEMS}.cycle_id`, `${CYCLES}.id`)
      .select(`${CYCLES}.*`)
      .count({ item_count: `${ITEMS}.id` })
      .select(decided)
      .groupBy(`${CYCLES}.id`);
  }

  private itemQuery() {
    return this.db(ITEMS)
      .join(CYCLES, `${CYCLES}.id`, `${ITEMS}.cycle_id`)
      .select(
        `${ITEMS}.*`,
        `${CYCLES}.due_at as cycle_due_at`,
        `${CYCLES}.period_end as cycle_period_end`,
      );
  }

  private toCycle(row: Row, now: Date): ReviewCycle {
    return {
      id: String(row.id),
      cadence: row.cadence,
      kind: row.kind,
      lifecycles: JSON.parse(row.lifecycles),
      period: row.period,
      periodStart: row.period_start,
      periodEnd: row.period_end,
      dueAt: row.due_at,
      openedAt: row.opened_at,
      status: row.period_end > now.toISOString() ? 'open' : 'closed',
      itemCount: Number(row.item_count ?? 0),
      decidedCount: Number(row.decided_count ?? 0),
    };
  }

  private toItem(row: Row, now: Date): ReviewItem {
    const at = now.toISOString();
    const state = row.state as ReviewItemState;
    return {
      id: String(row.id),
      cycleId: String(row.cycle_id),
      entityRef: row.entity_ref,
      entityKind: row.entity_kind,
      entityTitle: optional(row.entity_title),
      ownerRef: row.owner_ref,
      state,
      dueAt: row.cycle_due_at,
      overdue:
        UNDECIDED.includes(state) &&
        row.cycle_due_at < at &&
        row.cycle_period_end > at,
      decision: optional(row.decision) as ReviewItem['decision'],
      note: optional(row.note),
      decidedBy: optional(row.decided_by),
      decidedAt: optional(row.decided_at),
      transferTo: optional(row.transfer_to),
      acceptedBy: optional(row.accepted_by),
      acceptedAt: optional(row.accepted_at),
    };
  }

  private toDecision(row: Row): ReviewDecisionRecord {
    return {
      id: String(row.id),
      itemId: String(row.item_id),
      cycleId: String(row.cycle_id),
      entityRef: row.entity_ref,
      action: row.action,
      actor: row.actor,
      authority: row.authority,
      note: optional(row.note),
      transferTo: optional(row.transfer_to),
      createdAt: row.created_at,
    };
  }
}
