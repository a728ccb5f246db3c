import { z } from 'zod';
import { DATASET_KIND, MLMODEL_KIND } from '../kinds/constants';
import { datasetEntitySchema } from '../kinds/datasetEntitySchema';
import { mlModelEntitySchema } from '../kinds/mlModelEntitySchema';
import { closestKey } from './closestKey';
import { describeValue, formatPath, valueAt } from './describeValue';
import type { ModelOpsValidationProblem } from './types';

const TYPE_WORDS: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping of fields',
  record: 'a mapping of fields',
};

/**
 * Rules in plain words for the checks that do not carry their own message
 * (every check built in schemaPrimitives does).
 */
const ruleFor: z.core.$ZodErrorMap = issue => {
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${TYPE_WORDS[issue.expected] ?? issue.expected}`;
    case 'invalid_value':
      return issue.values.length === 1
        ? `expected ${JSON.stringify(issue.values[0])}`
        : `expected one of ${issue.values.map(v => String(v)).join(', ')}`;
    case 'too_small':
      return issue.origin === 'array'
        ? `expected at least ${issue.minimum} item(s)`
        : `expected at least ${issue.minimum}`;
    case 'too_big':
      return issue.origin === 'array'
        ? `expected at most ${issue.maximum} item(s)`
        : `expected at most ${issue.maximum}`;
    case 'invalid_format':
      return `expected the ${issue.format} format`;
    case 'invalid_union':
      return 'expected one of the allowed shapes';
    default:
      return undefined;
  }
};

/** Walks a schema along a path to the object schema holding a key. */
function allowedKeysAt(
  schema: z.core.$ZodType,
  path: ReadonlyArray<PropertyKey>,
): string[] {
  let current: z.core.$ZodType | undefined = schema;
  const unwrap = () => {
    while (current) {
      const def: any = current._zod.def;
      if (def.type === 'optional' || def.type === 'default') {
        current = def.innerType;
      } else if (def.type === 'pipe') {
        current = def.in;
      } else {
        return;
      }
    }
  };
  for (const segment of path) {
    unwrap();
    const def: any = current?._zod.def;
    if (def?.type === 'object') {
      current = def.shape[segment as string];
    } else if (def?.type === 'array') {
      current = def.element;
    } else if (def?.type === 'record') {
      current = def.valueType;
    } else {
      return [];
    }
  }
  unwrap();
  const def: any = current?._zod.def;
  return def?.type === 'object' ? Object.keys(def.shape) : [];
}

function problem(
  path: ReadonlyArray<PropertyKey>,
  rule: string,
  found: unknown,
): ModelOpsValidationProblem {
  const where = formatPath(path);
  return {
    path: where,
    rule,
    message: `${where}: ${rule}; got ${describeValue(found)}`,
  };
}

/**
 * Validates an MLModel or Dataset document against its schema and returns
 * every problem found, in document order; an empty list means valid.
 * Each message names the field, the rule and what was found, for example
 * `spec.risk.tier: expected one of unacceptable, high, limited, minimal; got "hgih"`.
 *
 * @public
 */
export function validateModelOpsEntity(
  entity: unknown,
): ModelOpsValidationProblem[] {
  if (entity === null || typeof entity !== 'object' || Array.isArray(entity)) {
    return [problem([], 'expected an entity document (a mapping)', entity)];
  }
  const kind = (entity as { kind?: unknown }).kind;
  let schema: typeof mlModelEntitySchema | typeof datasetEntitySchema;
  if (kind === MLMODEL_KIND) {
    schema = mlModelEntitySchema;
  } else if (kind === DATASET_KIND) {
    schema = datasetEntitySchema;
  } else {
    return [
      problem(
        ['kind'],
        `expected one of ${MLMODEL_KIND}, ${DATASET_KIND}`,
        kind,
      ),
    ];
  }

  const result = schema.safeParse(entity, { error: ruleFor });
  if (result.success) {
    return [];
  }
  const problems: ModelOpsValidationProblem[] = [];
  for (const issue of result.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      // One problem per key, each with its own path and typo hint.
      const allowed = allowedKeysAt(schema, issue.path);
      for (const key of issue.keys) {
        const suggestion = closestKey(key, allowed);
        const rule = suggestion
          ? `unknown field, did you mean "${suggestion}"?`
          : 'unknown field, not part of the schema';
        const keyPath = [...issue.path, key];
        problems.push(problem(keyPath, rule, valueAt(entity, keyPath)));
      }
      continue;
    }
    const found = valueAt(entity, issue.path);
    const rule =
      found === undefined ? `required, ${issue.message}` : issue.message;
    problems.push(problem(issue.path, rule, found));
  }
  return problems;
}
