/*
 * loadDemoCampaigns: opens two scorecard campaigns at backend start when
 * `modelops.demoData.campaigns` is true, so that the campaign page shows
 * progress per team on first start, and the first evaluation sends the
 * owning groups of the models concerned a reminder of the one due within a
 * week. Idempotent: a campaign an earlier start opened (same title) is left
 * as it is, so restarts neither double nor move them.
 */
import type {
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import type { NewCampaign, ScorecardStore } from '../types';

/** Config key switching the demo campaigns on. */
export const DEMO_CAMPAIGNS_CONFIG_KEY = 'modelops.demoData.campaigns';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The demo campaigns, due relative to `now`. */
export function demoCampaigns(now: Date): NewCampaign[] {
  const inDays = (days: number) =>
    new Date(now.getTime() + days * DAY_MS).toISOString();
  return [
    {
      title: 'EU AI Act readiness for high-risk models',
      description:
        'Every high-risk model has a fundamental rights impact assessment, human oversight with an opt-out, decision logs kept long enough to reconstruct decisions, and explanations for the people affected, before the obligations for high-risk systems apply.',
      checkIds: [
        'responsible-ai.impact-assessment',
        'responsible-ai.human-oversight',
        'responsible-ai.decision-log-retention',
        'responsible-ai.explainability',
      ],
      entityFilter: { kinds: ['MLModel'], riskTiers: ['high'] },
      dueDate: inDays(60),
      owner: 'group:default/ai-review-board',
      createdBy: 'user:default/margaret.osei',
    },
    {
      title: 'A runbook and alerts for every production model',
      description:
        'Whoever is on call finds the runbook one click from the model page, and the alerts that page them are declared with the model.',
      checkIds: ['production-readiness.runbook', 'production-readiness.alerts'],
      entityFilter: { kinds: ['MLModel'], lifecycles: ['production'] },
      dueDate: inDays(5),
      owner: 'group:default/mlops-platform',
      createdBy: 'user:default/alex.ivanov',
    },
  ];
}

/** Options of {@link loadDemoCampaigns}. */
export interface LoadDemoCampaignsOptions {
  config: RootConfigService;
  logger: LoggerService;
  store: Pick<ScorecardStore, 'listCampaigns' | 'createCampaign'>;
  /** Clock, replaceable in tests. */
  now?: Date;
}

/**
 * Opens the demo campaigns that are not open yet, when the config asks.
 *
 * @returns how many campaigns were opened, or undefined when switched off
 */
export async function loadDemoCampaigns(
  options: LoadDemoCampaignsOptions,
): Promise<number | undefined> {
  if (!options.config.getOptionalBoolean(DEMO_CAMPAIGNS_CONFIG_KEY)) {
    return undefined;
  }
  const now = options.now ?? new Date();
  const existing = new Set(
    (await options.store.listCampaigns()).map(c => c.title),
  );
  const missing = demoCampaigns(now).filter(c => !existing.has(c.title));
  for (const campaign of missing) {
    await options.store.createCampaign(campaign, now.toISOString());
  }
  if (missing.length > 0) {
    options.logger.info(`Opened ${missing.length} demo scorecard campaigns`);
  }
  return missing.length;
}
