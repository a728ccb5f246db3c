// @ts-check

/**
 * Evidence: evaluation reports with their metrics, and monitoring snapshots
 * with their drift statistics. Child rows live in their own tables so that
 * the scorecard engine can read the newest evidence of many models in one
 * query and so that per-group (sliced) metrics stay queryable.
 *
 * Timestamps are stored as UTC ISO 8601 strings of fixed width
 * (`2026-11-27T10:00:00.000Z`): they sort and compare the same way on SQLite
 * and PostgreSQL, and read back exactly as they were written.
 *
 * The idempotency key is unique per model; rows sent without a key have NULL
 * there, and NULLs never collide in unique indexes on either database.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('modelops_evaluations', table => {
    table.comment('Evaluation reports posted by training and CI pipelines');
    table.bigIncrements('id').primary();
    table.string('model_ref', 255).notNullable();
    table.string('idempotency_key', 200).nullable();
    table.string('fingerprint', 64).notNullable();
    table.string('model_version', 200).notNullable();
    table.string('dataset_ref', 255).nullable();
    table.string('evaluated_at', 24).notNullable();
    table.string('source', 200).nullable();
    table.string('created_at', 24).notNullable();
    table.unique(['model_ref', 'idempotency_key'], {
      indexName: 'modelops_evaluations_idempotency',
    });
    table.index(
      ['model_ref', 'evaluated_at'],
      'modelops_evaluations_model_time',
    );
  });
  await knex.schema.createTable('modelops_evaluation_metrics', table => {
    table.comment('Metrics of an evaluation report, optionally per slice');
    table
      .bigInteger('evaluation_id')
      .unsigned()
      .notNullable()
      .references('id')
      .inTable('modelops_evaluations')
      .onDelete('CASCADE');
    table.integer('position').notNullable();
    table.string('name', 200).notNullable();
    table.double('value').notNullable();
    table.string('slice_attribute', 200).nullable();
    table.string('slice_group', 200).nullable();
    table.primary(['evaluation_id', 'position']);
  });
  await knex.schema.createTable('modelops_monitoring_snapshots', table => {
    table.comment('Monitoring snapshots of a serving window of a model');
    table.bigIncrements('id').primary();
    table.string('model_ref', 255).notNullable();
    table.string('idempotency_key', 200).nullable();
    table.string('fingerprint', 64).notNullable();
    table.string('model_version', 200).notNullable();
    table.string('window_start', 24).notNullable();
    table.string('window_end', 24).notNullable();
    table.double('latency_p95_ms').nullable();
    table.double('error_rate').nullable();
    table.bigInteger('traffic').nullable();
    table.string('created_at', 24).notNullable();
    table.unique(['model_ref', 'idempotency_key'], {
      indexName: 'modelops_monitoring_snapshots_idempotency',
    });
    table.index(
      ['model_ref', 'window_end'],
      'modelops_monitoring_snapshots_model_time',
    );
  });
  await knex.schema.createTable('modelops_monitoring_drift', table => {
    table.comment('Drift statistics of a snapshot, per feature and output');
    table
      .bigInteger('snapshot_id')
      .unsigned()
      .notNullable()
      .references('id')
      .inTable('modelops_monitoring_snapshots')
      .onDelete('CASCADE');
    table.integer('position').notNullable();
    table.string('feature', 200).notNullable();
    table.string('test', 32).notNullable();
    table.double('statistic').notNullable();
    table.double('p_value').nullable();
    table.primary(['snapshot_id', 'position']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('modelops_monitoring_drift');
  await knex.schema.dropTable('modelops_monitoring_snapshots');
  await knex.schema.dropTable('modelops_evaluation_metrics');
  await knex.schema.dropTable('modelops_evaluations');
};
