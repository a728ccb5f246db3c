import { randomUUID } from 'node:crypto';
import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  SEVERITY_WEIGHTS,
  type Campaign,
  type CampaignEntityFilter,
  type CampaignUpdateRequest,
  type CheckStateChange,
  type PackLevel,
  type PackScore,
  type ScorecardSummary,
  type ScorecardSummaryRow,
  type ScorecardTrendPoint,
  type Waiver,
} from '@modelops/plugin-modelops-common';
import type { Knex } from 'knex';
import { DatabaseBulkWriter } from '../database/DatabaseBulkWriter';
import type { BulkWriter } from '../database/types';
import type {
  ActiveWaivers,
  CampaignResultRow,
  EvaluationBatch,
  NewCampaign,
  NewWaiver,
  ScorecardStore,
  ScoredEntityRow,
  StoredCheckResult,
} from './types';

const ENTITIES = 'modelops_scorecard_entities';
const RESULTS = 'modelops_scorecard_results';
const HISTORY = 'modelops_scorecard_history';
const DAILY = 'modelops_scorecard_daily';
const WAIVERS = 'modelops_scorecard_waivers';
const CAMPAIGNS = 'modelops_scorecard_campaigns';
const NOTIFICATIONS = 'modelops_scorecard_notifications';

/**
 * Keys per `IN (...)` list of reads and rows per statement of the smaller
 * writes (rollup points, notification keys); page writes go through the
 * bulk writer, which sizes its own statements.
 */
const CHUNK = 500;
const ENTITY_COLUMNS = [
  'entity_ref',
  'kind',
  'owner',
  'system',
  'lifecycle',
  'risk_tier',
  'score',
  'packs',
  'evaluated_at',
];
const RESULT_COLUMNS = [
  'entity_ref',
  'check_id',
  'pack',
  'level',
  'severity',
  'state',
  'message',
  'changed_at',
];
const HISTORY_COLUMNS = [
  'entity_ref',
  'check_id',
  'from_state',
  'to_state',
  'changed_at',
];
/** Entity rows without an owner or system are grouped under this key. */
const NONE = '(none)';

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size)
    out.push(items.slice(i, i + size));
  return out;
}

const orUndefined = <T>(v: T | null | undefined): T | undefined =>
  v ?? undefined;

function severityWeightSql(column: string): string {
  return `CASE ${Object.entries(SEVERITY_WEIGHTS)
    .map(([s, w]) => `WHEN ${column} = '${s}' THEN ${w}`)
    .join(' ')} ELSE 1 END`;
}

function toWaiver(row: any, now: string): Waiver {
  const expired = row.status === 'approved' && row.expires_at <= now;
  return {
    id: row.id,
    entityRef: row.entity_ref,
    checkId: row.check_id,
    reason: row.reason,
    requestedBy: row.requested_by,
    requestedAt: row.requested_at,
    expiresAt: row.expires_at,
    status: expired ? 'expired' : row.status,
    decidedBy: orUndefined(row.decided_by),
    decidedAt: orUndefined(row.decided_at),
    decisionComment: orUndefined(row.decision_comment),
  };
}

function toCampaign(row: any): Campaign {
  return {
    id: row.id,
    title: row.title,
    description: orUndefined(row.description),
    checkIds: JSON.parse(row.check_ids),
    entityFilter: JSON.parse(row.entity_filter),
    dueDate: row.due_date,
    owner: row.owner,
    status: row.status,
    createdBy: row.created_by,
    createdAt: row.created_at,
  };
}

function toEntityRow(row: any): ScoredEntityRow {
  return {
    entityRef: row.entity_ref,
    kind: row.kind,
    owner: orUndefined(row.owner),
    system: orUndefined(row.system),
    lifecycle: orUndefined(row.lifecycle),
    riskTier: orUndefined(row.risk_tier),
    score: Number(row.score),
    packs: JSON.parse(row.packs),
    evaluatedAt: row.evaluated_at,
  };
}

/** Knex implementation of {@link ScorecardStore}; works on SQLite and PostgreSQL. */
export class DatabaseScorecardStore implements ScorecardStore {
  private readonly writer: BulkWriter;

  private constructor(private readonly db: Knex) {
    this.writer = DatabaseBulkWriter.create(db);
  }

  /** @param db - a knex client with the ModelOps migrations applied */
  static create(db: Knex): DatabaseScorecardStore {
    return new DatabaseScorecardStore(db);
  }

