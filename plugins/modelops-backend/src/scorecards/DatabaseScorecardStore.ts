import { randomUUID } from 'node:crypto';
import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  type Campaign,
  type DecisionAction,
  type DecisionRecord,
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
import type { DecisionLogPage, DecisionLogQuery } from '../decisions/types';
import { chunks } from '../service/chunks';
import { levelChanges, type StoredLevelChange } from './levelChanges';
import {
  NO_GROUP,
  refsScope,
  SUMMARY_COUNTERS,
  summaryContributionSql,
  severityWeightSql,
  summaryUpsertSql,
  type SqlStatement,
  type SummaryDialect,
} from './summaryUpsertSql';
import type {
  ActiveWaivers,
  CampaignResultRow,
  EvaluationBatch,
  EvaluationStamp,
  NewCampaign,
  NewWaiver,
  ResultFilter,
  ResultRow,
  ScorecardStore,
  ScoredEntityRow,
  StoredCheckResult,
} from './types';

const ENTITIES = 'modelops_scorecard_entities';
const RESULTS = 'modelops_scorecard_results';
const HISTORY = 'modelops_scorecard_history';
const LEVEL_HISTORY = 'modelops_scorecard_level_history';
const DAILY = 'modelops_scorecard_daily';
const WAIVERS = 'modelops_scorecard_waivers';
const CAMPAIGNS = 'modelops_scorecard_campaigns';
const NOTIFICATIONS = 'modelops_scorecard_notifications';
const SUMMARIES = 'modelops_scorecard_summaries';
const WATERMARKS = 'modelops_scorecard_watermarks';
/**
 * Key of the PostgreSQL advisory lock that serialises summary updates:
 * without it, two transactions writing the same entity would both subtract
 * the contribution they read before either committed.
 */
const SUMMARY_LOCK = 0x6d6f7073;

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
  'entity_etag',
  'results_digest',
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

const orUndefined = <T>(v: T | null | undefined): T | undefined =>
  v ?? undefined;

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

const WAIVER_ACTIONS: Record<string, DecisionAction> = {
  requested: 'waiver-requested',
  approved: 'waiver-approved',
  rejected: 'waiver-rejected',
  withdrawn: 'waiver-withdrawn',
};

const WAIVER_VERBS: Record<string, string> = {
  requested: 'Requested a waiver of',
  approved: 'Approved the waiver of',
  rejected: 'Rejected the waiver of',
  withdrawn: 'Withdrew the waiver request for',
};

function toWaiverDecision(row: any): DecisionRecord {
  const phase = String(row.phase);
  return {
    id: `waiver:${row.id}:${phase}`,
    source: 'waiver',
    recordId: String(row.id),
    action: WAIVER_ACTIONS[phase],
    entityRef: String(row.entity_ref).toLowerCase(),
    at: row.at,
    actorRef: row.actor,
    what: `${WAIVER_VERBS[phase]} ${row.check_id} until ${String(
      row.expires_at,
    ).slice(0, 10)}`,
    ...(row.why ? { why: String(row.why) } : {}),
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
    etag: orUndefined(row.entity_etag),
    resultsDigest: orUndefined(row.results_digest),
  };
}

/** Knex implementation of {@link ScorecardStore}; works on SQLite and PostgreSQL. */
export class DatabaseScorecardStore implements ScorecardStore {
  private readonly writer: DatabaseBulkWriter;
  private readonly dialect: SummaryDialect;

  private constructor(private readonly db: Knex) {
    this.writer = DatabaseBulkWriter.create(db);
    this.dialect =
      db.client.config.client === 'pg' || db.client.dialect === 'postgresql'
        ? 'postgresql'
        : 'sqlite';
  }

  /**
   * Statements that take the summary lock (PostgreSQL; SQLite writes one
   * transaction at a time anyway) and add or subtract the contribution of the
   * entities in scope to the summaries.
   */
  private summaryStatements(
    sign: 1 | -1,
    scopes: Array<SqlStatement | undefined>,
  ): SqlStatement[] {
    return scopes.map(scope => summaryUpsertSql(this.dialect, sign, scope));
  }

