/*
 * internalErrorBodies: the last error middleware of the plugin's router.
 * An error that is not a client error (status below 500, as the
 * `@backstage/errors` types and body-parser errors carry) is logged in full
 * with a log id and answered as a bare 500 naming only that id. Backstage's
 * own error handler filters PostgreSQL's DatabaseError this way, but passes
 * on the message of every other error: SQLite's constraint failures, knex's
 * errors and a TypeError's message would reach the caller with table names,
 * column names and SQL text, and in development with a stack trace.
 */
import type { LoggerService } from '@backstage/backend-plugin-api';
import { isError } from '@backstage/errors';
import type { ErrorRequestHandler } from 'express';
import { randomBytes } from 'node:crypto';

function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  for (const field of ['statusCode', 'status'] as const) {
    const status = (error as Record<string, unknown>)[field];
    if (typeof status === 'number' && Number.isInteger(status)) return status;
  }
  return undefined;
}

// The errors of @backstage/errors that answer 4xx, recognised by name as the
// framework's handler does.
const CLIENT_ERRORS = new Set([
  'InputError',
  'AuthenticationError',
  'NotAllowedError',
  'NotFoundError',
  'ConflictError',
  'NotModifiedError',
]);

/** Builds the middleware; mount it after every feature router. */
export function internalErrorBodies(
  logger: LoggerService,
): ErrorRequestHandler {
  return (error, _req, _res, next) => {
    const status = statusOf(error);
    const isClientError =
      (status !== undefined && status < 500) ||
      (isError(error) && CLIENT_ERRORS.has(error.name));
    if (isClientError) {
      next(error);
      return;
    }
    const logId = randomBytes(10).toString('hex');
    logger.error(
      `Internal error logId=${logId}`,
      isError(error) ? error : new Error(String(error)),
    );
    const replacement = new Error(
      `An internal error occurred; the backend log holds it as logId=${logId}`,
    );
    delete replacement.stack;
    next(replacement);
  };
}
