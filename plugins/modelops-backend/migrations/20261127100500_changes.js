// @ts-check

/**
 * Change requests (promotions and rollbacks of a model's production version)
 * and their four-eyes decisions. A decided row is never decided again: the
 * store updates only rows still `pending`.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('modelops_change_requests', table => {
    table.comment('Promotion and rollback requests and their decisions');
    table.bigIncrements('id').primary();
    table.string('entity_ref', 255).notNullable();
    table.string('kind', 16).notNullable();
    table.string('model_version', 200).notNullable();
    // JSON array of URLs; read back whole, never queried inside.
    table.text('evidence_links').notNullable();
    table.text('reason').notNullable();
    table.string('status', 16).notNullable();
    table.string('requester_ref', 255).notNullable();
    table.string('created_at', 24).notNullable();
    table.string('decided_by', 255).nullable();
    table.string('decided_at', 24).nullable();
    table.text('decision_comment').nullable();
    table.index(
      ['entity_ref', 'created_at'],
      'modelops_change_requests_entity_time',
    );
    // The scorecard fact looks up approved promotions of many models at once.
    table.index(
      ['status', 'kind', 'entity_ref'],
      'modelops_change_requests_status',
    );
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('modelops_change_requests');
};
