import type {
  DriftStatistic,
  EvaluationMetric,
  EvaluationReport,
  EvaluationReportData,
  MonitoringSnapshot,
  MonitoringSnapshotData,
} from '@modelops/plugin-modelops-common';
import type { Knex } from 'knex';
import { chunks } from '../service/chunks';
import { idempotentInsert } from '../service/idempotentInsert';
import { payloadFingerprint } from '../service/payloadFingerprint';
import type { DatabaseStoreOptions } from '../service/types';
import { withoutUndefined } from '../service/withoutUndefined';
import type {
  EvaluationFilter,
  EvidenceStore,
  MonitoringSnapshotFilter,
  StoredEvidence,
} from './types';

const EVALUATIONS = 'modelops_evaluations';
const METRICS = 'modelops_evaluation_metrics';
const SNAPSHOTS = 'modelops_monitoring_snapshots';
const DRIFT = 'modelops_monitoring_drift';

// Child rows are written in chunks to stay far below SQLite's limit of bound
// parameters per statement; model refs of bulk reads likewise.
const INSERT_CHUNK = 200;
const BULK_READ_CHUNK = 2000;

interface EvaluationRow {
  id: string | number;
  model_ref: string;
  idempotency_key: string | null;
  fingerprint: string;
  model_version: string;
  dataset_ref: string | null;
  evaluated_at: string;
  source: string | null;
  created_at: string;
}

interface MetricRow {
  evaluation_id: string | number;
  position: number;
  name: string;
  value: number | string;
  slice_attribute: string | null;
  slice_group: string | null;
}

interface SnapshotRow {
  id: string | number;
  model_ref: string;
  idempotency_key: string | null;
  fingerprint: string;
  model_version: string;
  window_start: string;
  window_end: string;
  latency_p95_ms: number | string | null;
  error_rate: number | string | null;
  traffic: number | string | null;
  created_at: string;
}

interface DriftRow {
  snapshot_id: string | number;
  position: number;
  feature: string;
  test: string;
  statistic: number | string;
  p_value: number | string | null;
}

// PostgreSQL returns bigint columns as strings; numbers are read back as
// numbers on both databases.
function optionalNumber(value: number | string | null): number | undefined {
  return value === null || value === undefined ? undefined : Number(value);
}

function optionalString(value: string | null): string | undefined {
  return value === null || value === undefined ? undefined : value;
}

function toMetric(row: MetricRow): EvaluationMetric {
  const metric: EvaluationMetric = { name: row.name, value: Number(row.value) };
  if (row.slice_attribute !== null && row.slice_group !== null) {
    metric.slice = { attribute: row.slice_attribute, group: row.slice_group };
  }
  return metric;
}

function toDrift(row: DriftRow): DriftStatistic {
  const drift: DriftStatistic = {
    feature: row.feature,
    test: row.test as DriftStatistic['test'],
    statistic: Number(row.statistic),
  };
  const pValue = optionalNumber(row.p_value);
  if (pValue !== undefined) {
    drift.pValue = pValue;
  }
  return drift;
}

function toEvaluation(
  row: EvaluationRow,
  metrics: EvaluationMetric[],
): EvaluationReport {
  return withoutUndefined({
    id: String(row.id),
    idempotencyKey: optionalString(row.idempotency_key),
    modelRef: row.model_ref,
    modelVersion: row.model_version,
    datasetRef: optionalString(row.dataset_ref),
    evaluatedAt: row.evaluated_at,
    source: optionalString(row.source),
    metrics,
    createdAt: row.created_at,
  });
}

function toSnapshot(
  row: SnapshotRow,
  drift: DriftStatistic[],
): MonitoringSnapshot {
  return withoutUndefined({
    id: String(row.id),
    idempotencyKey: optionalString(row.idempotency_key),
    modelRef: row.model_ref,
    modelVersion: row.model_version,
    windowStart: row.window_start,
    windowEnd: row.window_end,
    drift,
    latencyP95Ms: optionalNumber(row.latency_p95_ms),
    errorRate: optionalNumber(row.error_rate),
    traffic: optionalNumber(row.traffic),
    createdAt: row.created_at,
  });
}

function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const group = groups.get(k);
    if (group) {
      group.push(row);
    } else {
      groups.set(k, [row]);
    }
  }
  return groups;
}

// Everything but the key itself identifies the payload: a retry with the same
// key must send the same report.
function fingerprintOf(input: { idempotencyKey?: string }): string {
  const { idempotencyKey: _key, ...payload } = input;
  return payloadFingerprint(payload);
}

/**
 * Evidence storage in the plugin's database (SQLite or PostgreSQL).
 */
export class DatabaseEvidenceStore implements EvidenceStore {
  private constructor(
    private readonly knex: Knex,
    private readonly now: () => Date,
  ) {}

