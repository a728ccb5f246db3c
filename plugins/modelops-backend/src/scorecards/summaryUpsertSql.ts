import { SEVERITY_WEIGHTS } from '@modelops/plugin-modelops-common';
import type { Knex } from 'knex';

/** Tables the summary statements read and write. */
export const SUMMARY_TABLES = {
  entities: 'modelops_scorecard_entities',
  results: 'modelops_scorecard_results',
  waivers: 'modelops_scorecard_waivers',
  summaries: 'modelops_scorecard_summaries',
} as const;

/** Entity rows without an owner or system are grouped under this key. */
export const NO_GROUP = '(none)';

/** The SQL dialects the summary statements are written for. */
export type SummaryDialect = 'postgresql' | 'sqlite';

/** A statement with `?` placeholders and its bindings. */
export interface SqlStatement {
  sql: string;
  bindings: Knex.RawBinding[];
}

/** Counters of a summary row, in column order after (group_by, group_key). */
export const SUMMARY_COUNTERS = [
  'entities',
  'score_sum',
  'passing',
  'failing',
  'weight_total',
  'weight_pass',
  'level_none',
  'level_bronze',
  'level_silver',
  'level_gold',
] as const;

const { entities: E, results: R, summaries: S } = SUMMARY_TABLES;

/** The severity weight of a result column, as the scores use it. */
export function severityWeightSql(column: string): string {
  return `CASE ${Object.entries(SEVERITY_WEIGHTS)
    .map(([s, w]) => `WHEN ${column} = '${s}' THEN ${w}`)
    .join(' ')} ELSE 1 END`;
}

/** Values of one union part, in counter order; unspecified counters are 0. */
function part(
  groupBy: string,
  key: string,
  values: Partial<Record<(typeof SUMMARY_COUNTERS)[number], string>>,
  from: string,
): string {
  return `SELECT '${groupBy}' AS group_by, ${key} AS group_key, ${SUMMARY_COUNTERS.map(
    c => `${values[c] ?? '0'} AS ${c}`,
  ).join(', ')} ${from} GROUP BY ${key}`;
}

/**
 * The statement that adds (sign 1) or subtracts (sign -1) the contribution of
 * some entities to every summary row: their entity counts and scores per team
 * and system, their result counts and severity weights per team, system and
 * pack, and their pack levels. Subtracting before a write and adding after it,
 * in the write's transaction, keeps the summaries equal to a full grouping of
 * the stored rows; adding with every entity in scope (after emptying the
 * table) is that full grouping.
 *
 * @param scope - a SELECT of `entity_ref` values, or undefined for all entities
 */
export function summaryUpsertSql(
  dialect: SummaryDialect,
  sign: 1 | -1,
  scope?: SqlStatement,
): SqlStatement {
  const contribution = summaryContributionSql(dialect, scope);
  const columns = ['group_by', 'group_key', ...SUMMARY_COUNTERS];
  // The WHERE keeps SQLite from reading ON CONFLICT as a join constraint.
  const sql = `${contribution.with}
    INSERT INTO ${S} (${columns.join(', ')})
    SELECT group_by, group_key, ${SUMMARY_COUNTERS.map(
      c => `${sign} * ${c}`,
    ).join(', ')}
    FROM (${contribution.select}) AS c
    WHERE group_key IS NOT NULL
    ON CONFLICT (group_by, group_key) DO UPDATE SET ${SUMMARY_COUNTERS.map(
      c => `${c} = ${S}.${c} + excluded.${c}`,
    ).join(', ')}`;
  return { sql, bindings: contribution.bindings };
}

/**
 * The contribution of some entities to every summary row, as a query of
 * (group_by, group_key, counters...) rows: what {@link summaryUpsertSql}
 * adds or subtracts, and what a reader subtracts for the entities a caller
 * may not see. `with` is the statement's WITH clause, `select` the query
 * that reads it.
 *
 * @param scope - a SELECT of `entity_ref` values, or undefined for all entities
 */
