/*
 * buildPortfolio: the quarterly portfolio review of every production model:
 * its KPIs (spec.kpis), scorecard standing, last month's spend and the latest
 * ownership decision, with the reasons it is a retirement candidate. All
 * sources are read in bulk for the whole page of models.
 */
import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type { JsonObject } from '@backstage/types';
import type {
  PortfolioKpi,
  PortfolioReview,
  PortfolioRow,
} from '@modelops/plugin-modelops-common';
import type { Knex } from 'knex';
import { DatabaseCostStore } from '../cost/DatabaseCostStore';
import { entityRefOf, ownerRefOf } from '../service/CatalogMembership';
import type { ReviewCatalog } from './ReviewCatalog';
import { readScorecardLevels } from './readScorecardLevels';
import type { ReviewStore } from './types';

/** What {@link buildPortfolio} reads from. */
export interface BuildPortfolioOptions {
  database: Knex;
  reviewCatalog: ReviewCatalog;
  store: ReviewStore;
  /** The caller's credentials: the portfolio lists what the caller may read. */
  credentials: BackstageCredentials;
  /** Refs (lower case) of the given models whose cost the caller may read. */
  costReadable(models: Entity[]): Promise<Set<string>>;
  now: Date;
}

function kpisOf(entity: Entity): PortfolioKpi[] {
  const kpis = entity.spec?.kpis;
  if (!Array.isArray(kpis)) {
    return [];
  }
  const kpiObjects = kpis.filter(
    (k): k is JsonObject =>
      typeof k === 'object' && k !== null && !Array.isArray(k),
  );
  return kpiObjects
    .filter(k => typeof k.name === 'string')
    .map(k => ({
      name: String(k.name),
      target:
        k.target === undefined || k.target === null
          ? undefined
          : String(k.target),
      businessOutcome:
        typeof k.businessOutcome === 'string' ? k.businessOutcome : undefined,
    }));
}

/** The last full calendar month before `now`, as a day range and label. */
export function lastFullMonth(now: Date): {
  month: string;
  from: string;
  to: string;
} {
  const first = new Date(
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1),
  );
  const last = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 0));
  return {
    month: first.toISOString().slice(0, 7),
    from: first.toISOString().slice(0, 10),
    to: last.toISOString().slice(0, 10),
  };
}

/** Builds the portfolio review of production models. */
export async function buildPortfolio(
  options: BuildPortfolioOptions,
): Promise<PortfolioReview> {
  const { reviewCatalog, store, database, now } = options;
  const models = await reviewCatalog.queryAll(
    { kind: 'MLModel', 'spec.lifecycle': 'production' },
    options.credentials,
  );
  const refs = models.map(entityRefOf);
  const month = lastFullMonth(now);
  const readable = await options.costReadable(models);
  const [decisions, standings, costs] = await Promise.all([
    store.latestDecisions(refs),
    readScorecardLevels(database, refs),
    readable.size > 0
      ? DatabaseCostStore.create({ database }).monthlyCosts(
          { from: month.from, to: month.to },
          [...readable],
        )
      : Promise.resolve([]),
  ]);
  const spend = new Map<string, number>();
  for (const cost of costs) {
    const ref = cost.entityRef.toLocaleLowerCase('en-US');
    spend.set(ref, (spend.get(ref) ?? 0) + cost.amount);
  }

  const rows: PortfolioRow[] = models.map((model, index) => {
    const ref = refs[index];
    const kpis = kpisOf(model);
    const decision = decisions.get(ref);
    const standing = standings.get(ref);
    const reasons: string[] = [];
    if (decision?.action === 'retire') {
      reasons.push('owners decided to retire it');
    }
    if (kpis.length === 0) {
      reasons.push('no KPI ties it to a business outcome');
    }
    if (standing?.level === 'none') {
      reasons.push('fails a bronze scorecard check');
    }
    const businessOwner = model.spec?.businessOwner;
    return {
      entityRef: ref,
      title: model.metadata.title,
      owner: ownerRefOf(model),
      businessOwner:
        typeof businessOwner === 'string' ? businessOwner : undefined,
      riskTier: (model.spec?.risk as { tier?: string } | undefined)?.tier,
      kpis,
      scorecardScore: standing?.score,
      scorecardLevel: standing?.level,
      monthlyCost: readable.has(ref) ? spend.get(ref) ?? 0 : undefined,
      costMonth: readable.has(ref) ? month.month : undefined,
      latestDecision:
        decision?.action === 'accept-transfer' ? undefined : decision?.action,
      decidedAt: decision?.createdAt,
      decidedBy: decision?.actor,
      retirementReasons: reasons,
    };
  });
  rows.sort((a, b) => a.entityRef.localeCompare(b.entityRef, 'en'));
  return { generatedAt: now.toISOString(), rows };
}