  private lockStatements(): SqlStatement[] {
    return this.dialect === 'postgresql'
      ? [{ sql: 'SELECT pg_advisory_xact_lock(?)', bindings: [SUMMARY_LOCK] }]
      : [];
  }

  /** @param db - a knex client with the ModelOps migrations applied */
  static create(db: Knex): DatabaseScorecardStore {
    return new DatabaseScorecardStore(db);
  }

  async getResults(
    entityRefs: string[],
  ): Promise<Map<string, StoredCheckResult[]>> {
    const out = new Map<string, StoredCheckResult[]>();
    // Every row repeats its entity ref, check id, pack, level, severity,
    // state and mostly the timestamp of one run: each distinct value is kept
    // once instead of once per row, which at 40 checks a page is most of the
    // strings a page's previous results hold.
    const shared = new Map<string, string>(entityRefs.map(r => [r, r]));
    const once = (value: unknown): string => {
      const text = String(value);
      const known = shared.get(text);
      if (known !== undefined) return known;
      shared.set(text, text);
      return text;
    };
    for (const refs of chunks(entityRefs, CHUNK)) {
      await this.writer.forEachRow(
        `SELECT entity_ref, check_id, pack, level, severity, state, message, changed_at FROM ${RESULTS} WHERE entity_ref IN (${refs
          .map(() => '?')
          .join(', ')})`,
        refs,
        ([ref, checkId, pack, level, severity, state, message, changedAt]) => {
          const entityRef = once(ref);
          let list = out.get(entityRef);
          if (!list) {
            list = [];
            out.set(entityRef, list);
          }
          list.push({
            entityRef,
            checkId: once(checkId),
            pack: once(pack),
            level: once(level) as StoredCheckResult['level'],
            severity: once(severity) as StoredCheckResult['severity'],
            state: once(state) as StoredCheckResult['state'],
            message:
              message === null || message === undefined
                ? undefined
                : String(message),
            changedAt: once(changedAt),
          });
        },
      );
    }
    return out;
  }

  async writeBatch(batch: EvaluationBatch): Promise<void> {
    const refs = [
      ...new Set([
        ...batch.entities.map(e => e.entityRef),
        ...batch.upserts.map(r => r.entityRef),
        ...batch.removals.map(r => r.entityRef),
      ]),
    ];
    const scopes = batch.deferSummary ? [] : chunks(refs, CHUNK).map(refsScope);
    // Levels are compared with what the entities had before this write; a
    // single runner writes scorecards, so nothing moves them in between.
    const previousPacks = new Map<string, PackScore[]>();
    for (const part of chunks(
      batch.entities.map(e => e.entityRef),
      CHUNK,
    )) {
      const rows = await this.db(ENTITIES)
        .select('entity_ref', 'packs')
        .whereIn('entity_ref', part);
      for (const row of rows) {
        previousPacks.set(row.entity_ref, JSON.parse(row.packs ?? '[]'));
      }
    }
    const levels = levelChanges(batch, previousPacks);
    await this.writer.transaction(async session => {
      // The summaries lose what these entities counted before the write and
      // gain what they count after it, in the same transaction.
      for (const s of [
        ...(batch.deferSummary ? [] : this.lockStatements()),
        ...this.summaryStatements(-1, scopes),
      ]) {
        await session.execute(s.sql, s.bindings);
      }
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
          e.etag,
          e.resultsDigest,
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
      await session.insert(
        LEVEL_HISTORY,
        [
          'entity_ref',
          'pack',
          'from_level',
          'to_level',
          'checks',
          'changed_at',
        ],
        levels.map(l => [
          l.entityRef,
          l.pack,
          l.from ?? null,
          l.to ?? null,
          JSON.stringify(l.checks),
          l.at,
        ]),
      );
      for (const s of this.summaryStatements(1, scopes)) {
        await session.execute(s.sql, s.bindings);
      }
    });
  }

  async rebuildSummary(): Promise<void> {
    await this.db.transaction(async tx => {
      for (const s of this.lockStatements()) await tx.raw(s.sql, s.bindings);
      await tx(SUMMARIES).delete();
      const all = summaryUpsertSql(this.dialect, 1);
      await tx.raw(all.sql, all.bindings);
    });
  }

