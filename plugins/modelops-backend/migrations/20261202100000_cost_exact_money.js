// @ts-check

/**
 * Exact money. Cost amounts become integers: millionths of the currency unit
 * (`amount_micros`), so that sums are exact on both databases. A converted
 * record keeps the currency and amount it was sent in.
 *
 * Monthly totals are no longer running sums: after every insert, update or
 * delete of records, the triggers recompute each touched (month, entity,
 * category) total from its records, in the same transaction, so a total
 * equals the sum of its records whichever code wrote them. On PostgreSQL the
 * trigger first takes a transaction lock per touched total and then reads
 * the records in a later statement, whose snapshot includes every
 * transaction that held the lock before; concurrent imports of the same
 * month therefore cannot overwrite each other's totals.
 *
 * Records whose amount no 64-bit integer of micros can hold (infinite, NaN,
 * or beyond ±10^12) cannot be carried over and are deleted; they are the
 * records that made totals null.
 */

const RECORDS = 'modelops_cost_records';
const MONTHLY = 'modelops_cost_monthly';
const EVENTS = ['insert', 'update', 'delete'];

const INFERENCES = `sum(case when r.usage_unit = 'inferences' then coalesce(r.usage_quantity, 0) else 0 end)`;

/** @param {import('knex').Knex} knex */
async function dropTriggers(knex) {
  const postgres = knex.client.dialect === 'postgresql';
  for (const event of EVENTS) {
    await knex.raw(
      `drop trigger if exists ${MONTHLY}_on_${event}${
        postgres ? ` on ${RECORDS}` : ''
      }`,
    );
  }
}

/** @param {import('knex').Knex} knex */
async function createMonthly(knex) {
  await knex.schema.createTable(MONTHLY, table => {
    table.comment(
      'Spend (micros) and inferences per month, entity and category, recomputed from modelops_cost_records by triggers',
    );
    table.string('month', 7).notNullable().comment('YYYY-MM');
    table.string('entity_ref', 255).notNullable();
    table.string('category', 16).notNullable();
    table.bigInteger('amount_micros').notNullable();
    table.double('inferences').notNullable();
    table.primary(['month', 'entity_ref', 'category']);
    table.index(['entity_ref', 'month'], `${MONTHLY}_entity_idx`);
  });
  await knex.raw(`
    insert into ${MONTHLY} (month, entity_ref, category, amount_micros, inferences)
    select substr(r.day, 1, 7), r.entity_ref, r.category, sum(r.amount_micros), ${INFERENCES}
    from ${RECORDS} r
    group by substr(r.day, 1, 7), r.entity_ref, r.category`);
}

/**
 * The records of one total: `t` names its month, entity_ref and category.
 * '-31' bounds every day of a month as a string, whatever its length, and
 * lets the (entity_ref, category, day) index find them.
 */
const OF_TOTAL = `r.entity_ref = t.entity_ref and r.category = t.category
  and r.day >= t.month || '-01' and r.day <= t.month || '-31'`;

/** @param {import('knex').Knex} knex */
async function createPostgresTriggers(knex) {
  /**
   * The totals the statement touched, each once.
   *
   * @param {string[]} tables transition tables of the event
   */
  const touched = tables =>
    `select distinct month, entity_ref, category from (${tables
      .map(
        table =>
          `select substr(day, 1, 7) as month, entity_ref, category from ${table}`,
      )
      .join(' union all ')}) as touched_rows`;
  for (const [event, tables, referencing] of [
    ['insert', ['new_rows'], 'new table as new_rows'],
    [
      'update',
      ['new_rows', 'old_rows'],
      'old table as old_rows new table as new_rows',
    ],
    ['delete', ['old_rows'], 'old table as old_rows'],
  ]) {
    const totals = touched(/** @type {string[]} */ (tables));
    await knex.raw(`
      create function ${MONTHLY}_on_${event}() returns trigger
      language plpgsql as $$
      begin
        perform pg_advisory_xact_lock(hashtextextended(t.month || '|' || t.entity_ref || '|' || t.category, 0))
        from (${totals} order by 1, 2, 3) as t;

        insert into ${MONTHLY} as m (month, entity_ref, category, amount_micros, inferences)
        select t.month, t.entity_ref, t.category, sum(r.amount_micros), ${INFERENCES}
        from (${totals}) as t
        join ${RECORDS} r on ${OF_TOTAL}
        group by t.month, t.entity_ref, t.category
        on conflict (month, entity_ref, category) do update
          set amount_micros = excluded.amount_micros, inferences = excluded.inferences;

        delete from ${MONTHLY} m
        using (${totals}) as t
        where m.month = t.month and m.entity_ref = t.entity_ref and m.category = t.category
          and not exists (select 1 from ${RECORDS} r where ${OF_TOTAL});
        return null;
      end
      $$`);
    await knex.raw(`
      create trigger ${MONTHLY}_on_${event}
      after ${event} on ${RECORDS}
      referencing ${referencing}
      for each statement execute function ${MONTHLY}_on_${event}()`);
  }
}

