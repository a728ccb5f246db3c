// @ts-check

/**
 * Scorecard change detection: the catalog etag each entity had when it was
 * last evaluated (a different etag means the entity changed in the catalog);
 * a digest of its stored results, so that a run reads the stored results of
 * only the entities whose outcome differs; and named watermarks, so that the
 * change task asks fact sources only for what changed since its previous
 * run, whichever replica ran that.
 *
 * Evaluation reports are looked up by creation time for the same purpose.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('modelops_scorecard_entities', table => {
    table
      .string('entity_etag', 255)
      .nullable()
      .comment('metadata.etag of the entity as last evaluated');
    table
      .string('results_digest', 64)
      .nullable()
      .comment('Digest of the stored results of the entity');
  });
  await knex.schema.createTable('modelops_scorecard_watermarks', table => {
    table.comment('Time up to which a scorecard task has processed changes');
    table.string('name', 64).primary();
    table.string('at', 24).notNullable();
  });
  await knex.schema.alterTable('modelops_evaluations', table => {
    table.index(['created_at'], 'modelops_evaluations_created');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('modelops_evaluations', table => {
    table.dropIndex(['created_at'], 'modelops_evaluations_created');
  });
  await knex.schema.dropTable('modelops_scorecard_watermarks');
  await knex.schema.alterTable('modelops_scorecard_entities', table => {
    table.dropColumn('entity_etag');
    table.dropColumn('results_digest');
  });
};