  /** Creates the store; `now` dates `createdAt`. */
  static create(options: DatabaseStoreOptions): EvidenceStore {
    return new DatabaseEvidenceStore(
      options.knex,
      options.now ?? (() => new Date()),
    );
  }

  async addEvaluation(
    input: EvaluationReportData,
  ): Promise<StoredEvidence<EvaluationReport>> {
    return this.knex.transaction(async trx => {
      const { created, row } = await idempotentInsert<EvaluationRow>(trx, {
        table: EVALUATIONS,
        row: {
          model_ref: input.modelRef,
          idempotency_key: input.idempotencyKey ?? null,
          fingerprint: fingerprintOf(input),
          model_version: input.modelVersion,
          dataset_ref: input.datasetRef ?? null,
          evaluated_at: input.evaluatedAt,
          source: input.source ?? null,
          created_at: this.now().toISOString(),
        } as EvaluationRow,
        keyColumns: ['model_ref', 'idempotency_key'],
        fingerprintColumn: 'fingerprint',
        describeKey: `idempotencyKey "${input.idempotencyKey}" of ${input.modelRef}`,
      });
      if (!created) {
        const [stored] = await this.loadEvaluations(trx, [row]);
        return { created, record: stored };
      }
      const metricRows: MetricRow[] = input.metrics.map((metric, position) => ({
        evaluation_id: row.id,
        position,
        name: metric.name,
        value: metric.value,
        slice_attribute: metric.slice?.attribute ?? null,
        slice_group: metric.slice?.group ?? null,
      }));
      for (const chunk of chunks(metricRows, INSERT_CHUNK)) {
        await trx(METRICS).insert(chunk);
      }
      return { created, record: toEvaluation(row, input.metrics) };
    });
  }

  async listEvaluations(filter: EvaluationFilter): Promise<EvaluationReport[]> {
    return this.knex.transaction(async trx => {
      const query = trx<EvaluationRow>(EVALUATIONS)
        .where('model_ref', filter.modelRef)
        .orderBy([
          { column: 'evaluated_at', order: 'desc' },
          { column: 'id', order: 'desc' },
        ])
        .limit(filter.limit);
      if (filter.modelVersion !== undefined) {
        query.where('model_version', filter.modelVersion);
      }
      return this.loadEvaluations(trx, await query);
    });
  }

  async addMonitoringSnapshot(
    input: MonitoringSnapshotData,
  ): Promise<StoredEvidence<MonitoringSnapshot>> {
    return this.knex.transaction(async trx => {
      const { created, row } = await idempotentInsert<SnapshotRow>(trx, {
        table: SNAPSHOTS,
        row: {
          model_ref: input.modelRef,
          idempotency_key: input.idempotencyKey ?? null,
          fingerprint: fingerprintOf(input),
          model_version: input.modelVersion,
          window_start: input.windowStart,
          window_end: input.windowEnd,
          latency_p95_ms: input.latencyP95Ms ?? null,
          error_rate: input.errorRate ?? null,
          traffic: input.traffic ?? null,
          created_at: this.now().toISOString(),
        } as SnapshotRow,
        keyColumns: ['model_ref', 'idempotency_key'],
        fingerprintColumn: 'fingerprint',
        describeKey: `idempotencyKey "${input.idempotencyKey}" of ${input.modelRef}`,
      });
      if (!created) {
        const [stored] = await this.loadSnapshots(trx, [row]);
        return { created, record: stored };
      }
      const driftRows: DriftRow[] = input.drift.map((drift, position) => ({
        snapshot_id: row.id,
        position,
        feature: drift.feature,
        test: drift.test,
        statistic: drift.statistic,
        p_value: drift.pValue ?? null,
      }));
      for (const chunk of chunks(driftRows, INSERT_CHUNK)) {
        await trx(DRIFT).insert(chunk);
      }
      return { created, record: toSnapshot(row, input.drift) };
    });
  }

  async listMonitoringSnapshots(
    filter: MonitoringSnapshotFilter,
  ): Promise<MonitoringSnapshot[]> {
    return this.knex.transaction(async trx => {
      const query = trx<SnapshotRow>(SNAPSHOTS)
        .where('model_ref', filter.modelRef)
        .orderBy([
          { column: 'window_end', order: 'desc' },
          { column: 'id', order: 'desc' },
        ])
        .limit(filter.limit);
      if (filter.modelVersion !== undefined) {
        query.where('model_version', filter.modelVersion);
      }
      if (filter.since !== undefined) {
        query.where('window_end', '>=', filter.since);
      }
      return this.loadSnapshots(trx, await query);
    });
  }

