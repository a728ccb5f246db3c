/*
 * shippedCostFormats: the billing exports the cost imports read out of the
 * box, each a column mapping over the one import pipeline. Column names
 * follow each format's published column list:
 *
 * - FOCUS 1.0, 1.1 and 1.2 (FinOps Open Cost and Usage Specification), as
 *   AWS Data Exports, Azure Cost Management and Google Cloud export it.
 * - AWS Cost and Usage Report, legacy (`lineItem/UnblendedCost`, one column
 *   per tag `resourceTags/user:<key>`) and CUR 2.0 (`line_item_unblended_cost`,
 *   tags in the `resource_tags` map column).
 * - Google Cloud Billing export to BigQuery, written to CSV with nested
 *   fields dotted (`service.description`) or flattened (`service_description`)
 *   and `labels` and `credits` as JSON.
 * - Azure cost details (EA and MCA, actual or amortised), tags as JSON.
 * - The simple CSV of `modelops.cost.csv`.
 */
import {
  columnMappedCostFormat,
  type CostExportFormat,
  type CostRow,
} from '@modelops/plugin-modelops-node';
import type { CsvCostMapping } from '../CostConfig';
import { exactToText, parseExact } from '../money';

function isNegative(amount: string): boolean {
  const value = parseExact(amount);
  return value !== undefined && value < 0n;
}

function oneOf(value: string | undefined, names: ReadonlySet<string>) {
  return value !== undefined && names.has(value.toLowerCase());
}

/** FOCUS: every cloud's native export. EffectiveCost (amortised) counts by default. */
export const focusFormat: CostExportFormat = columnMappedCostFormat({
  id: 'focus',
  title: 'FOCUS',
  required: [
    'ChargePeriodStart',
    'ChargePeriodEnd',
    'BilledCost',
    'BillingCurrency',
    'ChargeCategory',
  ],
  distinctive: [
    'EffectiveCost',
    'ListCost',
    'ContractedCost',
    'ChargeClass',
    'ServiceName',
    'SkuId',
    'ConsumedQuantity',
  ],
  // Told apart by the columns each version introduced.
  versions: [
    {
      version: 'FOCUS 1.2',
      anyOf: [
        'InvoiceId',
        'PricingCurrency',
        'PricingCurrencyEffectiveCost',
        'PricingCurrencyListUnitPrice',
        'PricingCurrencyContractedUnitPrice',
      ],
    },
    {
      version: 'FOCUS 1.1',
      anyOf: [
        'ServiceSubcategory',
        'SkuMeter',
        'SkuPriceDetails',
        'CapacityReservationId',
        'CommitmentDiscountQuantity',
        'CommitmentDiscountUnit',
      ],
    },
    { version: 'FOCUS 1.0', anyOf: [] },
  ],
  fields: {
    start: 'ChargePeriodStart',
    end: 'ChargePeriodEnd',
    currency: 'BillingCurrency',
    chargeType: 'ChargeCategory',
    service: 'ServiceName',
    sku: ['SkuMeter', 'SkuId'],
    // FOCUS has no usage type; the providers' extension columns and the
    // charge description are what category rules can match instead.
    usageType: [
      'x_UsageType',
      'x_SkuMeterSubcategory',
      'x_SkuDescription',
      'ChargeDescription',
    ],
    usageQuantity: 'ConsumedQuantity',
    usageUnit: 'ConsumedUnit',
    resourceId: 'ResourceId',
  },
  amounts: {
    effective: {
      description:
        'EffectiveCost: amortised, after negotiated and commitment discounts',
      column: 'EffectiveCost',
    },
    billed: {
      description: 'BilledCost: as invoiced, upfront fees when paid',
      column: 'BilledCost',
    },
    list: {
      description: 'ListCost: at public list prices',
      column: 'ListCost',
    },
    contracted: {
      description: 'ContractedCost: at negotiated prices',
      column: 'ContractedCost',
    },
  },
  defaultAmount: 'effective',
  tags: [{ column: 'Tags' }],
  // Credits, and corrections that give money back (a refund of an earlier
  // period's charge is a negative correction).
  credit: (row, amount) =>
    row.get('ChargeCategory')?.toLowerCase() === 'credit' ||
    (isNegative(amount) &&
      (row.get('ChargeClass')?.toLowerCase() === 'correction' ||
        row.get('ChargeCategory')?.toLowerCase() === 'adjustment')),
});