export function summaryContributionSql(
  dialect: SummaryDialect,
  scope?: SqlStatement,
): { with: string; select: string; bindings: Knex.RawBinding[] } {
  const inScope = (column: string) =>
    scope ? `WHERE ${column} IN (SELECT entity_ref FROM scope)` : '';
  const weight = severityWeightSql('r.severity');
  const resultCounts = {
    passing: `SUM(CASE WHEN r.state = 'pass' THEN 1 ELSE 0 END)`,
    failing: `SUM(CASE WHEN r.state = 'fail' THEN 1 ELSE 0 END)`,
    weight_total: `SUM(${weight})`,
    weight_pass: `SUM(CASE WHEN r.state = 'pass' THEN ${weight} ELSE 0 END)`,
  };
  // Result counts per entity, computed once: the team and system groupings
  // then join one row per entity instead of one per result, and the results
  // are read twice (here and per pack) instead of three times.
  const perEntity = `SELECT r.entity_ref, ${Object.entries(resultCounts)
    .map(([c, sql]) => `${sql} AS ${c}`)
    .join(', ')} FROM ${R} r ${inScope('r.entity_ref')} GROUP BY r.entity_ref`;
  const perEntityFrom = `FROM per_entity p JOIN ${E} e ON e.entity_ref = p.entity_ref`;
  const perEntityCounts = Object.fromEntries(
    Object.keys(resultCounts).map(c => [c, `SUM(p.${c})`]),
  );
  const resultFrom = `FROM ${R} r JOIN ${E} e ON e.entity_ref = r.entity_ref ${inScope(
    'r.entity_ref',
  )}`;
  // Pack levels live in the entity's packs JSON, one element per pack.
  const packs =
    dialect === 'postgresql'
      ? {
          from: `FROM ${E} e CROSS JOIN LATERAL jsonb_array_elements(CAST(e.packs AS jsonb)) AS j(value)`,
          pack: `(j.value ->> 'pack')`,
          level: `(j.value ->> 'level')`,
        }
      : {
          from: `FROM ${E} e, json_each(e.packs) AS j`,
          pack: `json_extract(j.value, '$.pack')`,
          level: `json_extract(j.value, '$.level')`,
        };
  const levelCount = (level: string) =>
    `SUM(CASE WHEN ${packs.level} = '${level}' THEN 1 ELSE 0 END)`;
  const parts: string[] = [];
  for (const [groupBy, column] of [
    ['team', 'owner'],
    ['system', 'system'],
  ]) {
    const key = `COALESCE(e.${column}, '${NO_GROUP}')`;
    parts.push(
      part(
        groupBy,
        key,
        { entities: 'COUNT(*)', score_sum: 'SUM(e.score)' },
        `FROM ${E} e ${inScope('e.entity_ref')}`,
      ),
      part(groupBy, key, perEntityCounts, perEntityFrom),
    );
  }
  parts.push(
    part(
      'pack',
      'r.pack',
      { entities: 'COUNT(DISTINCT r.entity_ref)', ...resultCounts },
      resultFrom,
    ),
    part(
      'pack',
      packs.pack,
      {
        level_none: levelCount('none'),
        level_bronze: levelCount('bronze'),
        level_silver: levelCount('silver'),
        level_gold: levelCount('gold'),
      },
      `${packs.from} ${inScope('e.entity_ref')}`,
    ),
  );
  return {
    with: `WITH ${
      scope ? `scope (entity_ref) AS (${scope.sql}), ` : ''
    }per_entity AS (${perEntity})`,
    select: `SELECT group_by, group_key, ${SUMMARY_COUNTERS.map(
      c => `SUM(${c}) AS ${c}`,
    ).join(', ')} FROM (${parts.join(
      ' UNION ALL ',
    )}) AS d GROUP BY group_by, group_key`,
    bindings: scope?.bindings ?? [],
  };
}

/** A scope of the given entity refs, for {@link summaryUpsertSql}. */
export function refsScope(refs: readonly string[]): SqlStatement {
  return {
    sql: `VALUES ${refs.map(() => '(?)').join(', ')}`,
    bindings: [...refs],
  };
}
