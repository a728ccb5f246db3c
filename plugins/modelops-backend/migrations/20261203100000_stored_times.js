// @ts-check

/**
 * Stored times in one form. Every time column holds UTC ISO 8601 text of one
 * width, `YYYY-MM-DDTHH:mm:ss.sssZ`, so that comparing the text compares
 * the instants, on SQLite and PostgreSQL and under any collation (the
 * punctuation sits at the same places in every value).
 *
 * Version 0.1 stored client times as `Date#toISOString` wrote them. A time
 * whose offset moved it past year 9999 or before year 0 became
 * `+010000-01-01T...` or `-000001-12-31T...`, which sorts before every other
 * time because `+` and `-` precede the digits: a year-10000 evaluation was
 * the oldest report, not the newest. SQLite kept such values in every time
 * column; PostgreSQL kept them in campaign due dates, whose column is wider.
 * This migration rewrites every value of the columns that held client times
 * and is not in the fixed form to that form, clamped to the years 0000 to
 * 9999, which keeps its place in time order. The API refuses such times
 * since 0.2.
 */

/** The columns that held times sent by clients, by table. */
const CLIENT_TIME_COLUMNS = {
  modelops_evaluations: ['evaluated_at'],
  modelops_monitoring_snapshots: ['window_start', 'window_end'],
  modelops_delivery_events: ['at'],
  modelops_scorecard_campaigns: ['due_date'],
  modelops_scorecard_waivers: ['expires_at'],
};

/** `YYYY-MM-DDTHH:mm:ss.sssZ` as a LIKE pattern. */
const FIXED_FORM_PATTERN = '____-__-__T__:__:__.___Z';
const EARLIEST = Date.parse('0000-01-01T00:00:00.000Z');
const LATEST = Date.parse('9999-12-31T23:59:59.999Z');

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  for (const [table, columns] of Object.entries(CLIENT_TIME_COLUMNS)) {
    for (const column of columns) {
      const rows = await knex(table)
        .select('id', column)
        .whereRaw('length(??) <> 24', [column])
        .orWhere(column, 'not like', FIXED_FORM_PATTERN);
      for (const row of rows) {
        const fixed = toFixedForm(String(row[column]));
        if (fixed !== undefined && fixed !== row[column]) {
          await knex(table)
            .where('id', row.id)
            .update({ [column]: fixed });
        }
      }
    }
  }
};

/**
 * Nothing to undo: the fixed form holds the same instants, except years
 * outside 0000 to 9999, which no version could read back as written.
 *
 * @param {import('knex').Knex} _knex
 */
exports.down = async function down(_knex) {};

/**
 * The fixed form of a time, clamped to the years 0000 to 9999; undefined
 * for text that is no time at all, which is left as it is.
 *
 * @param {string} text
 * @returns {string | undefined}
 */
function toFixedForm(text) {
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) return undefined;
  return new Date(Math.min(LATEST, Math.max(EARLIEST, ms))).toISOString();
}
