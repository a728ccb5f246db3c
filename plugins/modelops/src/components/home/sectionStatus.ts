import { describeError } from '../reviews/describeError';
import type { HomeSectionStatus } from './HomeSection';

/**
 * True for the answer of a backend that does not serve the route (the
 * feature is not installed there), as opposed to a failure of the feature.
 */
export function isNotInstalled(error: unknown): boolean {
  const status = (error as { response?: { status?: number } })?.response
    ?.status;
  return status === 404;
}

/** Options of {@link sectionStatus}. */
export interface SectionStatusOptions {
  loading: boolean;
  error?: unknown;
  /** False when the section's client is not registered in the app. */
  available?: boolean;
  isEmpty: boolean;
  emptyMessage: string;
  unavailableMessage: string;
}

/** The status of a home section from its data request. */
export function sectionStatus(
  options: SectionStatusOptions,
): HomeSectionStatus {
  if (options.available === false) {
    return { kind: 'unavailable', message: options.unavailableMessage };
  }
  if (options.loading) return { kind: 'loading' };
  if (options.error) {
    return isNotInstalled(options.error)
      ? { kind: 'unavailable', message: options.unavailableMessage }
      : { kind: 'error', message: describeError(options.error) };
  }
  if (options.isEmpty) return { kind: 'empty', message: options.emptyMessage };
  return { kind: 'ready' };
}