const CUR = {
  start: ['lineItem/UsageStartDate', 'line_item_usage_start_date'],
  end: ['lineItem/UsageEndDate', 'line_item_usage_end_date'],
  type: ['lineItem/LineItemType', 'line_item_line_item_type'],
  unblended: ['lineItem/UnblendedCost', 'line_item_unblended_cost'],
  blended: ['lineItem/BlendedCost', 'line_item_blended_cost'],
  netUnblended: ['lineItem/NetUnblendedCost', 'line_item_net_unblended_cost'],
  spEffective: [
    'savingsPlan/SavingsPlanEffectiveCost',
    'savings_plan_savings_plan_effective_cost',
  ],
  spCommitment: [
    'savingsPlan/TotalCommitmentToDate',
    'savings_plan_total_commitment_to_date',
  ],
  spUsed: ['savingsPlan/UsedCommitment', 'savings_plan_used_commitment'],
  riEffective: ['reservation/EffectiveCost', 'reservation_effective_cost'],
  riUnusedUpfront: [
    'reservation/UnusedAmortizedUpfrontFeeForBillingPeriod',
    'reservation_unused_amortized_upfront_fee_for_billing_period',
  ],
  riUnusedRecurring: [
    'reservation/UnusedRecurringFee',
    'reservation_unused_recurring_fee',
  ],
  riArn: ['reservation/ReservationARN', 'reservation_reservation_a_r_n'],
} as const;

// Adds and subtracts amounts written as decimal text, exactly. A cell that
// is not a number is returned as it is, so that the row is rejected naming it.
function combine(
  add: Array<string | undefined>,
  subtract: Array<string | undefined> = [],
): string {
  let total = 0n;
  for (const [sign, texts] of [
    [1n, add],
    [-1n, subtract],
  ] as const) {
    for (const text of texts) {
      if (text === undefined) continue;
      const value = parseExact(text);
      if (value === undefined) return text;
      total += sign * value;
    }
  }
  return exactToText(total);
}

/**
 * The amortised cost of a CUR line, by AWS's documented rule: usage covered
 * by a Savings Plan or a reservation costs its effective cost, the unused
 * part of a commitment is charged as its recurring or amortised fee, and the
 * upfront payments and the Savings Plan negations count nothing (their
 * money is spread over the covered usage instead).
 */
function curAmortized(row: CostRow): string | undefined {
  switch (row.get(CUR.type)) {
    case 'SavingsPlanCoveredUsage':
      return row.get(CUR.spEffective) ?? '0';
    case 'SavingsPlanRecurringFee':
      return combine([row.get(CUR.spCommitment)], [row.get(CUR.spUsed)]);
    case 'SavingsPlanNegation':
    case 'SavingsPlanUpfrontFee':
      return '0';
    case 'DiscountedUsage':
      return row.get(CUR.riEffective) ?? '0';
    case 'RIFee':
      return combine([
        row.get(CUR.riUnusedUpfront),
        row.get(CUR.riUnusedRecurring),
      ]);
    case 'Fee':
      // An upfront reservation payment: amortised into DiscountedUsage.
      return row.get(CUR.riArn) ? '0' : row.get(CUR.unblended);
    default:
      return row.get(CUR.unblended);
  }
}

const CUR_CREDITS = new Set(
  [
    'Credit',
    'Refund',
    'BundledDiscount',
    'Discount',
    'EdpDiscount',
    'PrivateRateDiscount',
    'DistributorDiscount',
    'SppDiscount',
    'SavingsPlanNegation',
  ].map(type => type.toLowerCase()),
);

