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
  cold_start_p95_ms: number | string | null;
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
    coldStartP95Ms: optionalNumber(row.cold_start_p95_ms),
    createdAt: row.created_at,
  });
}

/** A child table of the evidence: metrics of a report, drift of a snapshot. */
interface ChildTable {
  table: string;
  /** The column referencing the parent's `id`. */
  foreignKey: string;
  /** The columns read besides the foreign key; `position` orders them. */
  columns: string[];
}

const METRIC_CHILDREN: ChildTable = {
  table: METRICS,
  foreignKey: 'evaluation_id',
  columns: ['position', 'name', 'value', 'slice_attribute', 'slice_group'],
};

const DRIFT_CHILDREN: ChildTable = {
  table: DRIFT,
  foreignKey: 'snapshot_id',
  columns: ['position', 'feature', 'test', 'statistic', 'p_value'],
};

type ColumnOrder = { column: string; order?: 'asc' | 'desc' };

/**
 * Reads the parent rows `parents` selects together with their child rows in
 * one statement (parents left-joined with children), so a read sees a report
 * and its metrics as of the same moment without holding a transaction: on
 * SQLite's single connection a read transaction makes every other request
 * queue behind it. Writes add a parent and its children in one transaction,
 * so no statement can see one without the other. Parents come back in
 * `order` (columns of the parent table), each with its children by position.
 */
async function readWithChildren<
  TParent extends { id: string | number },
  TChild,
>(
  db: Knex | Knex.Transaction,
  parents: Knex.QueryBuilder,
  order: ColumnOrder[],
  child: ChildTable,
): Promise<Array<{ row: TParent; children: TChild[] }>> {
  const rows: Array<Record<string, any>> = await db
    .with('p', parents)
    .select('p.*', ...child.columns.map(column => `c.${column} as c_${column}`))
    .from('p')
    .leftJoin(`${child.table} as c`, `c.${child.foreignKey}`, 'p.id')
    .orderBy([
      ...order.map(o => ({ column: `p.${o.column}`, order: o.order })),
      { column: 'c.position' },
    ]);
  const byParent = new Map<string, { row: TParent; children: TChild[] }>();
  for (const row of rows) {
    const id = String(row.id);
    let entry = byParent.get(id);
    if (!entry) {
      entry = { row: row as TParent, children: [] };
      byParent.set(id, entry);
    }
    // A parent without children comes back once, with null child columns.
    if (row.c_position !== null && row.c_position !== undefined) {
      const childRow: Record<string, unknown> = { [child.foreignKey]: row.id };
      for (const column of child.columns) {
        childRow[column] = row[`c_${column}`];
      }
      entry.children.push(childRow as TChild);
    }
  }
  return [...byParent.values()];
}

const NEWEST_EVALUATION_FIRST: ColumnOrder[] = [
  { column: 'evaluated_at', order: 'desc' },
  { column: 'id', order: 'desc' },
];

const NEWEST_SNAPSHOT_FIRST: ColumnOrder[] = [
  { column: 'window_end', order: 'desc' },
  { column: 'id', order: 'desc' },
];