  async latestEvaluationsByModel(
    modelRefs: string[],
  ): Promise<Map<string, EvaluationReport>> {
    const result = new Map<string, EvaluationReport>();
    for (const refs of chunks([...new Set(modelRefs)], BULK_READ_CHUNK)) {
      const rows: Array<EvaluationRow & Partial<Record<string, unknown>>> =
        await this.knex
          .with('ranked', qb =>
            qb
              .select(
                '*',
                this.knex.raw(
                  'row_number() over (partition by model_ref order by evaluated_at desc, id desc) as rn',
                ),
              )
              .from(EVALUATIONS)
              .whereIn('model_ref', refs),
          )
          .select(
            'ranked.*',
            'm.position as m_position',
            'm.name as m_name',
            'm.value as m_value',
            'm.slice_attribute as m_slice_attribute',
            'm.slice_group as m_slice_group',
          )
          .from('ranked')
          .leftJoin(`${METRICS} as m`, 'm.evaluation_id', 'ranked.id')
          .where('ranked.rn', 1)
          .orderBy([{ column: 'ranked.model_ref' }, { column: 'm.position' }]);
      for (const [modelRef, group] of groupBy(rows, r => r.model_ref)) {
        const metrics = group
          .filter(r => r.m_name !== null && r.m_name !== undefined)
          .map(r =>
            toMetric({
              evaluation_id: r.id,
              position: Number(r.m_position),
              name: r.m_name as string,
              value: r.m_value as number,
              slice_attribute: (r.m_slice_attribute ?? null) as string | null,
              slice_group: (r.m_slice_group ?? null) as string | null,
            }),
          );
        result.set(modelRef, toEvaluation(group[0], metrics));
      }
    }
    return result;
  }

  async latestSnapshotsByModel(
    modelRefs: string[],
  ): Promise<Map<string, MonitoringSnapshot>> {
    const result = new Map<string, MonitoringSnapshot>();
    for (const refs of chunks([...new Set(modelRefs)], BULK_READ_CHUNK)) {
      const rows: Array<SnapshotRow & Partial<Record<string, unknown>>> =
        await this.knex
          .with('ranked', qb =>
            qb
              .select(
                '*',
                this.knex.raw(
                  'row_number() over (partition by model_ref order by window_end desc, id desc) as rn',
                ),
              )
              .from(SNAPSHOTS)
              .whereIn('model_ref', refs),
          )
          .select(
            'ranked.*',
            'd.position as d_position',
            'd.feature as d_feature',
            'd.test as d_test',
            'd.statistic as d_statistic',
            'd.p_value as d_p_value',
          )
          .from('ranked')
          .leftJoin(`${DRIFT} as d`, 'd.snapshot_id', 'ranked.id')
          .where('ranked.rn', 1)
          .orderBy([{ column: 'ranked.model_ref' }, { column: 'd.position' }]);
      for (const [modelRef, group] of groupBy(rows, r => r.model_ref)) {
        const drift = group
          .filter(r => r.d_feature !== null && r.d_feature !== undefined)
          .map(r =>
            toDrift({
              snapshot_id: r.id,
              position: Number(r.d_position),
              feature: r.d_feature as string,
              test: r.d_test as string,
              statistic: r.d_statistic as number,
              p_value: (r.d_p_value ?? null) as number | null,
            }),
          );
        result.set(modelRef, toSnapshot(group[0], drift));
      }
    }
    return result;
  }

  private async loadEvaluations(
    trx: Knex.Transaction,
    rows: EvaluationRow[],
  ): Promise<EvaluationReport[]> {
    if (rows.length === 0) {
      return [];
    }
    const metricRows = await trx<MetricRow>(METRICS)
      .whereIn(
        'evaluation_id',
        rows.map(r => r.id),
      )
      .orderBy([{ column: 'evaluation_id' }, { column: 'position' }]);
    const byEvaluation = groupBy(metricRows, r => String(r.evaluation_id));
    return rows.map(row =>
      toEvaluation(row, (byEvaluation.get(String(row.id)) ?? []).map(toMetric)),
    );
  }

  private async loadSnapshots(
    trx: Knex.Transaction,
    rows: SnapshotRow[],
  ): Promise<MonitoringSnapshot[]> {
    if (rows.length === 0) {
      return [];
    }
    const driftRows = await trx<DriftRow>(DRIFT)
      .whereIn(
        'snapshot_id',
        rows.map(r => r.id),
      )
      .orderBy([{ column: 'snapshot_id' }, { column: 'position' }]);
    const bySnapshot = groupBy(driftRows, r => String(r.snapshot_id));
    return rows.map(row =>
      toSnapshot(row, (bySnapshot.get(String(row.id)) ?? []).map(toDrift)),
    );
  }
}
