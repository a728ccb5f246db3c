// @ts-check

/**
 * Scorecards: the latest result per (entity, check), the history of state
 * changes, per-entity scores with the catalog fields rollups group by,
 * daily rollup snapshots for cheap trend charts, waivers, campaigns and the
 * record of campaign notifications already sent (so re-runs never repeat one).
 *
 * Timestamps are ISO 8601 strings so that comparisons and sorting behave the
 * same on SQLite and PostgreSQL; days are YYYY-MM-DD strings.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('modelops_scorecard_entities', table => {
    table.comment(
      'Latest scorecard evaluation per entity, with the fields rollups group by',
    );
    table.string('entity_ref', 255).primary();
    table.string('kind', 32).notNullable();
    table.string('owner', 255).nullable();
    table.string('system', 255).nullable();
    table.string('lifecycle', 64).nullable();
    table.string('risk_tier', 32).nullable();
    table.integer('score').notNullable();
    table
      .text('packs')
      .notNullable()
      .comment('JSON: PackScore[] as of the evaluation');
    table.string('evaluated_at', 32).notNullable();
    table.index(['owner'], 'modelops_scorecard_entities_owner_idx');
    table.index(['system'], 'modelops_scorecard_entities_system_idx');
  });

  await knex.schema.createTable('modelops_scorecard_results', table => {
    table.comment('Latest state of every applicable check on every entity');
    table.string('entity_ref', 255).notNullable();
    table.string('check_id', 255).notNullable();
    table.string('pack', 64).notNullable();
    table.string('level', 16).notNullable();
    table.string('severity', 16).notNullable();
    table.string('state', 8).notNullable();
    table.text('message').nullable();
    table.string('changed_at', 32).notNullable();
    table.primary(['entity_ref', 'check_id']);
    table.index(['check_id', 'state'], 'modelops_scorecard_results_check_idx');
  });

  await knex.schema.createTable('modelops_scorecard_history', table => {
    table.comment('Every change of a check state on an entity');
    table.bigIncrements('id').primary();
    table.string('entity_ref', 255).notNullable();
    table.string('check_id', 255).notNullable();
    table.string('from_state', 8).nullable();
    table.string('to_state', 8).notNullable();
    table.string('changed_at', 32).notNullable();
    table.index(
      ['entity_ref', 'changed_at'],
      'modelops_scorecard_history_entity_idx',
    );
  });

  await knex.schema.createTable('modelops_scorecard_daily', table => {
    table.comment('Daily rollup per team and per entity, upserted by each run');
    table.string('day', 10).notNullable();
    table.string('scope', 8).notNullable().comment('team or entity');
    table.string('scope_key', 255).notNullable();
    table.integer('score').notNullable();
    table.integer('passing').notNullable();
    table.integer('failing').notNullable();
    table.primary(['scope', 'scope_key', 'day']);
  });

  await knex.schema.createTable('modelops_scorecard_waivers', table => {
    table.comment(
      'Waivers of a failing check on an entity, with two-person approval',
    );
    table.string('id', 36).primary();
    table.string('entity_ref', 255).notNullable();
    table.string('check_id', 255).notNullable();
    table.text('reason').notNullable();
    table.string('requested_by', 255).notNullable();
    table.string('requested_at', 32).notNullable();
    table.string('expires_at', 32).notNullable();
    table.string('status', 16).notNullable();
    table.string('decided_by', 255).nullable();
    table.string('decided_at', 32).nullable();
    table.text('decision_comment').nullable();
    table.index(
      ['entity_ref', 'check_id'],
      'modelops_scorecard_waivers_entity_idx',
    );
    table.index(
      ['status', 'expires_at'],
      'modelops_scorecard_waivers_status_idx',
    );
  });

  await knex.schema.createTable('modelops_scorecard_campaigns', table => {
    table.comment(
      'Campaigns: checks to bring to green for some entities by a date',
    );
    table.string('id', 36).primary();
    table.string('title', 255).notNullable();
    table.text('description').nullable();
    table.text('check_ids').notNullable().comment('JSON array of check ids');
    table
      .text('entity_filter')
      .notNullable()
      .comment('JSON CampaignEntityFilter');
    table.string('due_date', 32).notNullable();
    table.string('owner', 255).notNullable();
    table.string('status', 16).notNullable();
    table.string('created_by', 255).notNullable();
    table.string('created_at', 32).notNullable();
  });

  await knex.schema.createTable('modelops_scorecard_notifications', table => {
    table.comment(
      'Campaign notifications already sent, so that re-runs never repeat one',
    );
    table.string('campaign_id', 36).notNullable();
    table.string('dedupe_key', 512).notNullable();
    table.string('sent_at', 32).notNullable();
    table.primary(['campaign_id', 'dedupe_key']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('modelops_scorecard_notifications');
  await knex.schema.dropTable('modelops_scorecard_campaigns');
  await knex.schema.dropTable('modelops_scorecard_waivers');
  await knex.schema.dropTable('modelops_scorecard_daily');
  await knex.schema.dropTable('modelops_scorecard_history');
  await knex.schema.dropTable('modelops_scorecard_results');
  await knex.schema.dropTable('modelops_scorecard_entities');
};
