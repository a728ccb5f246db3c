import type { ReviewItem } from '@modelops/plugin-modelops-common';
import { normalizeEntityRef } from '../service/CatalogMembership';
import { pageInput, pageOf, pageOutput } from './pageOf';
import { parseActionRef } from './parseActionRef';
import type { ModelOpsActionDeps } from './types';

const OPEN_ITEM_STATES: ReviewItem['state'][] = ['pending', 'transfer-pending'];
const LISTED = 20;

/**
 * `get-team-reviews` and `get-campaign-progress`: ownership reviews and
 * scorecard campaigns, read through the review and campaign routes.
 */
export function registerGovernanceActions(deps: ModelOpsActionDeps) {
  deps.registry.register({
    name: 'get-team-reviews',
    title: 'Open ownership reviews and overdue items of a team',
    description:
      'For one team (or, without "team", the teams the caller belongs to): progress in the open review cycles (items pending, kept, transferred, retired, overdue), the open items the caller can attest with their ids (only for the caller\'s own teams; use attest-review-item to decide), overdue attestations, and other ownership findings (owners that do not resolve, datasets without a steward, production models without a business owner). Lists are bounded with totals.',
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: z =>
        z.object({
          team: z
            .string()
            .optional()
            .describe(
              'Owning group, e.g. "risk-ml"; the caller\'s teams when absent.',
            ),
          ...pageInput(z),
        }),
      output: z => {
        const finding = z.object({
          type: z.string(),
          entityRef: z.string(),
          ownerRef: z.string().optional(),
          message: z.string(),
        });
        return z.object({
          teams: z.array(z.string()),
          openCycles: z.array(
            z.object({
              id: z.string(),
              kind: z.string(),
              period: z.string(),
              dueAt: z.string(),
              itemCount: z.number(),
              decidedCount: z.number(),
            }),
          ),
          progress: z.array(
            z.object({
              team: z.string(),
              total: z.number(),
              pending: z.number(),
              kept: z.number(),
              transferPending: z.number(),
              transferred: z.number(),
              retired: z.number(),
              overdue: z.number(),
              percentDone: z.number(),
            }),
          ),
          openItems: z.object({
            ...pageOutput(z),
            items: z.array(
              z.object({
                id: z.string(),
                entityRef: z.string(),
                entityTitle: z.string().optional(),
                ownerRef: z.string(),
                state: z.string(),
                dueAt: z.string(),
                overdue: z.boolean(),
              }),
            ),
          }),
          overdue: z.object({ total: z.number(), items: z.array(finding) }),
          otherFindings: z.object({
            total: z.number(),
            items: z.array(finding),
          }),
        });
      },
    },
    examples: [
      {
        title: "My teams' reviews",
        input: { offset: 0, limit: 20 },
      },
      {
        title: 'Reviews of the fraud team',
        input: { team: 'fraud-ml', offset: 0, limit: 20 },
      },
    ],
    action: async ({ input, credentials }) => {
      const reviews = deps.clients(credentials).reviews;
      const [mine, progress, findings] = await Promise.all([
        reviews.getMyReviews(),
        reviews.getProgress(),
        reviews.getFindings(),
      ]);
      const teams = input.team
        ? [normalizeEntityRef(parseActionRef(input.team, 'team', 'group'))]
        : mine.groups
            .map(normalizeEntityRef)
            .filter(ref => ref.startsWith('group:'));
      const inTeams = (ref: string | undefined) =>
        ref !== undefined && teams.includes(normalizeEntityRef(ref));
      const openItems = mine.items
        .filter(i => inTeams(i.ownerRef) && OPEN_ITEM_STATES.includes(i.state))
        .map(i => ({
          id: i.id,
          entityRef: i.entityRef,
          entityTitle: i.entityTitle,
          ownerRef: i.ownerRef,
          state: i.state,
          dueAt: i.dueAt,
          overdue: i.overdue,
        }));
      const teamFindings = findings.items
        .filter(f => inTeams(f.ownerRef))
        .map(f => ({
          type: f.type,
          entityRef: f.entityRef,
          ownerRef: f.ownerRef,
          message: f.message,
        }));
      const overdue = teamFindings.filter(
        f => f.type === 'attestation-overdue',
      );
      const other = teamFindings.filter(f => f.type !== 'attestation-overdue');
      return {
        output: {
          teams,
          openCycles: progress.cycles
            .filter(c => c.status === 'open')
            .map(c => ({
              id: c.id,
              kind: c.kind,
              period: c.period,
              dueAt: c.dueAt,
              itemCount: c.itemCount,
              decidedCount: c.decidedCount,
            })),
          progress: progress.teams.filter(t => inTeams(t.team)),
          openItems: pageOf(openItems, input),
          overdue: { total: overdue.length, items: overdue.slice(0, LISTED) },
          otherFindings: { total: other.length, items: other.slice(0, LISTED) },
        },
      };
    },
  });

  deps.registry.register({
    name: 'get-campaign-progress',
    title: 'Scorecard campaign progress',
    description:
      'Progress of scorecard campaigns (a set of checks every matching entity must pass by a due date): for each campaign its checks, due date, entities in scope, how many pass every campaign check (done), percent done, whether it is past due, and the same per team. Open campaigns by default; one campaign by id.',
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: z =>
        z.object({
          campaignId: z.string().optional().describe('One campaign.'),
          status: z
            .enum(['open', 'closed', 'all'])
            .default('open')
            .describe('Which campaigns, when campaignId is absent.'),
          ...pageInput(z, 10),
        }),
      output: z =>
        z.object({
          ...pageOutput(z),
          items: z.array(
            z.object({
              id: z.string(),
              title: z.string(),
              status: z.string(),
              owner: z.string(),
              dueDate: z.string(),
              pastDue: z.boolean(),
              checkIds: z.array(z.string()),
              entities: z.number(),
              done: z.number(),
              percentDone: z.number(),
              teams: z.array(
                z.object({
                  team: z.string(),
                  entities: z.number(),
                  done: z.number(),
                }),
              ),
            }),
          ),
        }),
    },
    examples: [
      {
        title: 'Open campaigns',
        input: { status: 'open', offset: 0, limit: 10 },
      },
    ],
    action: async ({ input, credentials }) => {
      const scorecards = deps.clients(credentials).scorecards;
      const campaigns = (await scorecards.listCampaigns()).filter(c =>
        input.campaignId
          ? c.id === input.campaignId
          : input.status === 'all' || c.status === input.status,
      );
      if (input.campaignId && campaigns.length === 0) {
        // The same answer as the route for an unknown id.
        await scorecards.getCampaignProgress(input.campaignId);
      }
      const page = pageOf(campaigns, input);
      const now = Date.now();
      const items = await Promise.all(
        page.items.map(async campaign => {
          const progress = await scorecards.getCampaignProgress(campaign.id);
          return {
            id: campaign.id,
            title: campaign.title,
            status: campaign.status,
            owner: campaign.owner,
            dueDate: campaign.dueDate,
            pastDue:
              Date.parse(campaign.dueDate) < now &&
              progress.done < progress.entities,
            checkIds: campaign.checkIds,
            entities: progress.entities,
            done: progress.done,
            percentDone:
              progress.entities === 0
                ? 100
                : Math.round((progress.done / progress.entities) * 100),
            teams: progress.teams,
          };
        }),
      );
      return { output: { ...page, items } };
    },
  });
}
