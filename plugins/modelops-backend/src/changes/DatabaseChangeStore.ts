import type {
  ChangeKind,
  ChangeRequest,
  ChangeStatus,
  DecisionRecord,
} from '@modelops/plugin-modelops-common';
import type { Knex } from 'knex';
import type { DecisionLogPage, DecisionLogQuery } from '../decisions/types';
import { chunks } from '../service/chunks';
import { isStoredId } from '../service/isStoredId';
import type { DatabaseStoreOptions } from '../service/types';
import { withoutUndefined } from '../service/withoutUndefined';
import type {
  ChangeDecisionRecord,
  ChangeFilter,
  ChangeStore,
  NewChangeRequest,
} from './types';

const TABLE = 'modelops_change_requests';
// Model refs of bulk reads are sent in chunks, far below SQLite's limit of
// bound parameters per statement.
const BULK_READ_CHUNK = 2000;

interface ChangeRow {
  id: string | number;
  entity_ref: string;
  kind: string;
  model_version: string;
  evidence_links: string;
  reason: string;
  status: string;
  requester_ref: string;
  created_at: string;
  decided_by: string | null;
  decided_at: string | null;
  decision_comment: string | null;
}

function toChange(row: ChangeRow): ChangeRequest {
  return withoutUndefined({
    id: String(row.id),
    entityRef: row.entity_ref,
    kind: row.kind as ChangeKind,
    modelVersion: row.model_version,
    evidenceLinks: JSON.parse(row.evidence_links),
    reason: row.reason,
    status: row.status as ChangeStatus,
    requesterRef: row.requester_ref,
    createdAt: row.created_at,
    decidedBy: row.decided_by ?? undefined,
    decidedAt: row.decided_at ?? undefined,
    decisionComment: row.decision_comment ?? undefined,
  });
}

const CHANGE_VERBS: Record<string, string> = {
  requested: 'Requested',
  approved: 'Approved',
  rejected: 'Rejected',
};

function toChangeDecision(row: Record<string, any>): DecisionRecord {
  const phase = String(row.phase);
  const change =
    row.kind === 'promote'
      ? `promotion to version ${row.model_version}`
      : `rollback to version ${row.model_version}`;
  return {
    id: `change:${row.id}:${phase}`,
    source: 'change',
    recordId: String(row.id),
    action: `change-${phase}` as DecisionRecord['action'],
    entityRef: row.entity_ref,
    at: row.at,
    actorRef: row.actor,
    what: `${CHANGE_VERBS[phase]} ${change}`,
    ...(row.why ? { why: String(row.why) } : {}),
  };
}

/** Limits a query of decided requests to those decided at or before `asOf`. */
function decidedBy(asOf: string | undefined) {
  return (q: Knex.QueryBuilder) => {
    if (asOf) q.where('decided_at', '<=', asOf);
  };
}

/** Change request storage in the plugin's database (SQLite or PostgreSQL). */
export class DatabaseChangeStore implements ChangeStore {
  private constructor(
    private readonly knex: Knex,
    private readonly now: () => Date,
  ) {}

  /** Creates the store; `now` dates requests and decisions. */
  static create(options: DatabaseStoreOptions): ChangeStore {
    return new DatabaseChangeStore(
      options.knex,
      options.now ?? (() => new Date()),
    );
  }

  async addChange(input: NewChangeRequest): Promise<ChangeRequest> {
    const [row] = await this.knex(TABLE)
      .insert({
        entity_ref: input.entityRef,
        kind: input.kind,
        model_version: input.modelVersion,
        evidence_links: JSON.stringify(input.evidenceLinks),
        reason: input.reason,
        status: 'pending',
        requester_ref: input.requesterRef,
        created_at: this.now().toISOString(),
      })
      .returning('*');
    return toChange(row);
  }

  async listChanges(filter: ChangeFilter): Promise<ChangeRequest[]> {
    const query = this.knex<ChangeRow>(TABLE)
      .where({ entity_ref: filter.entityRef })
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(filter.limit);
    if (filter.status) {
      query.andWhere({ status: filter.status });
    }
    return (await query).map(toChange);
  }

  async listRecentChanges(limit: number): Promise<ChangeRequest[]> {
    const rows: ChangeRow[] = await this.knex(TABLE)
      .orderByRaw('coalesce(decided_at, created_at) desc, id desc')
      .limit(limit);
    return rows.map(toChange);
  }

  async getChange(id: string): Promise<ChangeRequest | undefined> {
    if (!isStoredId(id)) return undefined;
    const row = await this.knex<ChangeRow>(TABLE).where({ id }).first();
    return row ? toChange(row) : undefined;
  }

