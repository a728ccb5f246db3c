// @ts-check

/**
 * Every change of an entity's level in one pack, beside the check state
 * changes of `modelops_scorecard_history`: what "recent changes" lists as
 * level changes. `from_level` is null when the pack did not apply before,
 * `to_level` when it no longer applies; `checks` holds the pack's checks
 * that changed in the same evaluation (JSON: check id and new state), the
 * cause shown beside the change.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('modelops_scorecard_level_history', table => {
    table.comment('Every change of an entity level in a scorecard pack');
    table.bigIncrements('id').primary();
    table.string('entity_ref', 255).notNullable();
    table.string('pack', 255).notNullable();
    table.string('from_level', 8).nullable();
    table.string('to_level', 8).nullable();
    table.text('checks').notNullable();
    table.string('changed_at', 32).notNullable();
    table.index(
      ['entity_ref', 'changed_at'],
      'modelops_scorecard_level_history_entity_idx',
    );
    table.index(['changed_at'], 'modelops_scorecard_level_history_time_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('modelops_scorecard_level_history');
};
