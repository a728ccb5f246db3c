// @ts-check

/**
 * Observations: one row per source object (an MLflow registered model, a
 * KServe InferenceService) as its provider last saw it, with the import
 * notes of what could not be mapped. A provider replaces all rows of its
 * source in one transaction after each successful read.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('modelops_observations', table => {
    table.comment('What registry and cluster providers observed per object');
    table.bigIncrements('id').primary();
    table.string('source', 120).notNullable();
    table.string('source_object', 500).notNullable();
    table.string('entity_ref', 255).nullable();
    table.text('notes').notNullable();
    table.text('serving').nullable();
    table.string('observed_at', 24).notNullable();
    table.unique(['source', 'source_object'], {
      indexName: 'modelops_observations_object',
    });
    table.index(['entity_ref'], 'modelops_observations_entity');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('modelops_observations');
};
