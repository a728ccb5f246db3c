// @ts-check

/**
 * Monthly cost rollups: spend and inferences per (month, entity, category),
 * kept equal to the sums over modelops_cost_records by triggers, so that they
 * change in the same transaction as every insert, replacement or deletion of
 * a record, whichever code wrote it. The team and model cost pages read
 * twelve months from here instead of grouping every daily record.
 *
 * SQLite runs row triggers; PostgreSQL runs statement triggers over the
 * transition tables, so a multi-row upsert updates each rollup row once.
 * Inferences are usage quantities whose unit is 'inferences', as in the
 * cost views.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('modelops_cost_monthly', table => {
    table.comment(
      'Spend and inferences per month, entity and category, maintained by triggers on modelops_cost_records',
    );
    table.string('month', 7).notNullable().comment('YYYY-MM');
    table.string('entity_ref', 255).notNullable();
    table.string('category', 16).notNullable();
    table.double('amount').notNullable();
    table.double('inferences').notNullable();
    table.primary(['month', 'entity_ref', 'category']);
    table.index(['entity_ref', 'month'], 'modelops_cost_monthly_entity_idx');
  });

  await knex.raw(`
    insert into modelops_cost_monthly (month, entity_ref, category, amount, inferences)
    select substr(day, 1, 7), entity_ref, category, sum(amount),
      sum(case when usage_unit = 'inferences' then coalesce(usage_quantity, 0) else 0 end)
    from modelops_cost_records
    group by substr(day, 1, 7), entity_ref, category`);

  if (knex.client.dialect === 'postgresql') {
    await knex.raw(`
      create function modelops_cost_monthly_maintain() returns trigger
      language plpgsql as $$
      begin
        if tg_op = 'INSERT' then
          insert into modelops_cost_monthly as m (month, entity_ref, category, amount, inferences)
          select substr(day, 1, 7), entity_ref, category, sum(amount),
            sum(case when usage_unit = 'inferences' then coalesce(usage_quantity, 0) else 0 end)
          from new_rows
          group by 1, 2, 3
          on conflict (month, entity_ref, category) do update
            set amount = m.amount + excluded.amount,
                inferences = m.inferences + excluded.inferences;
        elsif tg_op = 'UPDATE' then
          insert into modelops_cost_monthly as m (month, entity_ref, category, amount, inferences)
          select month, entity_ref, category, sum(amount), sum(inferences)
          from (
            select substr(day, 1, 7) as month, entity_ref, category, amount,
              case when usage_unit = 'inferences' then coalesce(usage_quantity, 0) else 0 end as inferences
            from new_rows
            union all
            select substr(day, 1, 7), entity_ref, category, -amount,
              case when usage_unit = 'inferences' then -coalesce(usage_quantity, 0) else 0 end
            from old_rows
          ) as changed
          group by 1, 2, 3
          on conflict (month, entity_ref, category) do update
            set amount = m.amount + excluded.amount,
                inferences = m.inferences + excluded.inferences;
        else
          insert into modelops_cost_monthly as m (month, entity_ref, category, amount, inferences)
          select substr(day, 1, 7), entity_ref, category, -sum(amount),
            -sum(case when usage_unit = 'inferences' then coalesce(usage_quantity, 0) else 0 end)
          from old_rows
          group by 1, 2, 3
          on conflict (month, entity_ref, category) do update
            set amount = m.amount + excluded.amount,
                inferences = m.inferences + excluded.inferences;
        end if;
        return null;
      end
      $$`);
    await knex.raw(`
      create trigger modelops_cost_monthly_on_insert
      after insert on modelops_cost_records
      referencing new table as new_rows
      for each statement execute function modelops_cost_monthly_maintain()`);
    await knex.raw(`
      create trigger modelops_cost_monthly_on_update
      after update on modelops_cost_records
      referencing old table as old_rows new table as new_rows
      for each statement execute function modelops_cost_monthly_maintain()`);
    await knex.raw(`
      create trigger modelops_cost_monthly_on_delete
      after delete on modelops_cost_records
      referencing old table as old_rows
      for each statement execute function modelops_cost_monthly_maintain()`);
    return;
  }

  // SQLite: in an upsert's DO UPDATE, bare column names are the stored row.
  const add = (/** @type {string} */ row, /** @type {string} */ sign) => `
    insert into modelops_cost_monthly (month, entity_ref, category, amount, inferences)
    values (substr(${row}.day, 1, 7), ${row}.entity_ref, ${row}.category, ${sign}${row}.amount,
      case when ${row}.usage_unit = 'inferences' then ${sign}coalesce(${row}.usage_quantity, 0) else 0 end)
    on conflict (month, entity_ref, category) do update
      set amount = amount + excluded.amount, inferences = inferences + excluded.inferences;`;
  await knex.raw(`
    create trigger modelops_cost_monthly_on_insert
    after insert on modelops_cost_records
    begin ${add('new', '')} end`);
  await knex.raw(`
    create trigger modelops_cost_monthly_on_update
    after update of day, entity_ref, category, amount, usage_quantity, usage_unit
    on modelops_cost_records
    begin ${add('old', '-')} ${add('new', '')} end`);
  await knex.raw(`
    create trigger modelops_cost_monthly_on_delete
    after delete on modelops_cost_records
    begin ${add('old', '-')} end`);
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  for (const event of ['insert', 'update', 'delete']) {
    await knex.raw(
      `drop trigger if exists modelops_cost_monthly_on_${event}${
        knex.client.dialect === 'postgresql' ? ' on modelops_cost_records' : ''
      }`,
    );
  }
  if (knex.client.dialect === 'postgresql') {
    await knex.raw('drop function if exists modelops_cost_monthly_maintain()');
  }
  await knex.schema.dropTable('modelops_cost_monthly');
};
