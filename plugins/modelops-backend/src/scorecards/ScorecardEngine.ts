import { createHash } from 'node:crypto';
import type {
  AuthService,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  parseEntityRef,
  stringifyEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  checkApplies,
  scoreEntity,
  type CheckStateChange,
  type EntityFacts,
  type RuleOutcome,
  type ScorecardEvaluation,
} from '@modelops/plugin-modelops-common';
import type {
  ModelopsCheck,
  ModelopsFactProvider,
} from '@modelops/plugin-modelops-node';
import { normalizeEntityRef } from '../service/CatalogMembership';
import { chunks } from '../service/chunks';
import type {
  EvaluationBatch,
  ScorecardStore,
  ScoredEntityRow,
  StoredCheckResult,
} from './types';

/** A pass-to-fail change with the entity's fields, for campaign notifications. */
export interface Regression {
  change: CheckStateChange;
  entity: ScoredEntityRow;
}

/** What one evaluated page produced. */
export interface PageEvaluation {
  results: number;
  changed: number;
  regressions: Regression[];
}

/** Evaluates checks over catalog entities and stores results with history. */
export interface ScorecardEngine {
  /** Every registered check, in registration order. */
  listChecks(): ModelopsCheck[];
  /** Evaluates every MLModel and Dataset, page by page. */
  evaluateAll(): Promise<ScorecardEvaluation>;
  /** Evaluates one entity; NotFoundError when the catalog does not have it. */
  evaluateEntity(entityRef: string): Promise<ScorecardEvaluation>;
  /**
   * Evaluates the entities that changed since the previous call: in the
   * catalog (an etag other than the one last evaluated, or never evaluated)
   * or in their facts (fact providers' `changedSince`, waivers decided or
   * expired). More than `maxEntities` changes are left to the next full run.
   */
  evaluateChanged(): Promise<ChangedEvaluation>;
  /**
   * Evaluates and stores one page of entities (facts in bulk, one
   * transaction); with `deferSummary` the caller recomputes the summaries
   * after its last page.
   */
  evaluatePage(
    entities: Entity[],
    now: Date,
    options?: { deferSummary?: boolean },
  ): Promise<PageEvaluation>;
}

/** What {@link ScorecardEngine.evaluateChanged} did. */
export interface ChangedEvaluation extends ScorecardEvaluation {
  /** Entities found changed. */
  found: number;
  /** True when more than `maxEntities` changed and none was evaluated. */
  deferred: boolean;
}

/** Options of {@link DefaultScorecardEngine.create}. */
export interface ScorecardEngineOptions {
  store: ScorecardStore;
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
  checks: ModelopsCheck[];
  factProviders: ModelopsFactProvider[];
  /** Entities per catalog page and per fact query; default 500. */
  pageSize?: number;
  /**
   * Most entities one change evaluation takes on; beyond it (a catalog-wide
   * change, a first start) the full run is the cheaper way. Default 5,000.
   */
  maxChangedEntities?: number;
  /** Called after a full run with its regressions (campaign notifications). */
  onRegressions?: (regressions: Regression[], now: Date) => Promise<void>;
  /**
   * Days of history the first full evaluation replays before today's
   * (`modelops.scorecards.backfillDays`); 0 or unset: none.
   */
  backfillDays?: number;
  /** Clock, replaceable in tests. */
  now?: () => Date;
}

const KINDS = ['MLModel', 'Dataset'];
const DAY_MS = 24 * 60 * 60 * 1000;
/** Fields the change scan reads from the catalog: enough for a ref and the etag. */
const CHANGE_SCAN_FIELDS = [
  'kind',
  'metadata.namespace',
  'metadata.name',
  'metadata.etag',
];
/** Watermark of {@link ScorecardEngine.evaluateChanged}. */
const CHANGES_WATERMARK = 'scorecards.changes';
/**
 * How far before its watermark the change scan asks fact sources: replicas'
 * clocks differ a little, and evaluating an entity twice costs less than
 * missing a change.
 */
const CLOCK_SKEW_MS = 60_000;