  async deleteEntitiesEvaluatedBefore(iso: string): Promise<number> {
    return this.db.transaction(async tx => {
      for (const s of [
        ...this.lockStatements(),
        ...this.summaryStatements(-1, [
          {
            sql: `SELECT entity_ref FROM ${ENTITIES} WHERE evaluated_at < ?`,
            bindings: [iso],
          },
        ]),
      ]) {
        await tx.raw(s.sql, s.bindings);
      }
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

  /**
   * Failing results under an approved, unexpired waiver, per group: the
   * summaries count them as failing, and waivers expire without any write,
   * so they are moved to waived at read time. Approved waivers are few, so
   * this reads a handful of rows by key.
   */
  private async waivedBy(
    groupBy: ScorecardSummary['groupBy'],
    now: string,
    among?: readonly string[],
  ) {
    const key =
      groupBy === 'pack'
        ? 'r.pack'
        : `COALESCE(e.${
            groupBy === 'team' ? 'owner' : 'system'
          }, '${NO_GROUP}')`;
    const query = this.db(`${WAIVERS} as w`)
      .join(`${RESULTS} as r`, function joinResults() {
        this.on('r.entity_ref', '=', 'w.entity_ref').andOn(
          'r.check_id',
          '=',
          'w.check_id',
        );
      })
      .join(`${ENTITIES} as e`, 'e.entity_ref', 'r.entity_ref')
      .where('w.status', 'approved')
      .andWhere('w.expires_at', '>', now)
      .andWhere('r.state', 'fail')
      .select(
        this.db.raw(`${key} as k`),
        this.db.raw('COUNT(*) as waived'),
        this.db.raw(`SUM(${severityWeightSql('r.severity')}) as weight`),
      )
      .groupByRaw(key);
    if (among) query.whereIn('r.entity_ref', among);
    const rows = await query;
    return new Map(
      rows.map((row: any) => [
        String(row.k),
        { waived: Number(row.waived), weight: Number(row.weight) },
      ]),
    );
  }

  private async summaryRows(groupBy: ScorecardSummary['groupBy']) {
    return this.db(SUMMARIES)
      .where('group_by', groupBy)
      .andWhere('entities', '>', 0);
  }

  async getSummary(
    groupBy: ScorecardSummary['groupBy'],
    now: string,
    hidden: readonly string[] = [],
  ): Promise<ScorecardSummary> {
    let rows = await this.summaryRows(groupBy);
    if (rows.length === 0 && (await this.db(ENTITIES).first('entity_ref'))) {
      // Results stored before the summaries existed: group them once.
      await this.rebuildSummary();
      rows = await this.summaryRows(groupBy);
    }
    const waived = await this.waivedBy(groupBy, now);
    // Entities the caller may not see leave every figure: their own
    // contribution, grouped by the same statement the writes use, is taken
    // off the stored rows, so a row equals what its drill-down lists.
    for (const part of chunks([...hidden], CHUNK)) {
      const {
        with: withSql,
        select,
        bindings,
      } = summaryContributionSql(this.dialect, refsScope(part));
      const taken = await this.db.raw(`${withSql} ${select}`, bindings);
      const byKey = new Map<string, any>(
        (Array.isArray(taken) ? taken : taken.rows)
          .filter((t: any) => t.group_by === groupBy)
          .map((t: any) => [String(t.group_key), t]),
      );
      rows = rows.map((row: any) => {
        const t = byKey.get(String(row.group_key));
        if (!t) return row;
        const next = { ...row };
        for (const c of SUMMARY_COUNTERS)
          next[c] = Number(row[c]) - Number(t[c]);
        return next;
      });
      for (const [key, w] of await this.waivedBy(groupBy, now, part)) {
        const total = waived.get(key);
        if (total) {
          waived.set(key, {
            waived: total.waived - w.waived,
            weight: total.weight - w.weight,
          });
        }
      }
    }
    rows = rows.filter((row: any) => Number(row.entities) > 0);
    const out: ScorecardSummaryRow[] = rows.map((row: any) => {
      const w = waived.get(row.group_key) ?? { waived: 0, weight: 0 };
      const entities = Number(row.entities);
      const common = {
        key: String(row.group_key),
        entities,
        passing: Number(row.passing),
        failing: Number(row.failing) - w.waived,
        waived: w.waived,
      };
      if (groupBy !== 'pack') {
        return {
          ...common,
          score: Math.round(Number(row.score_sum) / entities),
        };
      }
      const weightTotal = Number(row.weight_total);
      const levels: Record<PackLevel, number> = {
        none: Number(row.level_none),
        bronze: Number(row.level_bronze),
        silver: Number(row.level_silver),
        gold: Number(row.level_gold),
      };
      return {
        ...common,
        score:
          weightTotal === 0
            ? 100
            : Math.round(
                ((Number(row.weight_pass) + w.weight) / weightTotal) * 100,
              ),
        levels,
      };
    });
    return {
      groupBy,
      rows:
        groupBy === 'pack'
          ? out.sort((a, b) => a.key.localeCompare(b.key))
          : out.sort((a, b) => a.score - b.score || a.key.localeCompare(b.key)),
    };
  }

  async writeDailySnapshot(
    day: string,
    now: string = new Date().toISOString(),
  ): Promise<void> {
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
    // Packs get their points too, so that a pack's trend can be drawn.
    const packs = await this.getSummary('pack', now);
    for (const r of packs.rows) {
      points.push({
        day,
        scope: 'pack',
        scope_key: r.key,
        score: r.score,
        passing: r.passing,
        failing: r.failing,
      });
    }
    points.push({
      day,
      scope: 'all',
      scope_key: 'all',
      score: Math.round(Number(all?.score ?? 100)),
      passing: teams.rows.reduce((s, r) => s + r.passing, 0),
      failing: teams.rows.reduce((s, r) => s + r.failing, 0),
    });
    await this.db.transaction(async tx => {
      for (const rows of chunks(points, CHUNK)) {
        await tx(DAILY)
          .insert(rows)
          .onConflict(['scope', 'scope_key', 'day'])
          .merge();
      }
    });
  }

  async scoredEntityRefs(): Promise<string[]> {
    const rows = await this.db(ENTITIES).select('entity_ref');
    return rows.map(r => r.entity_ref);
  }

  async getEntity(entityRef: string): Promise<ScoredEntityRow | undefined> {
    const row = await this.db(ENTITIES).where('entity_ref', entityRef).first();
    return row ? toEntityRow(row) : undefined;
  }

  async listResults(filter: ResultFilter, now: string): Promise<ResultRow[]> {
    const query = this.db(`${RESULTS} as r`)
      .join(`${ENTITIES} as e`, 'e.entity_ref', 'r.entity_ref')
      .leftJoin(`${WAIVERS} as w`, function joinWaivers() {
        this.on('w.entity_ref', '=', 'r.entity_ref')
          .andOn('w.check_id', '=', 'r.check_id')
          .andOnVal('w.status', '=', 'approved')
          .andOnVal('w.expires_at', '>', now);
      })
      .select('r.*', 'e.kind', 'e.owner', 'e.system', 'w.id as waiver_id');
    if (filter.pack !== undefined) query.where('r.pack', filter.pack);
    if (filter.checkId !== undefined) query.where('r.check_id', filter.checkId);
    if (filter.entityRef !== undefined) {
      query.where('r.entity_ref', filter.entityRef);
    }
    for (const [column, value] of [
      ['e.owner', filter.owner],
      ['e.system', filter.system],
    ] as const) {
      if (value === null) query.whereNull(column);
      else if (value !== undefined) query.where(column, value);
    }
    return (await query).map((row: any) => ({
      entityRef: row.entity_ref,
      checkId: row.check_id,
      pack: row.pack,
      level: row.level,
      severity: row.severity,
      state: row.state,
      message: orUndefined(row.message),
      changedAt: row.changed_at,
      kind: row.kind,
      owner: orUndefined(row.owner),
      system: orUndefined(row.system),
      waived:
        row.state === 'fail' &&
        row.waiver_id !== null &&
        row.waiver_id !== undefined,
    }));
  }

  async getChanges(filter: {
    entityRef?: string;
    team?: string;
    pack?: string;
    since: string;
    transitionsOnly?: boolean;
  }): Promise<CheckStateChange[]> {
    const query = this.db(`${HISTORY} as h`)
      // The cause is what the check says now, if it has said so since the
      // transition: same state, changed at the same time.
      .leftJoin(`${RESULTS} as r`, function joinResult() {
        this.on('r.entity_ref', '=', 'h.entity_ref')
          .andOn('r.check_id', '=', 'h.check_id')
          .andOn('r.state', '=', 'h.to_state')
          .andOn('r.changed_at', '=', 'h.changed_at');
      })
      .select('h.*', 'r.message as cause')
      .where('h.changed_at', '>=', filter.since)
      .orderBy([
        { column: 'h.changed_at', order: 'desc' },
        { column: 'h.id', order: 'desc' },
      ])
      .limit(1000);
    if (filter.entityRef) query.where('h.entity_ref', filter.entityRef);
    // A first result is not a transition: it says what was, not what moved.
    if (filter.transitionsOnly) query.whereNotNull('h.from_state');
    if (filter.pack) {
      query.whereIn(
        'h.check_id',
        this.db(RESULTS).distinct('check_id').where('pack', filter.pack),
      );
    }
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
      ...(row.cause ? { cause: String(row.cause) } : {}),
    }));
  }

