import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { initTestDatabase } from '../../service/__testUtils__';
import { DatabaseScorecardStore } from '../DatabaseScorecardStore';
import { shippedChecks } from '../packs/shippedChecks';
import { demoCampaigns, loadDemoCampaigns } from './loadDemoCampaigns';

jest.setTimeout(60_000);

const now = new Date('2026-11-27T08:00:00.000Z');
const config = (campaigns?: boolean) =>
  mockServices.rootConfig({ data: { modelops: { demoData: { campaigns } } } });

describe('loadDemoCampaigns', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  it('names only shipped checks, one campaign due within the reminder week', () => {
    const ids = new Set(shippedChecks().map(c => c.id));
    const campaigns = demoCampaigns(now);
    for (const c of campaigns) {
      expect(c.checkIds.filter(id => !ids.has(id))).toEqual([]);
    }
    expect(campaigns.map(c => c.dueDate)).toEqual([
      '2027-01-26T08:00:00.000Z',
      '2026-12-02T08:00:00.000Z',
    ]);
  });

  it('opens the campaigns once, and nothing when switched off', async () => {
    const store = DatabaseScorecardStore.create(
      await initTestDatabase(databases, 'SQLITE_3'),
    );
    const logger = mockServices.logger.mock();
    await expect(
      loadDemoCampaigns({ config: config(), logger, store, now }),
    ).resolves.toBeUndefined();
    expect(await store.listCampaigns()).toEqual([]);

    await expect(
      loadDemoCampaigns({ config: config(true), logger, store, now }),
    ).resolves.toBe(2);
    const later = new Date('2026-12-20T00:00:00.000Z');
    await expect(
      loadDemoCampaigns({ config: config(true), logger, store, now: later }),
    ).resolves.toBe(0);
    const stored = await store.listCampaigns();
    expect(stored.map(c => [c.title, c.dueDate, c.status]).sort()).toEqual([
      [
        'A runbook and alerts for every production model',
        '2026-12-02T08:00:00.000Z',
        'open',
      ],
      [
        'EU AI Act readiness for high-risk models',
        '2027-01-26T08:00:00.000Z',
        'open',
      ],
    ]);
  });
});
