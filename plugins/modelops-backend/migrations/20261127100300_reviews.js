// @ts-check

/**
 * Ownership reviews: cycles (one per cadence and period), the entities to
 * attest in each cycle, the append-only log of every decision, and the
 * reminders already sent so that re-runs never notify twice.
 *
 * Timestamps are UTC ISO 8601 strings of fixed width, as in the other
 * ModelOps tables, so they compare the same way on SQLite and PostgreSQL.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('modelops_review_cycles', table => {
    table.comment('Ownership review cycles, one per cadence and period');
    table.increments('id').primary();
    table.string('cadence', 255).notNullable();
    table.string('kind', 64).notNullable();
    table.text('lifecycles').notNullable().comment('JSON array of lifecycles');
    table.string('period', 32).notNullable();
    table.string('period_start', 24).notNullable();
    table.string('period_end', 24).notNullable();
    table.string('due_at', 24).notNullable();
    table.string('opened_at', 24).notNullable();
    // The same period of a cadence never opens twice, even when two
    // replicas race: the second insert hits this index and is ignored.
    table.unique(['cadence', 'period'], {
      indexName: 'modelops_review_cycles_period',
    });
  });

  await knex.schema.createTable('modelops_review_items', table => {
    table.comment('Entities to attest in a review cycle, with their state');
    table.increments('id').primary();
    table
      .integer('cycle_id')
      .unsigned()
      .notNullable()
      .references('id')
      .inTable('modelops_review_cycles')
      .onDelete('CASCADE');
    table.string('entity_ref', 255).notNullable();
    table.string('entity_kind', 64).notNullable();
    table.string('entity_title', 255).nullable();
    table.string('owner_ref', 255).notNullable();
    table.string('state', 24).notNullable();
    table.string('decision', 16).nullable();
    table.text('note').nullable();
    table.string('decided_by', 255).nullable();
    table.string('decided_at', 24).nullable();
    table.string('transfer_to', 255).nullable();
    table.string('accepted_by', 255).nullable();
    table.string('accepted_at', 24).nullable();
    table.unique(['cycle_id', 'entity_ref'], {
      indexName: 'modelops_review_items_entity',
    });
    table.index(['owner_ref'], 'modelops_review_items_owner');
    table.index(['transfer_to'], 'modelops_review_items_transfer');
  });

  await knex.schema.createTable('modelops_review_decisions', table => {
    table.comment('Append-only log of every review decision: who, when, what');
    table.increments('id').primary();
    table
      .integer('item_id')
      .unsigned()
      .notNullable()
      .references('id')
      .inTable('modelops_review_items')
      .onDelete('CASCADE');
    table.integer('cycle_id').unsigned().notNullable();
    table.string('entity_ref', 255).notNullable();
    table.string('action', 24).notNullable();
    table.string('actor', 255).notNullable();
    table.string('authority', 16).notNullable();
    table.text('note').nullable();
    table.string('transfer_to', 255).nullable();
    table.string('created_at', 24).notNullable();
    table.index(
      ['entity_ref', 'created_at'],
      'modelops_review_decisions_entity',
    );
  });

  await knex.schema.createTable('modelops_review_reminders', table => {
    table.comment('Reminders sent per cycle, group and kind of reminder');
    table
      .integer('cycle_id')
      .unsigned()
      .notNullable()
      .references('id')
      .inTable('modelops_review_cycles')
      .onDelete('CASCADE');
    table.string('group_ref', 255).notNullable();
    table.string('reminder', 16).notNullable();
    table.string('sent_at', 24).notNullable();
    table.primary(['cycle_id', 'group_ref', 'reminder']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('modelops_review_reminders');
  await knex.schema.dropTable('modelops_review_decisions');
  await knex.schema.dropTable('modelops_review_items');
  await knex.schema.dropTable('modelops_review_cycles');
};