// Everything but the key itself identifies the payload: a retry with the same
// key must send the same report.
/** Each model once, with no version: the newest evidence of any version. */
function byModel(modelRefs: string[]): Array<{ modelRef: string }> {
  return [...new Set(modelRefs)].map(modelRef => ({ modelRef }));
}

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
        const [stored] = await this.readEvaluations(
          trx,
          trx(EVALUATIONS).where('id', row.id),
          [],
        );
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
    const reports = this.knex(EVALUATIONS)
      .where('model_ref', filter.modelRef)
      .orderBy(NEWEST_EVALUATION_FIRST)
      .limit(filter.limit);
    if (filter.modelVersion !== undefined) {
      reports.where('model_version', filter.modelVersion);
    }
    return this.readEvaluations(this.knex, reports, NEWEST_EVALUATION_FIRST);
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
          cold_start_p95_ms: input.coldStartP95Ms ?? null,
          created_at: this.now().toISOString(),
        } as SnapshotRow,
        keyColumns: ['model_ref', 'idempotency_key'],
        fingerprintColumn: 'fingerprint',
        describeKey: `idempotencyKey "${input.idempotencyKey}" of ${input.modelRef}`,
      });
      if (!created) {
        const [stored] = await this.readSnapshots(
          trx,
          trx(SNAPSHOTS).where('id', row.id),
          [],
        );
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
    const snapshots = this.knex(SNAPSHOTS)
      .where('model_ref', filter.modelRef)
      .orderBy(NEWEST_SNAPSHOT_FIRST)
      .limit(filter.limit);
    if (filter.modelVersion !== undefined) {
      snapshots.where('model_version', filter.modelVersion);
    }
    if (filter.since !== undefined) {
      snapshots.where('window_end', '>=', filter.since);
    }
    return this.readSnapshots(this.knex, snapshots, NEWEST_SNAPSHOT_FIRST);
  }

  async entityRefsChangedSince(since: string): Promise<string[]> {
    const rows: Array<{ model_ref: string }> = await this.knex(EVALUATIONS)
      .distinct('model_ref')
      .where('created_at', '>', since);
    return rows.map(r => r.model_ref);
  }

  latestEvaluationsByModel(
    modelRefs: string[],
    asOf?: string,
  ): Promise<Map<string, EvaluationReport>> {
    return this.newestOf('evaluations', byModel(modelRefs), asOf);
  }

  latestEvaluationsOfVersions(
    versions: Array<{ modelRef: string; modelVersion: string }>,
    asOf?: string,
  ): Promise<Map<string, EvaluationReport>> {
    return this.newestOf('evaluations', versions, asOf);
  }

  latestSnapshotsByModel(
    modelRefs: string[],
    asOf?: string,
  ): Promise<Map<string, MonitoringSnapshot>> {
    return this.newestOf('snapshots', byModel(modelRefs), asOf);
  }

  latestSnapshotsOfVersions(
    versions: Array<{ modelRef: string; modelVersion: string }>,
    asOf?: string,
  ): Promise<Map<string, MonitoringSnapshot>> {
    return this.newestOf('snapshots', versions, asOf);
  }

  // The newest evidence of each model (of the given version when one is
  // set), keyed by model ref, in one query per chunk.
  private async newestOf<K extends 'evaluations' | 'snapshots'>(
    kind: K,
    wanted: Array<{ modelRef: string; modelVersion?: string }>,
    asOf: string | undefined,
  ): Promise<
    Map<string, K extends 'evaluations' ? EvaluationReport : MonitoringSnapshot>
  > {
    const result = new Map<string, EvaluationReport | MonitoringSnapshot>();
    const versioned = wanted.some(w => w.modelVersion !== undefined);
    for (const part of chunks(wanted, BULK_READ_CHUNK)) {
      const refs = part.map(w => w.modelRef);
      const pairs = versioned
        ? part.map(w => [w.modelRef, w.modelVersion ?? ''])
        : undefined;
      const read =
        kind === 'evaluations'
          ? this.readEvaluations(
              this.knex,
              this.newestPerModel(
                EVALUATIONS,
                refs,
                'evaluated_at',
                pairs,
                asOf,
              ),
              [],
            )
          : this.readSnapshots(
              this.knex,
              this.newestPerModel(SNAPSHOTS, refs, 'window_end', pairs, asOf),
              [],
            );
      for (const item of await read) result.set(item.modelRef, item);
    }
    return result as Map<
      string,
      K extends 'evaluations' ? EvaluationReport : MonitoringSnapshot
    >;
  }

  // The newest row of each model in `refs` by `timeColumn` (ties: highest
  // id), among the rows of the given [model ref, version] pairs when set,
  // and among those dated at or before `asOf` when set.
  private newestPerModel(
    table: string,
    refs: string[],
    timeColumn: string,
    versions: string[][] | undefined,
    asOf: string | undefined,
  ): Knex.QueryBuilder {
    let rows = this.knex(table)
      .select(
        '*',
        this.knex.raw(
          'row_number() over (partition by model_ref order by ?? desc, id desc) as rn',
          [timeColumn],
        ),
      )
      .whereIn('model_ref', refs);
    if (versions) {
      rows = rows.whereIn(['model_ref', 'model_version'], versions);
    }
    if (asOf) rows = rows.where(timeColumn, '<=', asOf);
    const ranked = rows.as('ranked');
    return this.knex.select('*').from(ranked).where('ranked.rn', 1);
  }

  private async readEvaluations(
    db: Knex | Knex.Transaction,
    reports: Knex.QueryBuilder,
    order: ColumnOrder[],
  ): Promise<EvaluationReport[]> {
    const read = await readWithChildren<EvaluationRow, MetricRow>(
      db,
      reports,
      order,
      METRIC_CHILDREN,
    );
    return read.map(({ row, children }) =>
      toEvaluation(row, children.map(toMetric)),
    );
  }

  private async readSnapshots(
    db: Knex | Knex.Transaction,
    snapshots: Knex.QueryBuilder,
    order: ColumnOrder[],
  ): Promise<MonitoringSnapshot[]> {
    const read = await readWithChildren<SnapshotRow, DriftRow>(
      db,
      snapshots,
      order,
      DRIFT_CHILDREN,
    );
    return read.map(({ row, children }) =>
      toSnapshot(row, children.map(toDrift)),
    );
  }
}
