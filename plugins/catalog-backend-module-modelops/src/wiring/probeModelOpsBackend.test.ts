import { mockServices } from '@backstage/backend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { probeModelOpsBackend } from './probeModelOpsBackend';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const discovery = mockServices.discovery.mock({
  getBaseUrl: async () => 'http://backend.test/api/modelops',
});
const url = 'http://backend.test/api/modelops/reviews/cycles';

describe('probeModelOpsBackend', () => {
  it('reports an installed plugin when it refuses a request without credentials', async () => {
    server.use(http.get(url, () => new HttpResponse(null, { status: 401 })));
    await expect(probeModelOpsBackend(discovery)).resolves.toBe('installed');
  });

  it('reports a missing plugin when nothing serves its routes', async () => {
    server.use(http.get(url, () => new HttpResponse(null, { status: 404 })));
    await expect(probeModelOpsBackend(discovery)).resolves.toBe('missing');
  });

  it('retries while the backend is starting and then gives up', async () => {
    let calls = 0;
    server.use(
      http.get(url, () => {
        calls += 1;
        return new HttpResponse(null, { status: 503 });
      }),
    );
    await expect(
      probeModelOpsBackend(discovery, { attempts: 3, delayMs: 1 }),
    ).resolves.toBe('unknown');
    expect(calls).toBe(3);
  });

  it('asks again after a refused connection', async () => {
    let calls = 0;
    server.use(
      http.get(url, () => {
        calls += 1;
        return calls === 1
          ? HttpResponse.error()
          : new HttpResponse(null, { status: 404 });
      }),
    );
    await expect(
      probeModelOpsBackend(discovery, { attempts: 3, delayMs: 1 }),
    ).resolves.toBe('missing');
  });
});
