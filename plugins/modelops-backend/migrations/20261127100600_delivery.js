// @ts-check

/**
 * Delivery events (deployments, incident openings and resolutions) per
 * model, from which deployment frequency, change failure rate and mean time
 * to recover are computed. The idempotency key is unique per model; rows
 * without a key hold NULL there, and NULLs never collide in unique indexes.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('modelops_delivery_events', table => {
    table.comment(
      'Deployments and incidents reported by CI/CD and incident tools',
    );
    table.bigIncrements('id').primary();
    table.string('entity_ref', 255).notNullable();
    table.string('idempotency_key', 200).nullable();
    table.string('fingerprint', 64).notNullable();
    table.string('type', 32).notNullable();
    table.string('at', 24).notNullable();
    table.string('model_version', 200).nullable();
    table.string('incident_id', 200).nullable();
    table.boolean('failed').nullable();
    table.string('created_at', 24).notNullable();
    table.unique(['entity_ref', 'idempotency_key'], {
      indexName: 'modelops_delivery_events_idempotency',
    });
    table.index(['entity_ref', 'at'], 'modelops_delivery_events_entity_time');
    table.index(
      ['entity_ref', 'incident_id'],
      'modelops_delivery_events_incident',
    );
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('modelops_delivery_events');
};