/** AWS Cost and Usage Report, legacy and 2.0 column names. */
export const awsCurFormat: CostExportFormat = columnMappedCostFormat({
  id: 'aws-cur',
  title: 'AWS Cost and Usage Report',
  required: [CUR.start, CUR.unblended, CUR.type],
  distinctive: [
    ['identity/LineItemId', 'identity_line_item_id'],
    ['bill/PayerAccountId', 'bill_payer_account_id'],
    ['lineItem/ProductCode', 'line_item_product_code'],
    ['lineItem/UsageType', 'line_item_usage_type'],
  ],
  versions: [
    {
      version: 'CUR 2.0',
      anyOf: [
        'line_item_usage_start_date',
        'line_item_unblended_cost',
        'resource_tags',
      ],
    },
    { version: 'CUR (legacy)', anyOf: [] },
  ],
  fields: {
    start: CUR.start,
    end: CUR.end,
    currency: ['lineItem/CurrencyCode', 'line_item_currency_code'],
    chargeType: CUR.type,
    service: [
      'product/ProductName',
      'product_product_name',
      'lineItem/ProductCode',
      'line_item_product_code',
    ],
    sku: ['product/sku', 'product_sku'],
    usageType: ['lineItem/UsageType', 'line_item_usage_type'],
    usageQuantity: ['lineItem/UsageAmount', 'line_item_usage_amount'],
    usageUnit: ['pricing/unit', 'pricing_unit'],
    resourceId: ['lineItem/ResourceId', 'line_item_resource_id'],
  },
  amounts: {
    amortized: {
      description:
        'amortised: Savings Plan and reservation effective cost for covered usage, unused commitment fees, upfront fees spread (AWS rule over lineItem/LineItemType)',
      columns: [CUR.unblended, CUR.type],
      value: curAmortized,
    },
    unblended: {
      description: 'lineItem/UnblendedCost: as invoiced to each account',
      column: CUR.unblended,
    },
    netUnblended: {
      description: 'lineItem/NetUnblendedCost: unblended after discounts',
      column: CUR.netUnblended,
    },
    blended: {
      description:
        'lineItem/BlendedCost: averaged rates across the organisation',
      column: CUR.blended,
    },
  },
  defaultAmount: 'amortized',
  tags: [
    // Legacy: one column per tag, `resourceTags/user:team`.
    { prefix: 'resourceTags/' },
    // CUR 2.0: a JSON map, `{"user_team": "ml"}`.
    { column: 'resource_tags' },
    // CUR queried through Athena and saved as CSV: `resource_tags_user_team`.
    { prefix: 'resource_tags_' },
  ],
  credit: row => oneOf(row.get(CUR.type), CUR_CREDITS),
});

const GCP = {
  start: 'usage_start_time',
  serviceDescription: ['service.description', 'service_description'],
  skuDescription: ['sku.description', 'sku_description'],
} as const;

/** Google Cloud Billing export (standard usage cost), to CSV. */
export const gcpBillingFormat: CostExportFormat = columnMappedCostFormat({
  id: 'gcp-billing',
  title: 'Google Cloud Billing export',
  required: [GCP.start, 'cost', 'currency'],
  distinctive: [
    GCP.serviceDescription,
    GCP.skuDescription,
    'billing_account_id',
    ['project.id', 'project_id'],
    'cost_type',
    'credits',
    ['invoice.month', 'invoice_month'],
  ],
  fields: {
    start: GCP.start,
    end: 'usage_end_time',
    currency: 'currency',
    chargeType: 'cost_type',
    service: GCP.serviceDescription,
    sku: GCP.skuDescription,
    usageQuantity: ['usage.amount', 'usage_amount'],
    usageUnit: ['usage.unit', 'usage_unit'],
    resourceId: [
      'resource.global_name',
      'resource_global_name',
      'resource.name',
      'resource_name',
    ],
  },
  amounts: {
    cost: {
      description:
        'cost, with each entry of credits (committed use and sustained use discounts, promotions) as a credit line',
      column: 'cost',
    },
    list: {
      description: 'cost_at_list: at list prices, credits as credit lines',
      column: 'cost_at_list',
    },
  },
  defaultAmount: 'cost',
  // Project labels first: a resource's own labels win over its project's.
  tags: [
    { column: ['project.labels', 'project_labels'] },
    { column: 'labels' },
  ],
  creditsColumn: 'credits',
  credit: (row, amount) =>
    isNegative(amount) &&
    oneOf(row.get('cost_type'), new Set(['adjustment', 'rounding_error'])),
});