function refOrUndefined(
  value: unknown,
  defaultKind: string,
  namespace: string,
): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  try {
    return stringifyEntityRef(
      parseEntityRef(value, { defaultKind, defaultNamespace: namespace }),
    );
  } catch {
    return undefined;
  }
}

/** Whether a stored result says what a new one says. */
function sameResult(
  stored: StoredCheckResult,
  outcome: StoredCheckResult,
): boolean {
  return (
    stored.state === outcome.state &&
    stored.message === outcome.message &&
    stored.level === outcome.level &&
    stored.severity === outcome.severity &&
    stored.pack === outcome.pack
  );
}

function safeEvaluate(
  check: ModelopsCheck,
  entity: Entity,
  facts: EntityFacts,
  now: Date,
): RuleOutcome {
  try {
    return check.evaluate({ entity, facts, now });
  } catch (error) {
    // A broken custom check fails on the entity, with the reason, instead
    // of aborting the evaluation of every other check.
    return {
      passed: false,
      message: `check could not be evaluated: ${String(error)}`,
    };
  }
}

/** The default {@link ScorecardEngine}. */
export class DefaultScorecardEngine implements ScorecardEngine {
  private readonly pageSize: number;
  private readonly maxChangedEntities: number;
  private readonly now: () => Date;
  private backfill?: Promise<void>;

  private constructor(private readonly options: ScorecardEngineOptions) {
    this.pageSize = options.pageSize ?? 500;
    this.maxChangedEntities = options.maxChangedEntities ?? 5000;
    this.now = options.now ?? (() => new Date());
  }

  static create(options: ScorecardEngineOptions): DefaultScorecardEngine {
    const seen = new Set<string>();
    for (const check of options.checks) {
      if (seen.has(check.id)) {
        throw new Error(`Scorecard check id ${check.id} is registered twice`);
      }
      seen.add(check.id);
    }
    const providerIds = new Set<string>(['entity']);
    for (const provider of options.factProviders) {
      if (providerIds.has(provider.id)) {
        throw new Error(
          `Fact provider id ${provider.id} is registered twice or reserved`,
        );
      }
      providerIds.add(provider.id);
    }
    return new DefaultScorecardEngine(options);
  }

  listChecks(): ModelopsCheck[] {
    return this.options.checks;
  }

  async evaluateAll(): Promise<ScorecardEvaluation> {
    const now = this.now();
    // One replay per process, however many evaluations ask at once.
    this.backfill ??= this.backfillHistory(now);
    await this.backfill;
    return this.evaluateAllAt(now, { notify: true });
  }

  /**
   * Replays the configured number of past days when no daily point is
   * stored yet: each day is a full evaluation as of the end of that day,
   * so fact providers read what was recorded by then (they take
   * `context.now` as their as-of) and the results, transitions, level
   * changes and daily points are those the scorecards would have shown.
   * Nobody is notified of what a replayed day finds.
   */
  private async backfillHistory(now: Date): Promise<void> {
    const days = this.options.backfillDays ?? 0;
    const { store, logger } = this.options;
    if (days <= 0) return;
    if ((await store.getTrend('all', 'all', '0000-01-01')).length > 0) return;
    const startedAt = Date.now();
    const startOfToday = Date.UTC(
      now.getUTCFullYear(),
      now.getUTCMonth(),
      now.getUTCDate(),
    );
    try {
      for (let back = days; back >= 1; back -= 1) {
        const endOfDay = new Date(startOfToday - (back - 1) * DAY_MS - 1);
        await this.evaluateAllAt(endOfDay, { notify: false });
      }
    } catch (error) {
      // Today's evaluation goes on; the days replayed so far stay.
      logger.error(`Scorecard history replay stopped: ${error}`);
      return;
    }
    logger.info(
      `Scorecard history of the ${days} days before today replayed in ${
        Date.now() - startedAt
      } ms`,
    );
  }

