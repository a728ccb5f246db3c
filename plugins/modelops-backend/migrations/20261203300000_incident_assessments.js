// @ts-check

/**
 * Serious-incident assessments (EU AI Act Art. 73): one row per incident
 * recorded by the delivery feature on a model, saying whether it is a
 * serious incident and, when it is, when and to whom it was reported. A new
 * assessment of the same incident replaces the row; the audit log keeps
 * every change.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('modelops_incident_assessments', table => {
    table.comment('Whether delivery incidents are serious, and their reports');
    table.bigIncrements('id').primary();
    table.string('entity_ref', 255).notNullable();
    table.string('incident_id', 200).notNullable();
    table.boolean('serious').notNullable();
    table.text('rationale').notNullable();
    table.string('reported_at', 24).nullable();
    table.string('authority', 200).nullable();
    table.string('report_reference', 200).nullable();
    table.string('assessed_by', 255).notNullable();
    table.string('assessed_at', 24).notNullable();
    table.unique(['entity_ref', 'incident_id'], {
      indexName: 'modelops_incident_assessments_incident',
    });
    table.index(['assessed_at'], 'modelops_incident_assessments_time');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('modelops_incident_assessments');
};
