// @ts-check

/**
 * Cost records: one row per (source, day, entity, model version, category).
 *
 * `model_version` is '' rather than NULL when a record is not tied to a
 * version: NULLs are distinct in unique indexes on both SQLite and
 * PostgreSQL, which would let a re-sent day double the spend.
 * `day` is an ISO date string (YYYY-MM-DD) so that month grouping is the same
 * `substr` on both databases and sorts lexicographically.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('modelops_cost_records', table => {
    table.comment('Daily cost per entity, model version and category');
    table.bigIncrements('id').primary();
    table.string('source', 255).notNullable();
    table.string('entity_ref', 255).notNullable();
    table.string('model_version', 255).notNullable().defaultTo('');
    table.string('day', 10).notNullable();
    table.string('category', 16).notNullable();
    table.double('amount').notNullable();
    table.string('currency', 3).notNullable();
    table.double('usage_quantity').nullable();
    table.string('usage_unit', 64).nullable();
    table.timestamp('ingested_at').notNullable().defaultTo(knex.fn.now());
    table.unique(['source', 'day', 'entity_ref', 'model_version', 'category'], {
      indexName: 'modelops_cost_records_natural_key',
    });
    table.index(['entity_ref', 'day'], 'modelops_cost_records_entity_day');
    table.index(['day'], 'modelops_cost_records_day');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('modelops_cost_records');
};