  private async evaluateAllAt(
    now: Date,
    options: { notify: boolean },
  ): Promise<ScorecardEvaluation> {
    const startedAt = Date.now();
    const credentials = await this.options.auth.getOwnServiceCredentials();
    const totals = { entities: 0, results: 0, changed: 0 };
    const regressions: Regression[] = [];
    let failedPages = 0;
    let cursor: string | undefined;
    do {
      const page = await this.options.catalog.queryEntities(
        cursor
          ? { cursor, limit: this.pageSize }
          : { filter: { kind: KINDS }, limit: this.pageSize },
        { credentials },
      );
      try {
        const result = await this.evaluatePage(page.items, now, {
          deferSummary: true,
        });
        totals.entities += page.items.length;
        totals.results += result.results;
        totals.changed += result.changed;
        regressions.push(...result.regressions);
      } catch (error) {
        // One page failing (a fact source down) keeps that page's previous
        // results; the other pages still move on.
        failedPages += 1;
        this.options.logger.error(
          `Scorecard evaluation of a page failed: ${error}`,
        );
      }
      cursor = page.pageInfo.nextCursor;
    } while (cursor);

    if (failedPages === 0) {
      const removed = await this.options.store.deleteEntitiesEvaluatedBefore(
        now.toISOString(),
      );
      if (removed > 0) {
        this.options.logger.info(
          `Forgot scorecards of ${removed} entities no longer in the catalog`,
        );
      }
    }
    // The pages left the summaries alone: one recompute here costs less
    // than moving them with every page. Until it commits the summaries show
    // the previous run (and single-entity evaluations since).
    await this.options.store.rebuildSummary();
    await this.options.store.writeDailySnapshot(
      now.toISOString().slice(0, 10),
      now.toISOString(),
    );
    if (options.notify && this.options.onRegressions) {
      await this.options.onRegressions(regressions, now);
    }
    return { ...totals, durationMs: Date.now() - startedAt };
  }

  async evaluateEntity(entityRef: string): Promise<ScorecardEvaluation> {
    const startedAt = Date.now();
    const entity = await this.options.catalog.getEntityByRef(entityRef, {
      credentials: await this.options.auth.getOwnServiceCredentials(),
    });
    if (!entity || !KINDS.includes(entity.kind)) {
      throw new NotFoundError(
        `No MLModel or Dataset ${entityRef} in the catalog`,
      );
    }
    const now = this.now();
    const result = await this.evaluatePage([entity], now);
    if (this.options.onRegressions) {
      await this.options.onRegressions(result.regressions, now);
    }
    return {
      entities: 1,
      results: result.results,
      changed: result.changed,
      durationMs: Date.now() - startedAt,
    };
  }

  async evaluateChanged(): Promise<ChangedEvaluation> {
    const startedAt = Date.now();
    const now = this.now();
    const { store, catalog, logger } = this.options;
    const watermark = await store.getWatermark(CHANGES_WATERMARK);
    const credentials = await this.options.auth.getOwnServiceCredentials();
    const changed = await this.findChanged(watermark, now, credentials);

    const totals = { entities: 0, results: 0, changed: 0 };
    const deferred = changed.size > this.maxChangedEntities;
    if (deferred) {
      logger.info(
        `${changed.size} entities changed, more than ${this.maxChangedEntities}: left to the next full scorecard evaluation`,
      );
    } else {
      const regressions: Regression[] = [];
      for (const entityRefs of chunks([...changed.values()], this.pageSize)) {
        const { items } = await catalog.getEntitiesByRefs(
          { entityRefs },
          { credentials },
        );
        // Entities deleted since come back empty; the full run forgets them.
        const entities = items.filter(
          (e): e is Entity => !!e && KINDS.includes(e.kind),
        );
        const result = await this.evaluatePage(entities, now);
        totals.entities += entities.length;
        totals.results += result.results;
        totals.changed += result.changed;
        regressions.push(...result.regressions);
      }
      if (this.options.onRegressions && regressions.length > 0) {
        await this.options.onRegressions(regressions, now);
      }
    }
    await store.setWatermark(CHANGES_WATERMARK, now.toISOString());
    return {
      ...totals,
      found: changed.size,
      deferred,
      durationMs: Date.now() - startedAt,
    };
  }

