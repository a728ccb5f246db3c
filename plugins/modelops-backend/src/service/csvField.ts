/*
 * csvField: one CSV field, safe to open in a spreadsheet. Every CSV export
 * (portfolio, decision history) renders its fields here, so they share one
 * rule:
 *
 * - A text whose first character other than spaces is `=`, `+`, `-` or `@`,
 *   or that starts with a tab or carriage return, is prefixed with an
 *   apostrophe: spreadsheets run such text as a formula, and titles, notes
 *   and reasons come from YAML or forms anybody can edit. A plain decimal
 *   number such as `-12.50` is left alone, since it is read as a number.
 * - A field holding a quote, comma, semicolon, tab or line break is quoted
 *   (RFC 4180), so that a reader using `;` as the separator, as spreadsheets
 *   in many locales do, cannot split `Fraud;=1+1` into a formula field.
 */

const FORMULA_START = /^(?:[ ]*[=+\-@]|[\t\r])/;
const PLAIN_NUMBER = /^-?\d+(?:\.\d+)?$/;
const NEEDS_QUOTES = /[",;\t\r\n]/;

/** Renders one value as a CSV field; undefined is an empty field. */
export function csvField(value: string | number | boolean | undefined): string {
  if (value === undefined) {
    return '';
  }
  let text = String(value);
  if (
    typeof value === 'string' &&
    FORMULA_START.test(text) &&
    !PLAIN_NUMBER.test(text)
  ) {
    text = `'${text}`;
  }
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Renders a header and rows as CSV text with CRLF line ends. */
export function csvText(
  header: readonly string[],
  rows: Array<Array<string | number | boolean | undefined>>,
): string {
  const lines = [header.map(csvField).join(',')];
  for (const row of rows) {
    lines.push(row.map(csvField).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
