/*
 * CostRecordPolicy: the one set of money rules every way into the cost store
 * goes through (the records API, billing imports, OpenCost, the demo data).
 * An amount is finite, within `modelops.cost.maxRecordAmount`, below zero
 * only in the credit category, and in the reporting currency, converted
 * through `modelops.cost.exchangeRates` when a rate is configured and
 * refused otherwise, so that two currencies are never summed as one.
 */
import {
  CREDIT_COST_CATEGORY,
  type CostRecordInput,
} from '@modelops/plugin-modelops-common';
import { InputError } from '@backstage/errors';
import type { CostSettings } from './CostConfig';
import {
  amountToMicros,
  convertExact,
  type Exact,
  exactToMicros,
  microsToAmount,
  parseExact,
} from './money';
import type { StoredCostRecord } from './types';

/** A record before the money rules: its amount read exactly. */
export interface CostRecordDraft extends Omit<CostRecordInput, 'amount'> {
  source: string;
  amount: Exact;
}

/** The outcome of {@link CostRecordPolicy.check}: a record or the rules it broke. */
export type CostRecordCheck =
  | { record: StoredCostRecord; problems?: undefined }
  | { record?: undefined; problems: string[] };

/** Most problems one error message lists. */
const MAX_REPORTED_PROBLEMS = 20;

/**
 * The InputError of a write refused as a whole, listing the first problems.
 *
 * @param what names what was refused, for example `Invalid body`
 * @param options.total how many problems there are, when more than listed
 */
export function problemsError(
  what: string,
  problems: string[],
  options: { total?: number } = {},
): InputError {
  const total = Math.max(options.total ?? 0, problems.length);
  const shown = problems.slice(0, MAX_REPORTED_PROBLEMS).join('; ');
  const more =
    total > MAX_REPORTED_PROBLEMS
      ? ` (and ${total - MAX_REPORTED_PROBLEMS} more)`
      : '';
  return new InputError(`${what}: ${shown}${more}`);
}

/** Validates amounts and currencies of cost records. */
export class CostRecordPolicy {
  private readonly maxMicros: bigint;
  private readonly rates: Map<string, Exact>;

  private constructor(
    readonly currency: string,
    private readonly maxRecordAmount: number,
    exchangeRates: Record<string, number>,
  ) {
    this.maxMicros = amountToMicros(maxRecordAmount);
    this.rates = new Map(
      Object.entries(exchangeRates).map(([code, rate]) => [
        code,
        parseExact(String(rate))!,
      ]),
    );
  }

  static fromSettings(
    settings: Pick<
      CostSettings,
      'currency' | 'maxRecordAmount' | 'exchangeRates'
    >,
  ): CostRecordPolicy {
    return new CostRecordPolicy(
      settings.currency,
      settings.maxRecordAmount,
      settings.exchangeRates,
    );
  }

  /**
   * The amount in the reporting currency, or undefined when `currency` is
   * neither the reporting currency nor one with a configured rate.
   */
  toReportingCurrency(amount: Exact, currency: string): Exact | undefined {
    if (currency === this.currency) return amount;
    const rate = this.rates.get(currency);
    return rate === undefined ? undefined : convertExact(amount, rate);
  }

  /**
   * The rule a currency broke, or undefined when it can be stored; the
   * message leaves the field name to the caller.
   */
  currencyProblem(currency: string): string | undefined {
    if (currency === this.currency || this.rates.has(currency)) {
      return undefined;
    }
    const converted = [...this.rates.keys()];
    return `expected ${this.currency} (modelops.cost.currency)${
      converted.length
        ? ` or one of ${converted.join(', ')} (modelops.cost.exchangeRates)`
        : ''
    }, got '${currency}'`;
  }

  /**
   * The rule an amount (in micros of the reporting currency) broke, or
   * undefined when it can be stored; the message leaves the field name to
   * the caller.
   */
  amountProblem(micros: bigint, category: string): string | undefined {
    if (micros < 0n && category !== CREDIT_COST_CATEGORY) {
      return `must be zero or more unless the category is ${CREDIT_COST_CATEGORY}, got ${microsToAmount(
        micros,
      )}`;
    }
    if (micros > this.maxMicros || micros < -this.maxMicros) {
      return `must be within ±${this.maxRecordAmount} ${
        this.currency
      } (modelops.cost.maxRecordAmount), got ${microsToAmount(micros)}`;
    }
    return undefined;
  }

  /**
   * Applies the rules to one record. A converted record keeps the amount
   * and currency it was sent in beside the converted amount.
   */
  check(draft: CostRecordDraft): CostRecordCheck {
    const currencyProblem = this.currencyProblem(draft.currency);
    if (currencyProblem) {
      return { problems: [`currency: ${currencyProblem}`] };
    }
    const micros = exactToMicros(
      this.toReportingCurrency(draft.amount, draft.currency)!,
    );
    const amountProblem = this.amountProblem(micros, draft.category);
    if (amountProblem) {
      return { problems: [`amount: ${amountProblem}`] };
    }
    const { amount, currency, ...rest } = draft;
    const converted = currency !== this.currency;
    return {
      record: {
        ...rest,
        amountMicros: micros,
        currency: this.currency,
        originalCurrency: converted ? currency : undefined,
        originalAmountMicros: converted ? exactToMicros(amount) : undefined,
      },
    };
  }

  /**
   * Applies the rules to every record of a write that is stored whole or
   * not at all.
   *
   * @param what names what is refused in the error, for example `Invalid body`
   * @param drafts each with the path its problems are reported under, for
   *   example `records.3.`
   * @param problems rules the caller found broken already
   * @throws InputError listing every broken rule; then nothing is stored
   */
  checkAll(
    what: string,
    drafts: Array<{ path: string; draft: CostRecordDraft }>,
    problems: string[] = [],
  ): StoredCostRecord[] {
    const all = [...problems];
    const records: StoredCostRecord[] = [];
    for (const { path, draft } of drafts) {
      const result = this.check(draft);
      if (result.record) records.push(result.record);
      else all.push(...result.problems.map(problem => `${path}${problem}`));
    }
    if (all.length) {
      throw problemsError(what, all);
    }
    return records;
  }
}
