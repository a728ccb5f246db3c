import { DiscoveryService } from '@backstage/backend-plugin-api';

/**
 * Whether the ModelOps backend plugin answers in this deployment. A request
 * without credentials is refused (401) by an installed plugin and not found
 * (404) when no plugin serves `/api/modelops`; anything else, such as a
 * backend still starting, is retried a few times and then reported as
 * unknown.
 */
export async function probeModelOpsBackend(
  discovery: DiscoveryService,
  options: { attempts?: number; delayMs?: number } = {},
): Promise<'installed' | 'missing' | 'unknown'> {
  const attempts = options.attempts ?? 10;
  const delayMs = options.delayMs ?? 1000;
  const baseUrl = await discovery.getBaseUrl('modelops');
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      const response = await fetch(`${baseUrl}/reviews/cycles`);
      if (response.status === 404) return 'missing';
      if (response.status !== 503) return 'installed';
    } catch {
      // The server is not listening yet; try again below.
    }
    if (attempt < attempts) {
      await new Promise(resolve => setTimeout(resolve, delayMs));
    }
  }
  return 'unknown';
}

/** The log line naming the line an adopter has to add. */
export const MISSING_BACKEND_MESSAGE =
  'The ModelOps backend plugin is not installed: MLModel and Dataset ' +
  'entities reach the catalog, but model cards, scorecards, cost and ' +
  'reviews have no backend. Add ' +
  "backend.add(import('@modelops/plugin-modelops-backend')); to " +
  'packages/backend/src/index.ts';