  async getResults(
    entityRefs: string[],
  ): Promise<Map<string, StoredCheckResult[]>> {
    const out = new Map<string, StoredCheckResult[]>();
    for (const refs of chunks(entityRefs)) {
      const rows = await this.db(RESULTS).whereIn('entity_ref', refs);
      for (const row of rows) {
        const list = out.get(row.entity_ref) ?? [];
        list.push({
          entityRef: row.entity_ref,
          checkId: row.check_id,
          pack: row.pack,
          level: row.level,
          severity: row.severity,
          state: row.state,
          message: orUndefined(row.message),
          changedAt: row.changed_at,
        });
        out.set(row.entity_ref, list);
      }
    }
    return out;
  }

  async writeBatch(batch: EvaluationBatch): Promise<void> {
    await this.writer.transaction(async session => {
      await session.insert(
        ENTITIES,
        ENTITY_COLUMNS,
        batch.entities.map(e => [
          e.entityRef,
          e.kind,
          e.owner,
          e.system,
          e.lifecycle,
          e.riskTier,
          e.score,
          JSON.stringify(e.packs),
          e.evaluatedAt,
        ]),
        { columns: ['entity_ref'], update: ENTITY_COLUMNS.slice(1) },
      );
      await session.insert(
        RESULTS,
        RESULT_COLUMNS,
        batch.upserts.map(r => [
          r.entityRef,
          r.checkId,
          r.pack,
          r.level,
          r.severity,
          r.state,
          r.message,
          r.changedAt,
        ]),
        {
          columns: ['entity_ref', 'check_id'],
          update: RESULT_COLUMNS.slice(2),
        },
      );
      await session.deleteKeys(
        RESULTS,
        ['entity_ref', 'check_id'],
        batch.removals.map(r => [r.entityRef, r.checkId]),
      );
      await session.insert(
        HISTORY,
        HISTORY_COLUMNS,
        batch.changes.map(c => [c.entityRef, c.checkId, c.from, c.to, c.at]),
      );
    });
  }

  async deleteEntitiesEvaluatedBefore(iso: string): Promise<number> {
    return this.db.transaction(async tx => {
      const stale = tx(ENTITIES)
        .select('entity_ref')
        .where('evaluated_at', '<', iso);
      await tx(RESULTS).whereIn('entity_ref', stale).delete();
      const removed = await tx(ENTITIES)
        .where('evaluated_at', '<', iso)
        .delete();
      return Number(removed ?? 0);
    });
  }

  private async countsBy(column: 'owner' | 'system' | 'pack', now: string) {
    const key =
      column === 'pack' ? 'r.pack' : `COALESCE(e.${column}, '${NONE}')`;
    const weight = severityWeightSql('r.severity');
    const rows = await this.db(`${RESULTS} as r`)
      .join(`${ENTITIES} as e`, 'e.entity_ref', 'r.entity_ref')
      .leftJoin(`${WAIVERS} as w`, function joinWaivers() {
        this.on('w.entity_ref', '=', 'r.entity_ref')
          .andOn('w.check_id', '=', 'r.check_id')
          .andOnVal('w.status', '=', 'approved')
          .andOnVal('w.expires_at', '>', now);
      })
      .select(
        this.db.raw(`${key} as k`),
        this.db.raw('COUNT(DISTINCT r.entity_ref) as entities'),
        this.db.raw(
          `SUM(CASE WHEN r.state = 'pass' THEN 1 ELSE 0 END) as passing`,
        ),
        this.db.raw(
          `SUM(CASE WHEN r.state = 'fail' AND w.id IS NULL THEN 1 ELSE 0 END) as failing`,
        ),
        this.db.raw(
          `SUM(CASE WHEN r.state = 'fail' AND w.id IS NOT NULL THEN 1 ELSE 0 END) as waived`,
        ),
        this.db.raw(`SUM(${weight}) as weight_total`),
        this.db.raw(
          `SUM(CASE WHEN r.state = 'pass' OR w.id IS NOT NULL THEN ${weight} ELSE 0 END) as weight_ok`,
        ),
      )
      .groupByRaw(key);
    return new Map(
      rows.map((row: any) => [
        String(row.k),
        {
          entities: Number(row.entities),
          passing: Number(row.passing),
          failing: Number(row.failing),
          waived: Number(row.waived),
          weightTotal: Number(row.weight_total),
          weightOk: Number(row.weight_ok),
        },
      ]),
    );
  }

