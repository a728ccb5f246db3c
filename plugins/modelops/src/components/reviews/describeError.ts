// An entity ref as backend messages write them: `group:default/risk-ml`.
const ENTITY_REF =
  /\b[a-z][a-z0-9-]*:[a-z0-9][a-z0-9._-]*\/([a-z0-9][a-z0-9._-]*)/gi;

/**
 * The message to show for a failed request: the backend's own message (a
 * ResponseError carries it in its body, e.g. "Only members of
 * group:default/risk-ml ... may decide"), else the error's message. The
 * backend names the rule; the refs in it are shortened to entity names
 * ("Only members of risk-ml ..."), which read as words in a toast.
 */
export function describeError(error: unknown): string {
  const body = (error as { body?: { error?: { message?: unknown } } })?.body;
  let message = error instanceof Error ? error.message : String(error);
  if (typeof body?.error?.message === 'string') {
    message = body.error.message;
  }
  return message.replace(ENTITY_REF, (_ref, name: string) => name);
}