  /**
   * The entities that changed in the catalog (an etag other than the one
   * last evaluated, or never evaluated) and, given the previous scan's
   * watermark, in their facts since then: refs keyed by their lower-cased
   * form.
   */
  private async findChanged(
    watermark: string | undefined,
    now: Date,
    credentials: BackstageCredentials,
  ): Promise<Map<string, string>> {
    const { store, catalog } = this.options;
    // Keyed by the lower-cased ref: fact sources hold refs lower-cased, the
    // catalog keeps the case of names, and an entity counts once.
    const changed = new Map<string, string>();
    const add = (ref: string) => {
      const key = normalizeEntityRef(ref);
      if (!changed.has(key)) changed.set(key, ref);
    };
    // Catalog changes: one light page query per page, and one etag lookup.
    let cursor: string | undefined;
    do {
      const page = await catalog.queryEntities(
        cursor
          ? { cursor, limit: this.pageSize, fields: CHANGE_SCAN_FIELDS }
          : {
              filter: { kind: KINDS },
              limit: this.pageSize,
              fields: CHANGE_SCAN_FIELDS,
            },
        { credentials },
      );
      const refs = page.items.map(e => stringifyEntityRef(e));
      const stamps = await store.getEvaluationStamps(refs);
      page.items.forEach((entity, i) => {
        const stamp = stamps.get(refs[i]);
        // Rows evaluated before etags were kept (null) wait for a full run.
        if (
          !stamp ||
          (stamp.etag !== null && stamp.etag !== entity.metadata.etag)
        ) {
          add(refs[i]);
        }
      });
      cursor = page.pageInfo.nextCursor;
    } while (cursor);
    // Fact changes since the previous scan; the first scan has no baseline
    // and leaves them to the full run.
    if (watermark) {
      const since = new Date(Date.parse(watermark) - CLOCK_SKEW_MS);
      const answers = await Promise.all([
        ...this.options.factProviders.map(
          p => p.changedSince?.(since, { now }) ?? [],
        ),
        store.getWaiverChangesSince(since.toISOString(), now.toISOString()),
      ]);
      for (const refs of answers) for (const ref of refs) add(ref);
    }

    return changed;
  }

  private async gatherFacts(
    entities: Entity[],
    refs: string[],
    now: Date,
  ): Promise<Map<string, EntityFacts>> {
    const facts = new Map<string, EntityFacts>();
    entities.forEach((entity, i) => facts.set(refs[i], { entity }));
    const answers = await Promise.all(
      this.options.factProviders.map(async p => ({
        id: p.id,
        facts: await p.getFacts(entities, { now }),
      })),
    );
    for (const { id, facts: byEntity } of answers) {
      for (const [ref, value] of byEntity) {
        const entityFacts = facts.get(ref);
        if (entityFacts) entityFacts[id] = value;
      }
    }
    return facts;
  }