  async getSummary(
    groupBy: ScorecardSummary['groupBy'],
    now: string,
  ): Promise<ScorecardSummary> {
    if (groupBy === 'pack') {
      const counts = await this.countsBy('pack', now);
      const levels = new Map<string, Record<PackLevel, number>>();
      // Levels are kept per entity as JSON; reading only that column keeps
      // this one pass over the entity table.
      const rows = await this.db(ENTITIES).select('packs');
      for (const row of rows) {
        for (const p of JSON.parse(row.packs) as PackScore[]) {
          const l = levels.get(p.pack) ?? {
            none: 0,
            bronze: 0,
            silver: 0,
            gold: 0,
          };
          l[p.level] += 1;
          levels.set(p.pack, l);
        }
      }
      const out: ScorecardSummaryRow[] = [...counts.entries()].map(
        ([key, c]) => ({
          key,
          entities: c.entities,
          score:
            c.weightTotal === 0
              ? 100
              : Math.round((c.weightOk / c.weightTotal) * 100),
          passing: c.passing,
          failing: c.failing,
          waived: c.waived,
          levels: levels.get(key) ?? { none: 0, bronze: 0, silver: 0, gold: 0 },
        }),
      );
      return { groupBy, rows: out.sort((a, b) => a.key.localeCompare(b.key)) };
    }
    const column = groupBy === 'team' ? 'owner' : 'system';
    const counts = await this.countsBy(column, now);
    const scores = await this.db(ENTITIES)
      .select(this.db.raw(`COALESCE(${column}, '${NONE}') as k`))
      .count({ entities: '*' })
      .avg({ score: 'score' })
      .groupByRaw(`COALESCE(${column}, '${NONE}')`);
    const out: ScorecardSummaryRow[] = scores.map((row: any) => {
      const c = counts.get(String(row.k));
      return {
        key: String(row.k),
        entities: Number(row.entities),
        score: Math.round(Number(row.score)),
        passing: c?.passing ?? 0,
        failing: c?.failing ?? 0,
        waived: c?.waived ?? 0,
      };
    });
    return {
      groupBy,
      rows: out.sort((a, b) => a.score - b.score || a.key.localeCompare(b.key)),
    };
  }

  async writeDailySnapshot(day: string): Promise<void> {
    const now = new Date().toISOString();
    const teams = await this.getSummary('team', now);
    const all = await this.db(ENTITIES).avg({ score: 'score' }).first();
    const points = teams.rows.map(r => ({
      day,
      scope: 'team',
      scope_key: r.key,
      score: r.score,
      passing: r.passing,
      failing: r.failing,
    }));
    points.push({
      day,
      scope: 'all',
      scope_key: 'all',
      score: Math.round(Number(all?.score ?? 100)),
      passing: teams.rows.reduce((s, r) => s + r.passing, 0),
      failing: teams.rows.reduce((s, r) => s + r.failing, 0),
    });
    await this.db.transaction(async tx => {
      for (const rows of chunks(points)) {
        await tx(DAILY)
          .insert(rows)
          .onConflict(['scope', 'scope_key', 'day'])
          .merge();
      }
    });
  }

  async getEntity(entityRef: string): Promise<ScoredEntityRow | undefined> {
    const row = await this.db(ENTITIES).where('entity_ref', entityRef).first();
    return row ? toEntityRow(row) : undefined;
  }

  async getChanges(filter: {
    entityRef?: string;
    team?: string;
    since: string;
  }): Promise<CheckStateChange[]> {
    const query = this.db(`${HISTORY} as h`)
      .select('h.*')
      .where('h.changed_at', '>=', filter.since)
      .orderBy([
        { column: 'h.changed_at', order: 'desc' },
        { column: 'h.id', order: 'desc' },
      ])
      .limit(1000);
    if (filter.entityRef) query.where('h.entity_ref', filter.entityRef);
    if (filter.team) {
      query
        .join(`${ENTITIES} as e`, 'e.entity_ref', 'h.entity_ref')
        .where('e.owner', filter.team);
    }
    return (await query).map((row: any) => ({
      entityRef: row.entity_ref,
      checkId: row.check_id,
      from: orUndefined(row.from_state),
      to: row.to_state,
      at: row.changed_at,
    }));
  }

