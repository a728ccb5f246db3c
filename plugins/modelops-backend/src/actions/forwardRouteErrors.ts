/*
 * forwardRouteErrors: actions reach the ModelOps routes through the typed
 * clients, which throw a ResponseError for every non-2xx answer. Backstage's
 * error handler would answer an unknown error with a 500, so each error is
 * rethrown as the error type the route raised, with the route's message
 * (which names the field and the rule): an assistant then sees exactly what
 * a user of the portal would, "InputError: Invalid body: expiresAt: ...".
 */
import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import {
  AuthenticationError,
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
  ResponseError,
} from '@backstage/errors';

const ERRORS_BY_STATUS: Record<number, new (message: string) => Error> = {
  400: InputError,
  401: AuthenticationError,
  403: NotAllowedError,
  404: NotFoundError,
  409: ConflictError,
};

/** Turns a route's ResponseError back into the error the route threw. */
export function toRouteError(error: unknown): unknown {
  if (!(error instanceof ResponseError)) {
    return error;
  }
  const ErrorType = ERRORS_BY_STATUS[error.statusCode];
  return ErrorType ? new ErrorType(error.body.error.message) : error;
}

/**
 * Wraps an actions registry so that every action registered through it
 * forwards route errors as their own type.
 */
export function forwardRouteErrors(
  registry: ActionsRegistryService,
): ActionsRegistryService {
  return {
    register(options) {
      registry.register({
        ...options,
        action: async context => {
          try {
            return await options.action(context);
          } catch (error) {
            throw toRouteError(error);
          }
        },
      });
    },
  };
}