  async getLevelChanges(filter: {
    entityRef?: string;
    team?: string;
    pack?: string;
    since: string;
  }): Promise<StoredLevelChange[]> {
    const query = this.db(`${LEVEL_HISTORY} as l`)
      .select('l.*')
      .where('l.changed_at', '>=', filter.since)
      .orderBy([
        { column: 'l.changed_at', order: 'desc' },
        { column: 'l.id', order: 'desc' },
      ])
      .limit(1000);
    if (filter.entityRef) query.where('l.entity_ref', filter.entityRef);
    if (filter.pack) query.where('l.pack', filter.pack);
    if (filter.team) {
      query
        .join(`${ENTITIES} as e`, 'e.entity_ref', 'l.entity_ref')
        .where('e.owner', filter.team);
    }
    return (await query).map((row: any) => ({
      entityRef: row.entity_ref,
      pack: row.pack,
      ...(row.from_level ? { from: row.from_level } : {}),
      ...(row.to_level ? { to: row.to_level } : {}),
      at: row.changed_at,
      checks: JSON.parse(row.checks),
    }));
  }

  async getTrend(
    scope: 'team' | 'pack' | 'all',
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

  async getEvaluationStamps(
    entityRefs: string[],
  ): Promise<Map<string, EvaluationStamp>> {
    const out = new Map<string, EvaluationStamp>();
    const text = (v: unknown) => (v === null ? null : String(v));
    for (const refs of chunks(entityRefs, CHUNK)) {
      await this.writer.forEachRow(
        `SELECT entity_ref, entity_etag, results_digest FROM ${ENTITIES} WHERE entity_ref IN (${refs
          .map(() => '?')
          .join(', ')})`,
        refs,
        ([ref, etag, digest]) =>
          out.set(String(ref), {
            etag: text(etag),
            resultsDigest: text(digest),
          }),
      );
    }
    return out;
  }

  async getWaiverChangesSince(since: string, now: string): Promise<string[]> {
    const rows: Array<{ entity_ref: string }> = await this.db(WAIVERS)
      .distinct('entity_ref')
      .where('decided_at', '>', since)
      .orWhere(q =>
        q
          .where({ status: 'approved' })
          .andWhere('expires_at', '>', since)
          .andWhere('expires_at', '<=', now),
      );
    return rows.map(r => r.entity_ref);
  }

  async getWatermark(name: string): Promise<string | undefined> {
    const row = await this.db(WATERMARKS).where({ name }).first('at');
    return row?.at;
  }

  async setWatermark(name: string, at: string): Promise<void> {
    await this.db(WATERMARKS)
      .insert({ name, at })
      .onConflict('name')
      .merge(['at']);
  }

  async getActiveWaivers(
    entityRefs: string[],
    now: string,
  ): Promise<ActiveWaivers> {
    const out: ActiveWaivers = new Map();
    for (const refs of chunks(entityRefs, CHUNK)) {
      await this.writer.forEachRow(
        // Approved by `now` and not yet expired: what held at that time,
        // also for a past day (a history backfill).
        `SELECT id, entity_ref, check_id FROM ${WAIVERS} WHERE status = 'approved' AND decided_at <= ? AND expires_at > ? AND entity_ref IN (${refs
          .map(() => '?')
          .join(', ')})`,
        [now, now, ...refs],
        ([id, ref, checkId]) => {
          const entityRef = String(ref);
          let byCheck = out.get(entityRef);
          if (!byCheck) {
            byCheck = new Map<string, string>();
            out.set(entityRef, byCheck);
          }
          byCheck.set(String(checkId), String(id));
        },
      );
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
    filter: {
      status?: Waiver['status'];
      entityRef?: string;
      /** Only waivers of these entities (as stored). */
      entityRefs?: string[];
      limit?: number;
      offset?: number;
    },
    now: string,
  ): Promise<{ items: Waiver[]; total: number }> {
    const where = (query: Knex.QueryBuilder) => {
      if (filter.entityRef) query.where('entity_ref', filter.entityRef);
      if (filter.entityRefs) query.whereIn('entity_ref', filter.entityRefs);
      if (filter.status === 'approved')
        query.where('status', 'approved').andWhere('expires_at', '>', now);
      else if (filter.status === 'expired')
        query.where('status', 'approved').andWhere('expires_at', '<=', now);
      else if (filter.status) query.where('status', filter.status);
      return query;
    };
    const [rows, [{ total }]] = await Promise.all([
      where(this.db(WAIVERS))
        .orderBy([
          { column: 'requested_at', order: 'desc' },
          { column: 'id', order: 'asc' },
        ])
        .limit(filter.limit ?? 1000)
        .offset(filter.offset ?? 0),
      where(this.db(WAIVERS)).count({ total: '*' }),
    ]);
    return {
      items: rows.map((row: any) => toWaiver(row, now)),
      total: Number(total),
    };
  }

  async waiverEntityRefs(): Promise<string[]> {
    const rows = await this.db(WAIVERS).distinct('entity_ref');
    return rows.map((row: { entity_ref: string }) => row.entity_ref);
  }

  async decideWaiver(
    id: string,
    decision: {
      status: 'approved' | 'rejected' | 'withdrawn';
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

  async decisionLog(query: DecisionLogQuery): Promise<DecisionLogPage> {
    if (query.entityRefs.length === 0) return { items: [], total: 0 };
    // Waiver refs keep the case they were requested with; the history asks
    // in lower case.
    const inScope = (q: Knex.QueryBuilder) =>
      q.whereIn(this.db.raw('lower(entity_ref)') as any, query.entityRefs);
    const common = ['id', 'entity_ref', 'check_id', 'expires_at'];
    // A waiver holds two decisions: its request and, once decided, the
    // approval, rejection or withdrawal. `rank` puts the decision before the
    // request when both carry the same instant.
    const requests = inScope(
      this.db(WAIVERS).select(
        ...common,
        this.db.raw(`'requested' as phase`),
        this.db.raw('0 as rank'),
        'requested_by as actor',
        'requested_at as at',
        'reason as why',
      ),
    );
    const decisions = inScope(
      this.db(WAIVERS)
        .select(
          ...common,
          'status as phase',
          this.db.raw('1 as rank'),
          'decided_by as actor',
          'decided_at as at',
          'decision_comment as why',
        )
        .whereNotNull('decided_at'),
    );
    const [rows, [counts]] = await Promise.all([
      this.db
        .select('*')
        .from(requests.unionAll(decisions).as('events'))
        .orderBy([
          { column: 'at', order: 'desc' },
          { column: 'rank', order: 'desc' },
          { column: 'id', order: 'asc' },
        ])
        .limit(query.limit),
      inScope(
        this.db(WAIVERS).select(
          this.db.raw('count(*) as requests'),
          this.db.raw('count(decided_at) as decisions'),
        ),
      ),
    ]);
    return {
      items: rows.map(toWaiverDecision),
      total: Number(counts.requests) + Number(counts.decisions),
    };
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
      for (const part of chunks([...new Set(keys)], CHUNK)) {
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
