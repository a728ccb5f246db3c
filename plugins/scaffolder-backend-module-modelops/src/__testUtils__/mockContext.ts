import type { ActionContext } from '@backstage/plugin-scaffolder-node';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import type { JsonObject } from '@backstage/types';

/**
 * A mock action context whose input is typed loosely: tests pass raw template
 * values, before the action's schema applies its defaults, and deliberately
 * invalid ones.
 */
export function mockContext(
  options: Partial<ActionContext<JsonObject, JsonObject>>,
): ActionContext<any, any> {
  return createMockActionContext(options);
}
