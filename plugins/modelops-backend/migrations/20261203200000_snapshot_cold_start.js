// @ts-check

/**
 * Monitoring snapshots carry the p95 cold start time of serverless serving,
 * which the cold-start check compares with `spec.deployment.coldStartSloMs`.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('modelops_monitoring_snapshots', table => {
    table.double('cold_start_p95_ms').nullable();
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('modelops_monitoring_snapshots', table => {
    table.dropColumn('cold_start_p95_ms');
  });
};