/** @param {import('knex').Knex} knex */
async function createSqliteTriggers(knex) {
  // SQLite runs one writer at a time, so a row trigger recomputing the
  // row's total reads every committed record.
  /** @param {string} row `new` or `old` */
  const recompute = row => `
    delete from ${MONTHLY} where month = substr(${row}.day, 1, 7)
      and entity_ref = ${row}.entity_ref and category = ${row}.category;
    insert into ${MONTHLY} (month, entity_ref, category, amount_micros, inferences)
    select t.month, t.entity_ref, t.category, sum(r.amount_micros), ${INFERENCES}
    from (select substr(${row}.day, 1, 7) as month, ${row}.entity_ref as entity_ref,
      ${row}.category as category) as t
    join ${RECORDS} r on ${OF_TOTAL}
    group by t.month, t.entity_ref, t.category;`;
  await knex.raw(`
    create trigger ${MONTHLY}_on_insert after insert on ${RECORDS}
    begin ${recompute('new')} end`);
  await knex.raw(`
    create trigger ${MONTHLY}_on_update
    after update of day, entity_ref, category, amount_micros, usage_quantity, usage_unit
    on ${RECORDS}
    begin ${recompute('old')} ${recompute('new')} end`);
  await knex.raw(`
    create trigger ${MONTHLY}_on_delete after delete on ${RECORDS}
    begin ${recompute('old')} end`);
}

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  const postgres = knex.client.dialect === 'postgresql';
  await dropTriggers(knex);
  if (postgres) {
    await knex.raw(`drop function if exists ${MONTHLY}_maintain()`);
  }
  await knex.schema.dropTable(MONTHLY);

  await knex(RECORDS)
    .whereNot((/** @type {import('knex').Knex.QueryBuilder} */ q) =>
      q.whereBetween('amount', [-1e12, 1e12]),
    )
    .delete();
  await knex.schema.alterTable(
    RECORDS,
    (/** @type {import('knex').Knex.AlterTableBuilder} */ table) => {
      table.bigInteger('amount_micros').notNullable().defaultTo(0);
      table.string('original_currency', 3).nullable();
      table.bigInteger('original_amount_micros').nullable();
    },
  );
  await knex(RECORDS).update({
    amount_micros: knex.raw(
      postgres
        ? 'round(amount * 1000000)::bigint'
        : 'cast(round(amount * 1000000) as integer)',
    ),
  });
  await knex.schema.alterTable(
    RECORDS,
    (/** @type {import('knex').Knex.AlterTableBuilder} */ table) => {
      table.dropColumn('amount');
    },
  );

  // The records of one total, for the triggers' recomputation.
  await knex.schema.alterTable(
    RECORDS,
    (/** @type {import('knex').Knex.AlterTableBuilder} */ table) => {
      table.index(['entity_ref', 'category', 'day'], `${RECORDS}_total`);
    },
  );
  await createMonthly(knex);
  await (postgres ? createPostgresTriggers(knex) : createSqliteTriggers(knex));
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  const postgres = knex.client.dialect === 'postgresql';
  await dropTriggers(knex);
  if (postgres) {
    for (const event of EVENTS) {
      await knex.raw(`drop function if exists ${MONTHLY}_on_${event}()`);
    }
  }
  await knex.schema.dropTable(MONTHLY);
  await knex.schema.alterTable(
    RECORDS,
    (/** @type {import('knex').Knex.AlterTableBuilder} */ table) => {
      table.dropIndex(['entity_ref', 'category', 'day'], `${RECORDS}_total`);
      table.double('amount').notNullable().defaultTo(0);
    },
  );
  await knex(RECORDS).update({
    amount: knex.raw('amount_micros / 1000000.0'),
  });
  await knex.schema.alterTable(
    RECORDS,
    (/** @type {import('knex').Knex.AlterTableBuilder} */ table) => {
      table.dropColumn('amount_micros');
      table.dropColumn('original_currency');
      table.dropColumn('original_amount_micros');
    },
  );
  // The rollups as the previous migration made them: table and triggers.
  await require('./20261127100700_cost_rollups').up(knex);
};
