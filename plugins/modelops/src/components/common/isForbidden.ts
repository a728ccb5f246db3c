import { ResponseError } from '@backstage/errors';

/**
 * Whether a failed request was refused by the permission framework (HTTP
 * 403). The ModelOps clients throw ResponseError for every non-2xx answer;
 * an error serialized across a boundary keeps its name but may lose the
 * prototype, so the shape is checked rather than the class.
 */
export function isForbidden(error: unknown): boolean {
  if (ResponseError.is(error)) {
    return error.statusCode === 403;
  }
  const e = error as
    | { name?: unknown; response?: { status?: unknown } }
    | undefined;
  return e?.response?.status === 403 || e?.name === 'NotAllowedError';
}
