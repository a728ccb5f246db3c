/*
 * bodyLimits: the request limits every ModelOps route shares, applied once in
 * plugin.ts before the feature routers:
 *
 * - JSON bodies up to JSON_BODY_LIMIT (larger ones get 413 from the parser);
 *   routes with their own text parser (the CSV import) set their own limit.
 * - A body in a content type no route reads (XML, forms, binary) is refused
 *   with 400 instead of being silently ignored and treated as `{}`.
 * - NUL characters are refused in body strings and keys, query values and
 *   the path: PostgreSQL cannot store them in text columns, and SQLite would
 *   store what PostgreSQL refuses, so both databases behave the same.
 * - `__proto__` keys and bodies nested deeper than MAX_JSON_DEPTH are refused
 *   before any handler copies or walks them.
 *
 * Each refusal is an InputError naming the field and the rule.
 */
import { InputError } from '@backstage/errors';
import express, { type Handler } from 'express';

/** Largest JSON body accepted, in the notation of body-parser. */
export const JSON_BODY_LIMIT = '1mb';

/** Deepest nesting of arrays and objects accepted in a JSON body. */
export const MAX_JSON_DEPTH = 32;

/** Content types a route may read besides JSON (the CSV import). */
export const TEXT_BODY_TYPES = ['text/csv', 'text/plain'];

const NUL = '\u0000';

function hasBody(req: express.Request): boolean {
  const length = req.headers['content-length'];
  return (
    (length !== undefined && length !== '0') ||
    req.headers['transfer-encoding'] !== undefined
  );
}

function fieldPath(path: string[]): string {
  return path.length ? path.join('.') : '(body)';
}

function checkValue(value: unknown, path: string[], where: string): void {
  if (typeof value === 'string') {
    if (value.includes(NUL)) {
      throw new InputError(
        `Invalid ${where}: ${fieldPath(path)}: must not contain NUL characters`,
      );
    }
    return;
  }
  if (value === null || typeof value !== 'object') return;
  if (path.length >= MAX_JSON_DEPTH) {
    throw new InputError(
      `Invalid ${where}: ${fieldPath(
        path,
      )}: nested deeper than ${MAX_JSON_DEPTH} levels`,
    );
  }
  if (Array.isArray(value)) {
    value.forEach((item, index) =>
      checkValue(item, [...path, String(index)], where),
    );
    return;
  }
  for (const key of Object.keys(value)) {
    if (key === '__proto__') {
      throw new InputError(
        `Invalid ${where}: ${fieldPath([...path, key])}: key not allowed`,
      );
    }
    if (key.includes(NUL)) {
      throw new InputError(
        `Invalid ${where}: ${fieldPath(
          path,
        )}: keys must not contain NUL characters`,
      );
    }
    checkValue((value as Record<string, unknown>)[key], [...path, key], where);
  }
}

/** Refuses bodies in content types that no ModelOps route reads. */
export const rejectUnreadableBodies: Handler = (req, _res, next) => {
  if (
    hasBody(req) &&
    !req.is('application/json') &&
    !req.is('+json') &&
    !req.is(TEXT_BODY_TYPES)
  ) {
    throw new InputError(
      `Invalid content type ${
        req.headers['content-type'] ?? '(none)'
      }: send the body as application/json`,
    );
  }
  next();
};

/** Refuses NUL characters, `__proto__` keys and over-deep nesting. */
export const rejectUnsafeInput: Handler = (req, _res, next) => {
  const rawPath = req.originalUrl.split('?')[0];
  if (/%00/.test(rawPath)) {
    throw new InputError('Invalid path: must not contain NUL characters');
  }
  checkValue(req.query, [], 'query');
  if (req.is('application/json') || req.is('+json')) {
    checkValue(req.body, [], 'body');
  }
  next();
};

/**
 * The shared request limits, in order: JSON parsing with the size cap, the
 * content type check, and the unsafe input check.
 */
export function bodyLimits(): Handler[] {
  return [
    express.json({ limit: JSON_BODY_LIMIT }),
    rejectUnreadableBodies,
    rejectUnsafeInput,
  ];
}
