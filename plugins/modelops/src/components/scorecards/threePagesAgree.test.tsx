/*
 * The ML home page, the scorecards page and the entity scorecard card show
 * the same pass rates and levels for the same scope, on the demo data. The
 * answers are recorded from the real backend (the plugin with the demo
 * catalog, evidence, cost and campaigns, evaluated by the shipped engine
 * and packs; see the backend's demoScorecardAnswers test, which fails when
 * the recording is stale), and every page is rendered from them.
 */
import { screen, within } from '@testing-library/react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { identityApiRef } from '@backstage/core-plugin-api';
import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import {
  catalogApiRef,
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  passRate,
  type CheckCounts,
  type CheckMetadata,
  type CheckResultView,
  type EntityScorecard,
  type PackLevel,
  type ScorecardApi,
  type ScorecardSummary,
} from '@modelops/plugin-modelops-common';
import { SWRConfig } from 'swr';
import recording from './__fixtures__/demoScorecardAnswers.json';
import { EntityScorecardCard } from './EntityScorecardCard';
import { packTitle } from './packTitle';
import { scorecardApiRef } from '../../api/scorecardApiRef';
import { ScorecardsPage } from './ScorecardsPage';
import { MostFailedChecksSection } from '../home/MostFailedChecksSection';
import { MyTeamModelsSection } from '../home/MyTeamModelsSection';

jest.setTimeout(240_000);

const checks = recording.checks as unknown as CheckMetadata[];
const checkById = new Map(checks.map(c => [c.id, c]));
const catalog = recording.catalog as unknown as Entity[];
const summaries = recording.summaries as unknown as Record<
  ScorecardSummary['groupBy'],
  ScorecardSummary
>;

/** An entity scorecard as the route answers it, its check metadata put back. */
function scorecardOf(entityRef: string): EntityScorecard {
  const compact = (recording.entities as Record<string, any>)[entityRef];
  const results: CheckResultView[] = compact.results.map((r: any) => ({
    ...r,
    check: checkById.get(r.checkId)!,
  }));
  return {
    ...compact,
    results,
    failing: results.filter(r => r.effectiveState !== 'pass'),
    notApplicable: compact.notApplicable.map((id: string) => checkById.get(id)),
  };
}

const api = {
  getSummary: async (groupBy: ScorecardSummary['groupBy']) =>
    summaries[groupBy],
  getEntityScorecard: async (entityRef: string) => scorecardOf(entityRef),
  listChecks: async () => checks,
  getHistory: async () => ({ changes: [], levelChanges: [], trend: [] }),
} as unknown as ScorecardApi;

const scored = catalog.filter(
  e => e.kind === 'MLModel' || e.kind === 'Dataset',
);
const refOf = (e: Entity) => stringifyEntityRef(e);
const ownerOf = (e: Entity) =>
  `group:default/${String(e.spec?.owner).replace(/^group:(default\/)?/, '')}`;
const systemOf = (e: Entity) =>
  e.spec?.system
    ? `system:default/${String(e.spec.system).replace(
        /^system:(default\/)?/,
        '',
      )}`
    : undefined;

/** The figures a pass rate bar writes beside itself. */
const rateText = (counts: CheckCounts) =>
  `${counts.passing} of ${
    counts.passing + counts.failing + counts.waived
  }, ${Math.round(passRate(counts)!)}%`;

/** What one entity card shows: overall counts, and level and counts per pack. */
interface CardReading {
  passing: number;
  applicable: number;
  packs: Map<string, { level: PackLevel } & CheckCounts>;
}

const STATE_LABELS = {
  passing: 'passing',
  failing: 'failing',
  waived: 'waived',
} as const;

