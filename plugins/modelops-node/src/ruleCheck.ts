import {
  evaluateRule,
  type CheckDefinition,
} from '@modelops/plugin-modelops-common';
import type { ModelopsCheck } from './types';

/**
 * Turns a declarative check (metadata plus rule) into a check the engine
 * runs, so config checks, shipped packs and code checks share one path.
 *
 * @public
 */
export function ruleCheck(definition: CheckDefinition): ModelopsCheck {
  const { rule, ...metadata } = definition;
  return {
    ...metadata,
    rule,
    evaluate: ({ facts }) => evaluateRule(rule, facts),
  };
}
