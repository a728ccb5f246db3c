/**
 * The message to show for a failed request: the backend's own message (a
 * ResponseError carries it in its body, e.g. "Only members of
 * group:default/risk-ml ... may decide"), else the error's message.
 */
export function describeError(error: unknown): string {
  const body = (error as { body?: { error?: { message?: unknown } } })?.body;
  if (typeof body?.error?.message === 'string') {
    return body.error.message;
  }
  return error instanceof Error ? error.message : String(error);
}