/** Renders every entity's card at once and reads what each shows. */
async function readCards(
  entities: Entity[],
): Promise<Map<string, CardReading>> {
  const view = await renderInTestApp(
    <SWRConfig value={{ provider: () => new Map() }}>
      <TestApiProvider
        apis={[
          [scorecardApiRef, api],
          [permissionApiRef, mockApis.permission({ authorize: 'DENY' as any })],
          [identityApiRef, mockApis.identity()],
        ]}
      >
        {entities.map(entity => (
          <section key={refOf(entity)} aria-label={refOf(entity)}>
            <EntityProvider entity={entity}>
              <EntityScorecardCard />
            </EntityProvider>
          </section>
        ))}
      </TestApiProvider>
    </SWRConfig>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
  const out = new Map<string, CardReading>();
  for (const entity of entities) {
    // Plain selectors: role queries over forty cards take minutes in jsdom.
    const section = document.querySelector<HTMLElement>(
      `section[aria-label="${refOf(entity)}"]`,
    )!;
    const card = within(section);
    const summary = await card.findByText(/applicable checks pass/);
    const [, passing, applicable] = summary.textContent!.match(
      /(\d+) of (\d+) applicable checks pass/,
    )!;
    const packs: CardReading['packs'] = new Map();
    const levels = section.querySelector('[aria-label="Levels per pack"]')!;
    for (const chip of levels.querySelectorAll('[class*="MuiChip-label"]')) {
      const [title, level] = chip.textContent!.split(': ');
      const pack = checks.find(c => packTitle(c.pack) === title)!.pack;
      const list = section.querySelector<HTMLElement>(
        `ul[aria-label="${title} checks"]`,
      )!;
      const count = (label: string) =>
        [...list.querySelectorAll('[class*="MuiChip-label"]')].filter(
          chipLabel => chipLabel.textContent === label,
        ).length;
      packs.set(pack, {
        level: level as PackLevel,
        passing: count(STATE_LABELS.passing),
        failing: count(STATE_LABELS.failing),
        waived: count(STATE_LABELS.waived),
      });
    }
    out.set(refOf(entity), {
      passing: Number(passing),
      applicable: Number(applicable),
      packs,
    });
  }
  view.unmount();
  return out;
}

const sum = (readings: CardReading[], pack?: string): CheckCounts =>
  readings.reduce(
    (t, r) => {
      const counts = pack
        ? r.packs.get(pack)
        : {
            passing: r.passing,
            failing: r.applicable - r.passing,
            waived: 0,
          };
      return counts
        ? {
            passing: t.passing + counts.passing,
            failing: t.failing + counts.failing,
            waived: t.waived + counts.waived,
          }
        : t;
    },
    { passing: 0, failing: 0, waived: 0 },
  );

describe('the ML home, the scorecards page and the entity card agree on the demo', () => {
  const cards = new Map<string, CardReading>();

  beforeAll(async () => {
    for (const [ref, reading] of await readCards(scored)) {
      cards.set(ref, reading);
    }
  });

  async function renderPage(node: React.ReactNode) {
    return renderInTestApp(
      <TestApiProvider
        apis={[
          [scorecardApiRef, api],
          [
            identityApiRef,
            mockApis.identity({
              userEntityRef: 'user:default/priya.raman',
              ownershipEntityRefs: ['group:default/risk-ml'],
            }),
          ],
          [
            catalogApiRef,
            {
              getEntities: async () => ({
                items: scored.filter(
                  e =>
                    e.kind === 'MLModel' &&
                    ownerOf(e) === 'group:default/risk-ml',
                ),
              }),
            },
          ],
        ]}
      >
        {node}
      </TestApiProvider>,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );
  }

  it('per pack: pass rates on all three, and entities per level', async () => {
    const packs = summaries.pack.rows.map(r => r.key);
    expect(packs.length).toBeGreaterThanOrEqual(6);

    const page = await renderPage(<ScorecardsPage />);
    const table = await screen.findByRole('table');
    const pageRates = new Map<string, string>();
    const pageLevels = new Map<string, string[]>();
    for (const pack of packs) {
      const row = within(table)
        .getByText(packTitle(pack), { selector: 'td *' })
        .closest('tr')!;
      pageRates.set(
        pack,
        within(row).getByText(/^\d+ of \d+, \d+%$/).textContent!,
      );
      pageLevels.set(
        pack,
        within(row)
          .getAllByText(/^\d+: (none|bronze|silver|gold)$/)
          .map(c => c.textContent!),
      );
    }
    page.unmount();

    await renderPage(<MostFailedChecksSection />);
    const homeTable = await screen.findByRole('table', {
      name: 'Most-failed checks',
    });
    for (const pack of packs) {
      const readings = [...cards.values()];
      const fromCards = sum(readings, pack);
      // The scorecards page and the home page write the same figures, and
      // they are the sum of what the entity cards list.
      expect(pageRates.get(pack)).toBe(rateText(fromCards));
      const row = within(homeTable).getByText(packTitle(pack)).closest('tr')!;
      expect(within(row).getByText(/^\d+ of \d+, \d+%$/).textContent).toBe(
        rateText(fromCards),
      );
      const levelCounts = (['none', 'bronze', 'silver', 'gold'] as const).map(
        level =>
          `${
            readings.filter(r => r.packs.get(pack)?.level === level).length
          }: ${level}`,
      );
      expect(pageLevels.get(pack)).toEqual(levelCounts);
    }
  });

  it.each(['team', 'system'] as const)(
    'per %s: the page row is the sum of its entities’ cards',
    async groupBy => {
      const rows = summaries[groupBy].rows;
      expect(rows.length).toBeGreaterThan(1);
      for (const row of rows) {
        const members = scored.filter(e =>
          groupBy === 'team' ? ownerOf(e) === row.key : systemOf(e) === row.key,
        );
        const fromCards = sum(members.map(e => cards.get(refOf(e))!));
        expect({ key: row.key, rate: rateText(row) }).toEqual({
          key: row.key,
          rate: rateText(fromCards),
        });
        expect(row.entities).toBe(members.length);
      }
    },
  );

  it("the home page's team models show the levels of their entity cards", async () => {
    await renderPage(<MyTeamModelsSection />);
    const list = await screen.findByRole('list', { name: "My team's models" });
    const models = scored.filter(
      e => e.kind === 'MLModel' && ownerOf(e) === 'group:default/risk-ml',
    );
    expect(models.length).toBeGreaterThan(2);
    for (const model of models) {
      const item = within(list)
        .getByText(model.metadata.title ?? model.metadata.name)
        .closest('li')!;
      const chips = within(item)
        .getAllByText(/: (none|bronze|silver|gold)$/)
        .map(c => c.textContent);
      const card = cards.get(refOf(model))!;
      expect(chips).toEqual(
        [...card.packs.entries()].map(
          ([pack, p]) => `${packTitle(pack)}: ${p.level}`,
        ),
      );
    }
  });
});
