/*
 * money: exact decimal amounts. Billing exports carry amounts such as
 * 0.0000004167 or 1.2E-7 per line item, and a binary float sum of a million
 * of them drifts away from the sum the cloud bills. Amounts are therefore
 * read from their decimal text into integers: line items are summed in
 * units of 10^-12 (`Exact`), and a stored record keeps millionths of its
 * currency unit (`micros`), whatever the currency's minor unit is.
 */

/** Integer count of 10^-12 currency units; exact while summing line items. */
export type Exact = bigint;

/** Decimal digits kept while summing. */
const EXACT_DIGITS = 12;
/** Decimal digits kept in a stored amount: micros. */
const STORED_DIGITS = 6;
const MICROS_PER_UNIT = 1_000_000;
const EXACT_PER_MICRO = 10n ** BigInt(EXACT_DIGITS - STORED_DIGITS);
// Longer numbers are not amounts; refusing them bounds the work per cell.
const MAX_DIGITS = 40;
// Every finite double is written with an exponent within ±324, so any JSON
// number parses, and what no double can hold does not.
const MAX_EXPONENT = 324;

const DECIMAL = /^([+-])?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/** Divides a non-negative value and rounds half away from zero. */
function divideRounded(value: bigint, divisor: bigint): bigint {
  const quotient = value / divisor;
  return (value % divisor) * 2n >= divisor ? quotient + 1n : quotient;
}

function signed(negative: boolean, value: bigint): bigint {
  return negative ? -value : value;
}

/**
 * Reads a decimal number written as text (`12.5`, `-0.000001`, `1.2E-7`,
 * `+3`) exactly, rounding beyond 10^-12. Thousands separators, currency
 * symbols, `NaN`, `Infinity` and magnitudes no double can hold are not
 * numbers here.
 *
 * @returns undefined when the text is not a finite decimal number
 */
export function parseExact(text: string): Exact | undefined {
  const match = DECIMAL.exec(text.trim());
  if (!match) return undefined;
  const [, sign, whole = '', fraction = '', exponentText] = match;
  const digits = `${whole}${fraction}`.replace(/^0+(?=\d)/, '');
  const exponent = Number(exponentText ?? 0);
  if (
    digits.length === 0 ||
    digits.length > MAX_DIGITS ||
    Math.abs(exponent) > MAX_EXPONENT
  ) {
    return undefined;
  }
  // value = digits * 10^(exponent - fraction.length)
  const shift = exponent - fraction.length + EXACT_DIGITS;
  const magnitude =
    shift >= 0
      ? BigInt(digits) * 10n ** BigInt(shift)
      : divideRounded(BigInt(digits), 10n ** BigInt(-shift));
  return signed(sign === '-', magnitude);
}

/**
 * Reads a JSON number exactly as written: 0.1 is one tenth, not the binary
 * float nearest to it.
 *
 * @returns undefined for NaN and the infinities
 */
export function exactFromNumber(value: number): Exact | undefined {
  return Number.isFinite(value) ? parseExact(String(value)) : undefined;
}

/** Rounds an exact amount to micros, half away from zero. */
export function exactToMicros(value: Exact): bigint {
  return signed(
    value < 0n,
    divideRounded(value < 0n ? -value : value, EXACT_PER_MICRO),
  );
}

/** An amount in micros as the decimal number the API answers with. */
export function microsToAmount(micros: bigint | number | string): number {
  return Number(micros) / MICROS_PER_UNIT;
}

/** Micros for a bound given in currency units (from config). */
export function amountToMicros(amount: number): bigint {
  const exact = exactFromNumber(amount);
  if (exact === undefined) {
    throw new RangeError(`not a finite amount: ${amount}`);
  }
  return exactToMicros(exact);
}

/**
 * Multiplies by an exchange rate read with {@link parseExact}, keeping 10^-12.
 */
export function convertExact(value: Exact, rate: Exact): Exact {
  const product = value * rate;
  const scale = 10n ** BigInt(EXACT_DIGITS);
  return signed(
    product < 0n,
    divideRounded(product < 0n ? -product : product, scale),
  );
}

/** An exact amount as decimal text that {@link parseExact} reads back equal. */
export function exactToText(value: Exact): string {
  const negative = value < 0n;
  const digits = (negative ? -value : value)
    .toString()
    .padStart(EXACT_DIGITS + 1, '0');
  const whole = digits.slice(0, -EXACT_DIGITS);
  const fraction = digits.slice(-EXACT_DIGITS).replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}
