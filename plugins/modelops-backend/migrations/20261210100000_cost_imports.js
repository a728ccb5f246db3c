// @ts-check

/**
 * Cost imports: one row per billing file import (or dry run), with its
 * progress while it runs and its report once the file has been read, so
 * that any backend instance can answer GET /cost/imports/{id}. The file
 * itself never enters the database; its SHA-256 finds earlier imports of
 * the same file.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('modelops_cost_imports', table => {
    table.comment('Billing file imports: progress and reports');
    table.string('id', 36).primary();
    table.string('created_by', 255).notNullable();
    table.string('source', 63).nullable();
    table.string('format', 40).nullable();
    table.string('file_name', 255).nullable();
    table.bigInteger('file_bytes').notNullable();
    table.string('file_sha256', 64).notNullable();
    table.boolean('dry_run').notNullable();
    table.string('status', 16).notNullable();
    table.bigInteger('rows_read').notNullable().defaultTo(0);
    table.bigInteger('bytes_read').notNullable().defaultTo(0);
    table.text('report').nullable();
    table.text('error').nullable();
    table.string('created_at', 24).notNullable();
    table.string('updated_at', 24).notNullable();
    table.string('finished_at', 24).nullable();
    table.index(['file_sha256'], 'modelops_cost_imports_file');
    table.index(['created_by', 'created_at'], 'modelops_cost_imports_creator');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('modelops_cost_imports');
};
