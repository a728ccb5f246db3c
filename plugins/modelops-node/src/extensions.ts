import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type { ModelopsCostFormatsExtensionPoint } from './costFormats';
import type { ModelopsCheck, ModelopsFactProvider } from './types';

/**
 * Lets backend modules add scorecard checks written in code.
 *
 * @public
 */
export interface ModelopsChecksExtensionPoint {
  /** Adds checks; an id that is already taken fails the backend start. */
  addCheck(...checks: ModelopsCheck[]): void;
}

/**
 * Extension point for scorecard checks (`modelops.checks`).
 *
 * @public
 */
export const modelopsChecksExtensionPoint =
  createExtensionPoint<ModelopsChecksExtensionPoint>({
    id: 'modelops.checks',
  });

/**
 * Lets backend modules add fact providers that checks can read.
 *
 * @public
 */
export interface ModelopsFactProvidersExtensionPoint {
  /** Adds providers; a provider id that is already taken fails the backend start. */
  addFactProvider(...providers: ModelopsFactProvider[]): void;
}

/**
 * Extension point for scorecard fact providers (`modelops.fact-providers`).
 *
 * @public
 */
export const modelopsFactProvidersExtensionPoint =
  createExtensionPoint<ModelopsFactProvidersExtensionPoint>({
    id: 'modelops.fact-providers',
  });

/**
 * Extension point for billing export formats of the cost imports
 * (`modelops.cost-formats`), beside the shipped FOCUS, AWS CUR, Google
 * Cloud, Azure and simple CSV formats.
 *
 * @public
 */
export const modelopsCostFormatsExtensionPoint =
  createExtensionPoint<ModelopsCostFormatsExtensionPoint>({
    id: 'modelops.cost-formats',
  });
