// @ts-check

/**
 * Recorded risk assessments: the EU AI Act questionnaire answers a person
 * gave for a model, the tier the classifier derived from them, the
 * classifier's version, the author and the time. Rows are never replaced: a
 * new assessment is a new row, and the latest one is what the model's
 * declared tier is held to.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('modelops_risk_assessments', table => {
    table.comment('Risk questionnaire answers of models and their tiers');
    table.bigIncrements('id').primary();
    table.string('entity_ref', 255).notNullable();
    table.text('answers').notNullable();
    table.string('tier', 20).notNullable();
    table.string('domain', 100).nullable();
    table.text('annex_iii_points').nullable();
    table.string('classifier_version', 40).notNullable();
    table.string('assessed_by', 255).notNullable();
    table.string('assessed_at', 24).notNullable();
    table.index(
      ['entity_ref', 'assessed_at'],
      'modelops_risk_assessments_entity_time',
    );
    table.index(['assessed_at'], 'modelops_risk_assessments_time');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('modelops_risk_assessments');
};