  async getTrend(
    scope: 'team' | 'all',
    key: string,
    sinceDay: string,
  ): Promise<ScorecardTrendPoint[]> {
    const rows = await this.db(DAILY)
      .where({ scope, scope_key: key })
      .andWhere('day', '>=', sinceDay)
      .orderBy('day');
    return rows.map((r: any) => ({
      day: r.day,
      score: Number(r.score),
      passing: Number(r.passing),
      failing: Number(r.failing),
    }));
  }

  async getActiveWaivers(
    entityRefs: string[],
    now: string,
  ): Promise<ActiveWaivers> {
    const out: ActiveWaivers = new Map();
    for (const refs of chunks(entityRefs)) {
      const rows = await this.db(WAIVERS)
        .select('id', 'entity_ref', 'check_id')
        .whereIn('entity_ref', refs)
        .andWhere('status', 'approved')
        .andWhere('expires_at', '>', now);
      for (const row of rows) {
        const byCheck = out.get(row.entity_ref) ?? new Map<string, string>();
        byCheck.set(row.check_id, row.id);
        out.set(row.entity_ref, byCheck);
      }
    }
    return out;
  }

  async createWaiver(waiver: NewWaiver, now: string): Promise<Waiver> {
    return this.db.transaction(async tx => {
      const open = await tx(WAIVERS)
        .where({ entity_ref: waiver.entityRef, check_id: waiver.checkId })
        .andWhere(q =>
          q
            .where('status', 'pending')
            .orWhere(q2 =>
              q2.where('status', 'approved').andWhere('expires_at', '>', now),
            ),
        )
        .first();
      if (open) {
        throw new ConflictError(
          `A ${open.status} waiver (${open.id}) already exists for ${waiver.checkId} on ${waiver.entityRef}`,
        );
      }
      const row = {
        id: randomUUID(),
        entity_ref: waiver.entityRef,
        check_id: waiver.checkId,
        reason: waiver.reason,
        requested_by: waiver.requestedBy,
        requested_at: now,
        expires_at: waiver.expiresAt,
        status: 'pending',
      };
      await tx(WAIVERS).insert(row);
      return toWaiver(row, now);
    });
  }

  async getWaiver(id: string, now: string): Promise<Waiver | undefined> {
    const row = await this.db(WAIVERS).where('id', id).first();
    return row ? toWaiver(row, now) : undefined;
  }

  async listWaivers(
    filter: { status?: Waiver['status']; entityRef?: string },
    now: string,
  ): Promise<Waiver[]> {
    const query = this.db(WAIVERS).orderBy('requested_at', 'desc').limit(1000);
    if (filter.entityRef) query.where('entity_ref', filter.entityRef);
    if (filter.status === 'approved')
      query.where('status', 'approved').andWhere('expires_at', '>', now);
    else if (filter.status === 'expired')
      query.where('status', 'approved').andWhere('expires_at', '<=', now);
    else if (filter.status) query.where('status', filter.status);
    return (await query).map((row: any) => toWaiver(row, now));
  }

  async decideWaiver(
    id: string,
    decision: {
      status: 'approved' | 'rejected';
      decidedBy: string;
      comment?: string;
    },
    now: string,
  ): Promise<Waiver> {
    return this.db.transaction(async tx => {
      const row = await tx(WAIVERS).where('id', id).first();
      if (!row) throw new NotFoundError(`No waiver with id ${id}`);
      if (row.status !== 'pending') {
        throw new ConflictError(
          `Waiver ${id} is already ${row.status}; only pending waivers can be decided`,
        );
      }
      // The status guard makes a concurrent second decision update nothing.
      const updated = await tx(WAIVERS)
        .where({ id, status: 'pending' })
        .update({
          status: decision.status,
          decided_by: decision.decidedBy,
          decided_at: now,
          decision_comment: decision.comment ?? null,
        });
      if (updated !== 1)
        throw new ConflictError(`Waiver ${id} was decided concurrently`);
      return toWaiver(await tx(WAIVERS).where('id', id).first(), now);
    });
  }

  async createCampaign(campaign: NewCampaign, now: string): Promise<Campaign> {
    const row = {
      id: randomUUID(),
      title: campaign.title,
      description: campaign.description ?? null,
      check_ids: JSON.stringify(campaign.checkIds),
      entity_filter: JSON.stringify(campaign.entityFilter),
      due_date: campaign.dueDate,
      owner: campaign.owner,
      status: 'open',
      created_by: campaign.createdBy,
      created_at: now,
    };
    await this.db(CAMPAIGNS).insert(row);
    return toCampaign(row);
  }

