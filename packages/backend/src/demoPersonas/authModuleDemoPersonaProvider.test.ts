import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import type { JsonObject } from '@backstage/types';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import authPlugin from '@backstage/plugin-auth-backend';
import request from 'supertest';
import { authModuleDemoPersonaProvider } from './authModuleDemoPersonaProvider';

function user(name: string, displayName: string, groups: string[]): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name, namespace: 'default', description: `${name} at work` },
    spec: {
      profile: { displayName, email: `${name}@tidewell.example` },
      memberOf: groups,
    },
    relations: groups.map(g => ({
      type: 'memberOf',
      targetRef: `group:default/${g}`,
    })),
  };
}

function group(name: string, displayName: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default' },
    spec: { type: 'team', profile: { displayName }, children: [] },
  };
}

const entities = [
  user('tomas.novak', 'Tomáš Novák', ['risk-ml']),
  user('margaret.osei', 'Margaret Osei', ['ai-review-board']),
  user('not.a.persona', 'Not Listed', ['risk-ml']),
  group('risk-ml', 'Risk ML'),
  group('ai-review-board', 'AI Review Board'),
];

const personas = [
  { userEntityRef: 'user:default/tomas.novak', role: 'ML engineer' },
  {
    userEntityRef: 'margaret.osei',
    role: 'AI review board',
    summary: 'Approves waivers.',
  },
  // Listed, but not in the catalog: left out of the sign-in page.
  { userEntityRef: 'user:default/gone', role: 'Left the company' },
];

// The provider's config block; null leaves it out.
async function start(
  demoPersona: JsonObject | null = {
    personas,
    dangerouslyAllowOutsideDevelopment: true,
  },
) {
  const { server } = await startTestBackend({
    features: [
      authPlugin,
      authModuleDemoPersonaProvider,
      catalogServiceMock.factory({ entities }),
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl: 'http://localhost:3000' },
          auth: {
            omitIdentityTokenOwnershipClaim: false,
            providers: demoPersona ? { 'demo-persona': demoPersona } : {},
          },
        },
      }),
    ],
  });
  return server;
}

describe('authModuleDemoPersonaProvider', () => {
  it('lists the configured personas that the catalog holds, with names and teams, before sign-in', async () => {
    const server = await start();
    const res = await request(server).get('/api/auth/demo-persona/personas');
    expect(res.status).toBe(200);
    expect(res.body.personas).toEqual([
      {
        userEntityRef: 'user:default/tomas.novak',
        displayName: 'Tomáš Novák',
        description: 'tomas.novak at work',
        email: 'tomas.novak@tidewell.example',
        role: 'ML engineer',
        teams: [{ entityRef: 'group:default/risk-ml', displayName: 'Risk ML' }],
      },
      {
        userEntityRef: 'user:default/margaret.osei',
        displayName: 'Margaret Osei',
        description: 'margaret.osei at work',
        email: 'margaret.osei@tidewell.example',
        role: 'AI review board',
        summary: 'Approves waivers.',
        teams: [
          {
            entityRef: 'group:default/ai-review-board',
            displayName: 'AI Review Board',
          },
        ],
      },
    ]);
  });

  it('signs in as the chosen persona with the groups of its memberOf', async () => {
    const server = await start();
    const res = await request(server)
      .get('/api/auth/demo-persona/refresh')
      .set('X-Requested-With', 'XMLHttpRequest')
      .set('x-demo-persona', 'user:default/Margaret.Osei');
    expect(res.status).toBe(200);
    expect(res.body.profile).toEqual({
      displayName: 'Margaret Osei',
      email: 'margaret.osei@tidewell.example',
    });
    // The ownership claims are what the permission policy is given for
    // this user (the test keeps them in the token to read them).
    expect(res.body.backstageIdentity.identity).toEqual({
      type: 'user',
      userEntityRef: 'user:default/margaret.osei',
      ownershipEntityRefs: [
        'user:default/margaret.osei',
        'group:default/ai-review-board',
      ],
    });
  });

  it('refuses users who are not personas, and a request naming nobody', async () => {
    const server = await start();
    const stranger = await request(server)
      .get('/api/auth/demo-persona/refresh')
      .set('X-Requested-With', 'XMLHttpRequest')
      .set('x-demo-persona', 'user:default/not.a.persona');
    expect(stranger.status).toBe(403);
    expect(stranger.body.error.message).toContain(
      'is not one of the demo personas',
    );
    const nobody = await request(server)
      .get('/api/auth/demo-persona/refresh')
      .set('X-Requested-With', 'XMLHttpRequest');
    expect(nobody.status).toBe(401);
  });

  it('signs nobody in outside development unless told to', async () => {
    const server = await start({ personas });
    const res = await request(server)
      .get('/api/auth/demo-persona/refresh')
      .set('X-Requested-With', 'XMLHttpRequest')
      .set('x-demo-persona', 'user:default/tomas.novak');
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain('only in development');
  });

  it('is switched off without its config block', async () => {
    const server = await start(null);
    expect(
      (await request(server).get('/api/auth/demo-persona/personas')).status,
    ).toBe(404);
    expect(
      (
        await request(server)
          .get('/api/auth/demo-persona/refresh')
          .set('X-Requested-With', 'XMLHttpRequest')
          .set('x-demo-persona', 'user:default/tomas.novak')
      ).status,
    ).toBe(404);
  });
});
