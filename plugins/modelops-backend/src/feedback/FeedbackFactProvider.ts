/*
 * FeedbackFactProvider: the `feedback` facts of the scorecards, for a page
 * of entities in one grouped query:
 *
 * - `feedback.unresolvedCount`: reports still open or acknowledged;
 * - `feedback.overdueCount`: unresolved reports older than
 *   `modelops.feedback.maxOpenAge` (default P14D);
 * - `feedback.oldestUnresolvedAgeDays`: age of the oldest unresolved report,
 *   undefined when there is none.
 *
 * Acknowledged feedback still counts: acknowledging a problem is not fixing
 * it, and the check is about users waiting for an answer.
 */
import type { RootConfigService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import type { CheckDefinition } from '@modelops/plugin-modelops-common';
import type { ModelopsFactProvider } from '@modelops/plugin-modelops-node';
import type { Knex } from 'knex';
import { normalizeEntityRef } from '../service/CatalogMembership';
import { DatabaseFeedbackStore } from './DatabaseFeedbackStore';
import { readFeedbackConfig } from './readFeedbackConfig';
import type { FeedbackStore } from './types';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Fact provider `feedback` for the scorecard engine. */
export class FeedbackFactProvider implements ModelopsFactProvider {
  readonly id = 'feedback';

  private constructor(
    private readonly store: FeedbackStore,
    private readonly maxOpenAgeMs: number,
  ) {}

  static create(options: {
    database: Knex;
    config: RootConfigService;
    store?: FeedbackStore;
  }): FeedbackFactProvider {
    return new FeedbackFactProvider(
      options.store ?? DatabaseFeedbackStore.create({ knex: options.database }),
      readFeedbackConfig(options.config).maxOpenAgeMs,
    );
  }

  async changedSince(since: Date): Promise<string[]> {
    return this.store.entityRefsChangedSince(since.toISOString());
  }

  async getFacts(
    entities: Entity[],
    context: { now: Date },
  ): Promise<Map<string, Record<string, unknown>>> {
    const refs = entities.map(e => stringifyEntityRef(e));
    const summaries = await this.store.summarizeUnresolved(
      refs.map(normalizeEntityRef),
      new Date(context.now.getTime() - this.maxOpenAgeMs).toISOString(),
      context.now.toISOString(),
    );
    const facts = new Map<string, Record<string, unknown>>();
    for (const ref of refs) {
      const summary = summaries.get(normalizeEntityRef(ref));
      // Every entity gets counts, so that a model nobody complained about
      // passes rather than failing for a missing fact.
      facts.set(ref, {
        unresolvedCount: summary?.unresolved ?? 0,
        overdueCount: summary?.overdue ?? 0,
        oldestUnresolvedAgeDays: summary
          ? Math.floor(
              (context.now.getTime() - Date.parse(summary.oldestUnresolvedAt)) /
                DAY_MS,
            )
          : undefined,
      });
    }
    return facts;
  }
}

/**
 * The check the `feedback` facts feed: no user feedback left unanswered past
 * the configured age on a production model.
 */
export const feedbackAnsweredCheck: CheckDefinition = {
  id: 'production-readiness.feedback-answered',
  title: 'User feedback answered in time',
  description:
    'No problem reported by users of the model stays unresolved longer than modelops.feedback.maxOpenAge (default 14 days).',
  rationale: {
    practice:
      'Module 7: Establish feedback loops from end-users to identify model errors or usability issues in real-world contexts.',
    obligations: ['nist-ai-rmf.measure-3.3', 'iso-42001.a.8.3'],
  },
  appliesTo: { kinds: ['MLModel'], lifecycles: ['production'] },
  rule: { fact: 'feedback.overdueCount', op: 'lte', value: 0 },
  severity: 'warning',
  remediation: {
    text: 'Open the feedback card on the model page and acknowledge, answer or resolve the oldest reports.',
  },
  pack: 'production-readiness',
  level: 'silver',
};