  async evaluatePage(
    entities: Entity[],
    now: Date,
    options?: { deferSummary?: boolean },
  ): Promise<PageEvaluation> {
    if (entities.length === 0)
      return { results: 0, changed: 0, regressions: [] };
    const nowIso = now.toISOString();
    const refs = entities.map(e => stringifyEntityRef(e));
    const { store } = this.options;
    const [facts, stamps, waivers] = await Promise.all([
      this.gatherFacts(entities, refs, now),
      store.getEvaluationStamps(refs),
      store.getActiveWaivers(refs, nowIso),
    ]);
    const evaluated = entities.map((entity, i) => {
      const own = this.evaluateEntityChecks(
        refs[i],
        entity,
        facts.get(refs[i])!,
        now,
      );
      const stamp = stamps.get(refs[i]);
      return {
        ...own,
        changed: stamp?.resultsDigest !== own.digest,
        evaluatedBefore: stamp !== undefined,
      };
    });
    // Only entities whose outcome differs from what is stored need their
    // stored results, to tell what changed: in a steady catalog that is a
    // few, so an unchanged run reads almost nothing back. An entity never
    // evaluated has none (results are written and forgotten with its row).
    const differs = refs.filter(
      (_, i) => evaluated[i].changed && evaluated[i].evaluatedBefore,
    );
    const existing =
      differs.length > 0
        ? await store.getResults(differs)
        : new Map<string, StoredCheckResult[]>();

    const batch: EvaluationBatch = {
      entities: [],
      upserts: [],
      removals: [],
      changes: [],
      deferSummary: options?.deferSummary,
    };
    const regressions: Regression[] = [];
    let results = 0;
    entities.forEach((entity, i) => {
      const entityRef = refs[i];
      const { outcomes, digest, changed } = evaluated[i];
      results += outcomes.length;
      const entityChanges: CheckStateChange[] = [];
      if (changed) {
        const previous = new Map<string, StoredCheckResult>(
          existing.get(entityRef)?.map(r => [r.checkId, r]),
        );
        for (const outcome of outcomes) {
          const before = previous.get(outcome.checkId);
          previous.delete(outcome.checkId);
          if (before && sameResult(before, outcome)) continue;
          // The state holds since it last changed: keep that time.
          if (before?.state === outcome.state) {
            outcome.changedAt = before.changedAt;
          }
          batch.upserts.push(outcome);
          if (before?.state !== outcome.state) {
            entityChanges.push({
              entityRef,
              checkId: outcome.checkId,
              from: before?.state,
              to: outcome.state,
              at: nowIso,
            });
          }
        }
        for (const stale of previous.keys()) {
          batch.removals.push({ entityRef, checkId: stale });
        }
      }

      const entityWaivers = waivers.get(entityRef);
      const namespace = entity.metadata.namespace ?? 'default';
      const spec = (entity.spec ?? {}) as Record<string, any>;
      const score = scoreEntity(
        outcomes,
        entityWaivers
          ? r =>
              r.state === 'fail' && entityWaivers.has(r.checkId)
                ? 'waived'
                : r.state
          : undefined,
      );
      const row: ScoredEntityRow = {
        entityRef,
        kind: entity.kind,
        owner: refOrUndefined(spec.owner, 'group', namespace),
        system: refOrUndefined(spec.system, 'system', namespace),
        lifecycle:
          typeof spec.lifecycle === 'string' ? spec.lifecycle : undefined,
        riskTier:
          typeof spec.risk?.tier === 'string' ? spec.risk.tier : undefined,
        score: score.score,
        packs: score.packs,
        evaluatedAt: nowIso,
        etag: entity.metadata.etag,
        resultsDigest: digest,
      };
      batch.entities.push(row);
      batch.changes.push(...entityChanges);
      for (const change of entityChanges) {
        if (change.from === 'pass' && change.to === 'fail') {
          regressions.push({ change, entity: row });
        }
      }
    });

    await store.writeBatch(batch);
    return { results, changed: batch.changes.length, regressions };
  }

  /**
   * The result of every applicable check on one entity, as stored when new
   * (changed now), and a digest of what they say.
   */
  private evaluateEntityChecks(
    entityRef: string,
    entity: Entity,
    facts: EntityFacts,
    now: Date,
  ): { outcomes: StoredCheckResult[]; digest: string } {
    const nowIso = now.toISOString();
    const outcomes: StoredCheckResult[] = [];
    // One string per entity, hashed once: a hash update per check costs
    // more than the concatenation.
    let said = '';
    for (const check of this.options.checks) {
      if (!checkApplies(check.appliesTo, entity)) continue;
      const outcome = safeEvaluate(check, entity, facts, now);
      const state = outcome.passed ? 'pass' : 'fail';
      outcomes.push({
        entityRef,
        checkId: check.id,
        pack: check.pack,
        level: check.level,
        severity: check.severity,
        state,
        message: outcome.message,
        changedAt: nowIso,
      });
      said += `${check.id}\u0000${state}\u0000${check.pack}\u0000${
        check.level
      }\u0000${check.severity}\u0000${outcome.message ?? ''}\u0001`;
    }
    return {
      outcomes,
      digest: createHash('sha256').update(said).digest('base64'),
    };
  }
}