  async getCampaign(id: string): Promise<Campaign | undefined> {
    const row = await this.db(CAMPAIGNS).where('id', id).first();
    return row ? toCampaign(row) : undefined;
  }

  async listCampaigns(filter?: {
    status?: Campaign['status'];
  }): Promise<Campaign[]> {
    const query = this.db(CAMPAIGNS).orderBy('due_date');
    if (filter?.status) query.where('status', filter.status);
    return (await query).map(toCampaign);
  }

  async updateCampaign(
    id: string,
    update: CampaignUpdateRequest & { entityFilter?: CampaignEntityFilter },
  ): Promise<Campaign> {
    const patch: Record<string, unknown> = {};
    if (update.title !== undefined) patch.title = update.title;
    if (update.description !== undefined)
      patch.description = update.description;
    if (update.checkIds !== undefined)
      patch.check_ids = JSON.stringify(update.checkIds);
    if (update.entityFilter !== undefined)
      patch.entity_filter = JSON.stringify(update.entityFilter);
    if (update.dueDate !== undefined) patch.due_date = update.dueDate;
    if (update.owner !== undefined) patch.owner = update.owner;
    if (update.status !== undefined) patch.status = update.status;
    if (Object.keys(patch).length > 0) {
      const n = await this.db(CAMPAIGNS).where('id', id).update(patch);
      if (n === 0) throw new NotFoundError(`No campaign with id ${id}`);
    }
    const campaign = await this.getCampaign(id);
    if (!campaign) throw new NotFoundError(`No campaign with id ${id}`);
    return campaign;
  }

  async deleteCampaign(id: string): Promise<void> {
    await this.db.transaction(async tx => {
      await tx(NOTIFICATIONS).where('campaign_id', id).delete();
      const n = await tx(CAMPAIGNS).where('id', id).delete();
      if (n === 0) throw new NotFoundError(`No campaign with id ${id}`);
    });
  }

  async getCampaignResults(
    campaign: Campaign,
    now: string,
  ): Promise<CampaignResultRow[]> {
    const f = campaign.entityFilter;
    const query = this.db(`${RESULTS} as r`)
      .join(`${ENTITIES} as e`, 'e.entity_ref', 'r.entity_ref')
      .leftJoin(`${WAIVERS} as w`, function joinWaivers() {
        this.on('w.entity_ref', '=', 'r.entity_ref')
          .andOn('w.check_id', '=', 'r.check_id')
          .andOnVal('w.status', '=', 'approved')
          .andOnVal('w.expires_at', '>', now);
      })
      .select(
        'r.entity_ref',
        'e.owner',
        'r.check_id',
        'r.state',
        'w.id as waiver_id',
      )
      .whereIn('r.check_id', campaign.checkIds);
    if (f.kinds) query.whereIn('e.kind', f.kinds);
    if (f.owners) query.whereIn('e.owner', f.owners);
    if (f.systems) query.whereIn('e.system', f.systems);
    if (f.lifecycles) query.whereIn('e.lifecycle', f.lifecycles);
    if (f.riskTiers) query.whereIn('e.risk_tier', f.riskTiers);
    return (await query).map((row: any) => ({
      entityRef: row.entity_ref,
      owner: orUndefined(row.owner),
      checkId: row.check_id,
      state: row.state,
      waived: row.waiver_id !== null && row.waiver_id !== undefined,
    }));
  }

  async claimNotifications(
    campaignId: string,
    keys: string[],
    now: string,
  ): Promise<string[]> {
    if (keys.length === 0) return [];
    return this.db.transaction(async tx => {
      const claimed: string[] = [];
      for (const part of chunks([...new Set(keys)])) {
        const existing = new Set(
          (
            await tx(NOTIFICATIONS)
              .select('dedupe_key')
              .where('campaign_id', campaignId)
              .whereIn('dedupe_key', part)
          ).map((r: any) => r.dedupe_key),
        );
        const fresh = part.filter(k => !existing.has(k));
        if (fresh.length > 0) {
          // onConflict().ignore() keeps an overlapping claim (an on-demand run
          // beside the scheduled one) from failing the whole transaction.
          await tx(NOTIFICATIONS)
            .insert(
              fresh.map(k => ({
                campaign_id: campaignId,
                dedupe_key: k,
                sent_at: now,
              })),
            )
            .onConflict(['campaign_id', 'dedupe_key'])
            .ignore();
        }
        claimed.push(...fresh);
      }
      return claimed;
    });
  }
}