  async decide(
    id: string,
    decision: ChangeDecisionRecord,
  ): Promise<ChangeRequest | undefined> {
    if (!isStoredId(id)) return undefined;
    // The status condition makes the decision atomic: of two reviewers
    // deciding at once, one updates the row and the other finds nothing.
    const rows = await this.knex<ChangeRow>(TABLE)
      .where({ id, status: 'pending' })
      .update({
        status: decision.status,
        decided_by: decision.decidedBy,
        decided_at: this.now().toISOString(),
        decision_comment: decision.comment ?? null,
      })
      .returning('*');
    return rows.length > 0 ? toChange(rows[0] as ChangeRow) : undefined;
  }

  async decisionLog(query: DecisionLogQuery): Promise<DecisionLogPage> {
    if (query.entityRefs.length === 0) return { items: [], total: 0 };
    const common = ['id', 'entity_ref', 'kind', 'model_version'];
    // A request and, once decided, its approval or rejection; `rank` puts the
    // decision before the request when both carry the same instant.
    const requests = this.knex(TABLE)
      .select(
        ...common,
        this.knex.raw(`'requested' as phase`),
        this.knex.raw('0 as rank'),
        'requester_ref as actor',
        'created_at as at',
        'reason as why',
      )
      .whereIn('entity_ref', query.entityRefs);
    const decisions = this.knex(TABLE)
      .select(
        ...common,
        'status as phase',
        this.knex.raw('1 as rank'),
        'decided_by as actor',
        'decided_at as at',
        'decision_comment as why',
      )
      .whereIn('entity_ref', query.entityRefs)
      .whereNotNull('decided_at');
    const [rows, [counts]] = await Promise.all([
      this.knex
        .select('*')
        .from(requests.unionAll(decisions).as('events'))
        .orderBy([
          { column: 'at', order: 'desc' },
          { column: 'rank', order: 'desc' },
          { column: 'id', order: 'desc' },
        ])
        .limit(query.limit),
      this.knex(TABLE)
        .select(
          this.knex.raw('count(*) as requests'),
          this.knex.raw('count(decided_at) as decisions'),
        )
        .whereIn('entity_ref', query.entityRefs),
    ]);
    return {
      items: rows.map(toChangeDecision),
      total: Number(counts.requests) + Number(counts.decisions),
    };
  }

  async approvedPromotions(
    entityRefs: string[],
    asOf?: string,
  ): Promise<Map<string, Set<string>>> {
    const result = new Map<string, Set<string>>();
    for (const chunk of chunks([...new Set(entityRefs)], BULK_READ_CHUNK)) {
      const rows: Array<{ entity_ref: string; model_version: string }> =
        await this.knex(TABLE)
          .distinct('entity_ref', 'model_version')
          .whereIn('entity_ref', chunk)
          .where({ status: 'approved', kind: 'promote' })
          .modify(decidedBy(asOf));
      for (const row of rows) {
        const versions = result.get(row.entity_ref) ?? new Set<string>();
        versions.add(row.model_version);
        result.set(row.entity_ref, versions);
      }
    }
    return result;
  }

  async latestApprovedPromotionAt(
    entityRefs: string[],
    asOf?: string,
  ): Promise<Map<string, string>> {
    const result = new Map<string, string>();
    for (const chunk of chunks([...new Set(entityRefs)], BULK_READ_CHUNK)) {
      // decided_at holds fixed-width UTC text, so max() is the latest instant.
      const rows: Array<{ entity_ref: string; at: string | null }> =
        await this.knex(TABLE)
          .select('entity_ref')
          .max({ at: 'decided_at' })
          .whereIn('entity_ref', chunk)
          .where({ status: 'approved', kind: 'promote' })
          .modify(decidedBy(asOf))
          .groupBy('entity_ref');
      for (const row of rows) {
        if (row.at) result.set(row.entity_ref, row.at);
      }
    }
    return result;
  }

  async entityRefsChangedSince(since: string): Promise<string[]> {
    const rows: Array<{ entity_ref: string }> = await this.knex(TABLE)
      .distinct('entity_ref')
      .where('created_at', '>', since)
      .orWhere('decided_at', '>', since);
    return rows.map(r => r.entity_ref);
  }

  async pendingCounts(
    entityRefs: string[],
    asOf?: string,
  ): Promise<Map<string, number>> {
    const result = new Map<string, number>();
    for (const chunk of chunks([...new Set(entityRefs)], BULK_READ_CHUNK)) {
      const rows: Array<{ entity_ref: string; n: number | string }> =
        await this.knex(TABLE)
          .select('entity_ref')
          .count({ n: '*' })
          .whereIn('entity_ref', chunk)
          .modify(q => {
            if (!asOf) {
              q.where({ status: 'pending' });
              return;
            }
            // Pending then: made by `asOf` and not decided by it.
            q.where('created_at', '<=', asOf).andWhere(open =>
              open
                .where({ status: 'pending' })
                .orWhere('decided_at', '>', asOf),
            );
          })
          .groupBy('entity_ref');
      for (const row of rows) {
        result.set(row.entity_ref, Number(row.n));
      }
    }
    return result;
  }
}
