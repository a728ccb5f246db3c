import { z } from 'zod';

/*
 * Building blocks shared by the MLModel and Dataset schemas. Every check
 * carries its rule in plain words as the error, so that the validator can
 * print "path: rule; got value" without knowing which check failed.
 */

/** A string that is not empty. */
export const nonEmptyString = () =>
  z.string().min(1, { error: 'expected a non-empty string' });

/** Free text (Markdown allowed). */
export const text = () => z.string();

/**
 * An entity reference, full (`kind:namespace/name`) or short (`name`,
 * `namespace/name`); the processor fills in the default kind per field.
 */
export const entityRef = () =>
  z
    .string()
    .regex(
      /^(?:[A-Za-z][A-Za-z0-9-]*:)?(?:[A-Za-z0-9][A-Za-z0-9._-]*\/)?[A-Za-z0-9][A-Za-z0-9._-]*$/,
      {
        error:
          'expected an entity reference like name, namespace/name or kind:namespace/name',
      },
    );

/** A list of entity references. */
export const entityRefList = () => z.array(entityRef());

/** An absolute http(s) URL. */
export const httpUrl = () =>
  z.url({
    protocol: /^https?$/,
    error: 'expected an absolute http(s) URL',
  });

/** An ISO 8601 duration such as P90D, P7Y or PT24H. */
export const isoDuration = () =>
  z.iso.duration({
    error: 'expected an ISO 8601 duration like P90D, P7Y or PT24H',
  });

/** A calendar date written YYYY-MM-DD. */
export const isoDate = () =>
  z.iso.date({ error: 'expected a date written YYYY-MM-DD' });

/** A number that is zero or more. */
export const nonNegativeNumber = () =>
  z.number().min(0, { error: 'expected a number >= 0' });

/** A list of short strings. */
export const stringList = () => z.array(nonEmptyString());

/** Builds an enum whose failure message lists every allowed value. */
export const oneOf = <const T extends readonly [string, ...string[]]>(
  values: T,
) => z.enum(values, { error: `expected one of ${values.join(', ')}` });

/** An instant written as ISO 8601 UTC, e.g. 2026-04-01T08:00:00.000Z. */
export const isoDateTime = () =>
  z.iso.datetime({
    error: 'expected an ISO 8601 date and time like 2026-04-01T08:00:00Z',
  });