/** Azure cost details (Cost Management exports, EA and MCA). */
export const azureCostFormat: CostExportFormat = columnMappedCostFormat({
  id: 'azure-cost',
  title: 'Azure cost details',
  required: [
    ['date', 'UsageDate'],
    ['costInBillingCurrency', 'Cost', 'PreTaxCost'],
    ['billingCurrency', 'billingCurrencyCode', 'Currency'],
  ],
  distinctive: [
    'meterCategory',
    ['subscriptionId', 'SubscriptionGuid'],
    ['resourceGroupName', 'ResourceGroup'],
    'chargeType',
    'consumedService',
    'meterId',
    'unitOfMeasure',
  ],
  fields: {
    start: ['date', 'UsageDate'],
    currency: ['billingCurrency', 'billingCurrencyCode', 'Currency'],
    chargeType: 'chargeType',
    service: ['meterCategory', 'serviceFamily', 'consumedService'],
    sku: ['ProductName', 'product', 'meterName'],
    usageType: ['meterSubCategory', 'meterName'],
    usageQuantity: ['quantity', 'UsageQuantity'],
    usageUnit: 'unitOfMeasure',
    resourceId: ['ResourceId', 'InstanceId'],
  },
  amounts: {
    billed: {
      description:
        'costInBillingCurrency: actual cost, or amortised in an amortised-cost export',
      column: ['costInBillingCurrency', 'Cost', 'PreTaxCost'],
    },
    payg: {
      description: 'paygCostInBillingCurrency: at pay-as-you-go prices',
      column: 'paygCostInBillingCurrency',
    },
  },
  defaultAmount: 'billed',
  tags: [{ column: 'tags' }],
  // EA exports write US dates (10/01/2026); MCA exports ISO ones.
  monthFirstDates: true,
  credit: (row, amount) =>
    row.get('chargeType')?.toLowerCase() === 'refund' ||
    (isNegative(amount) &&
      oneOf(
        row.get('chargeType'),
        new Set(['adjustment', 'roundingadjustment']),
      )),
});

/** Id of the simple CSV format configured by `modelops.cost.csv`. */
export const SIMPLE_CSV_FORMAT_ID = 'modelops-csv';

/** The simple CSV format, with the columns `modelops.cost.csv` names. */
export function simpleCsvFormat(mapping: CsvCostMapping): CostExportFormat {
  return columnMappedCostFormat({
    id: SIMPLE_CSV_FORMAT_ID,
    title: 'ModelOps CSV',
    required: [mapping.dateColumn, mapping.amountColumn],
    distinctive: [
      mapping.tagsColumn,
      ...(mapping.currencyColumn ? [mapping.currencyColumn] : []),
      ...(mapping.categoryColumn ? [mapping.categoryColumn] : []),
    ],
    fields: {
      start: mapping.dateColumn,
      currency: mapping.currencyColumn,
      usageQuantity: mapping.usageColumn,
      category: mapping.categoryColumn ?? 'category',
    },
    amounts: {
      cost: {
        description: `${mapping.amountColumn} (modelops.cost.csv.amountColumn)`,
        column: mapping.amountColumn,
      },
    },
    defaultAmount: 'cost',
    tags: [{ column: mapping.tagsColumn }],
    defaultUsageUnit: mapping.usageUnit,
    credit: row =>
      row.get(mapping.categoryColumn ?? 'category')?.toLowerCase() === 'credit',
  });
}

/** The shipped formats, the simple CSV one with the configured columns. */
export function shippedCostFormats(csv: CsvCostMapping): CostExportFormat[] {
  return [
    focusFormat,
    awsCurFormat,
    gcpBillingFormat,
    azureCostFormat,
    simpleCsvFormat(csv),
  ];
}
