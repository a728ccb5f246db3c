/*
 * The decision trail end to end: the real plugin, a waiver requested and
 * approved through its own routes by two people, then read back from the
 * decision history and its CSV export with both names.
 */
import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import {
  ENTITIES,
  MODEL,
  OTHER_USER,
  OWNER_USER,
} from '../hardening/__testUtils__/hardeningCatalog';
import { startHardeningBackend } from '../hardening/__testUtils__/startHardeningBackend';

jest.setTimeout(60_000);

const NAMES: Record<string, string> = {
  alice: 'Alice Martin',
  bob: 'Bob Okafor',
};

// The hardening organisation, with the display names people go by.
const entities: Entity[] = ENTITIES.map(entity =>
  entity.kind === 'User' && NAMES[entity.metadata.name]
    ? {
        ...entity,
        spec: {
          ...entity.spec,
          profile: { displayName: NAMES[entity.metadata.name] },
        },
      }
    : entity,
);

describe('decision trail', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

  it("shows a waiver's request and approval with both names", async () => {
    const backend = await startHardeningBackend({
      knex: await databases.init('SQLITE_3'),
      entities,
    });
    try {
      const requested = await backend.request({
        method: 'POST',
        path: '/scorecards/waivers',
        authorization: mockCredentials.user.header(OTHER_USER),
        json: {
          entityRef: MODEL,
          checkId: 'ownership.owner-group',
          reason: 'Owner group is being reorganised this quarter',
          expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
        },
      });
      expect(requested.status).toBe(201);
      const approved = await backend.request({
        method: 'POST',
        path: `/scorecards/waivers/${requested.body.id}/approve`,
        authorization: mockCredentials.user.header(OWNER_USER),
        json: { comment: 'Reorganisation confirmed by the board' },
      });
      expect(approved.status).toBe(200);

      const history = await backend.request({
        method: 'GET',
        path: '/decisions',
        query: { entityRef: MODEL },
        authorization: mockCredentials.user.header(OWNER_USER),
      });
      expect(history.status).toBe(200);
      expect(
        history.body.items.map((d: any) => [d.action, d.actorRef, d.why]),
      ).toEqual([
        [
          'waiver-approved',
          OWNER_USER,
          'Reorganisation confirmed by the board',
        ],
        [
          'waiver-requested',
          OTHER_USER,
          'Owner group is being reorganised this quarter',
        ],
      ]);

      const csv = await backend.request({
        method: 'GET',
        path: '/decisions.csv',
        query: { entityRef: MODEL },
        authorization: mockCredentials.user.header(OWNER_USER),
      });
      expect(csv.status).toBe(200);
      const rows = csv.text.trim().split('\r\n').slice(1);
      expect(rows.map(row => row.split(',').slice(2, 5))).toEqual([
        ['waiver-approved', OWNER_USER, 'Alice Martin'],
        ['waiver-requested', OTHER_USER, 'Bob Okafor'],
      ]);
    } finally {
      await backend.stop();
    }
  });
});
