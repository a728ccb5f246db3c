import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { mockCredentials } from '@backstage/backend-test-utils';
import { ResponseError } from '@backstage/errors';
import { forwardRouteErrors, toRouteError } from './forwardRouteErrors';

function routeError(status: number, name: string, message: string) {
  return ResponseError.fromResponse({
    status,
    statusText: name,
    url: 'http://localhost/api/modelops/feedback',
    headers: new Headers({ 'content-type': 'application/json' }),
    text: async () =>
      JSON.stringify({
        error: { name, message },
        request: { method: 'POST', url: '/feedback' },
        response: { statusCode: status },
      }),
  } as any);
}

describe('toRouteError', () => {
  it.each([
    [400, 'InputError', 'Invalid body: text: must not be empty'],
    [401, 'AuthenticationError', 'No token'],
    [403, 'NotAllowedError', 'Not allowed: modelops.feedback.create'],
    [404, 'NotFoundError', 'No feedback with id 9'],
    [409, 'ConflictError', 'Already decided'],
  ])(
    'turns a %s answer into %s with the route message',
    async (status, name, message) => {
      const error = toRouteError(await routeError(status, name, message));
      expect(error).toMatchObject({ name, message });
    },
  );

  it('leaves other answers and other errors as they are', async () => {
    const unavailable = await routeError(503, 'ServiceUnavailableError', 'x');
    expect(toRouteError(unavailable)).toBe(unavailable);
    const plain = new Error('boom');
    expect(toRouteError(plain)).toBe(plain);
  });
});

describe('forwardRouteErrors', () => {
  it('makes a registered action fail with the route error type and message', async () => {
    const registry = actionsRegistryServiceMock();
    const failing = await routeError(
      400,
      'InputError',
      'Invalid body: expiresAt: must be in the future',
    );
    forwardRouteErrors(registry).register({
      name: 'fails',
      title: 'Fails',
      description: 'Always fails like a route',
      schema: { input: z => z.object({}), output: z => z.object({}) },
      action: async () => {
        throw failing;
      },
    });
    await expect(
      registry.invoke({
        id: 'test:fails',
        input: {},
        credentials: mockCredentials.user(),
      }),
    ).rejects.toMatchObject({
      name: 'InputError',
      message: 'Invalid body: expiresAt: must be in the future',
    });
  });
});
