// @ts-check

/**
 * Scorecard summaries: per team, per system and per pack, the counts the
 * summary endpoint serves, so that it reads a few rows instead of grouping
 * every stored result on each request.
 *
 * Every scorecard write subtracts the old contribution of the entities it
 * touches and adds the new one in its own transaction, and each full
 * evaluation run recomputes the table. Failing counts include waived results:
 * waivers expire with time, not with a write, so the store subtracts the
 * results under an approved, unexpired waiver when it reads.
 *
 * The table starts empty; the store fills it from the stored results on the
 * first summary read or evaluation run after this migration.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('modelops_scorecard_summaries', table => {
    table.comment(
      'Scorecard counts per team, system and pack, maintained with every scorecard write',
    );
    table.string('group_by', 8).notNullable().comment('team, system or pack');
    table
      .string('group_key', 255)
      .notNullable()
      .comment('owner or system entity ref, (none), or pack id');
    table
      .integer('entities')
      .notNullable()
      .comment('entities in the group (pack: entities with a result in it)');
    table
      .bigInteger('score_sum')
      .notNullable()
      .comment('sum of entity scores (team and system)');
    table.integer('passing').notNullable();
    table
      .integer('failing')
      .notNullable()
      .comment('failing results, waived ones included');
    table.bigInteger('weight_total').notNullable();
    table.bigInteger('weight_pass').notNullable();
    table.integer('level_none').notNullable();
    table.integer('level_bronze').notNullable();
    table.integer('level_silver').notNullable();
    table.integer('level_gold').notNullable();
    table.primary(['group_by', 'group_key']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('modelops_scorecard_summaries');
};
