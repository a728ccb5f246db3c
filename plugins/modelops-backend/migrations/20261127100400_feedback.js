// @ts-check

/**
 * Feedback that users of a model report, and the state its owners move it
 * through. Timestamps are fixed-width UTC ISO 8601 strings, as in the other
 * ModelOps tables, so they sort the same on SQLite and PostgreSQL.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('modelops_feedback', table => {
    table.comment('Problems users report about a model');
    table.bigIncrements('id').primary();
    table.string('entity_ref', 255).notNullable();
    table.string('category', 32).notNullable();
    table.text('text').notNullable();
    table.string('state', 16).notNullable();
    table.string('reporter_ref', 255).notNullable();
    table.string('created_at', 24).notNullable();
    table.string('updated_at', 24).notNullable();
    table.string('updated_by', 255).nullable();
    table.text('comment').nullable();
    table.index(['entity_ref', 'created_at'], 'modelops_feedback_entity_time');
    // The scorecard fact reads unresolved feedback of many models at once.
    table.index(['state', 'entity_ref'], 'modelops_feedback_state_entity');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('modelops_feedback');
};
