/*
 * auditMutation: runs a mutation inside an auditor event. The event is
 * created before the mutation (so an attempt is recorded even if the process
 * dies), then marked success, or fail with the error, which is rethrown so the
 * framework's error handler still answers the request.
 */
import type { JsonObject } from '@backstage/types';
import type { Request } from 'express';
import type { ModelOpsRouterOptions } from './types';

/** What to record about an audited mutation. */
export interface AuditMutationEvent {
  /** kebab-case event id, for example `evaluation-create`. */
  eventId: string;
  /** The entity the mutation is about, recorded in the event's meta. */
  entityRef?: string;
  /** Further details, kept small: ids and counts, not payloads. */
  meta?: JsonObject;
}

/**
 * Wraps a mutation with an auditor event.
 *
 * @param fn - the mutation; its result is returned, its error rethrown
 */
export async function auditMutation<T>(
  options: Pick<ModelOpsRouterOptions, 'auditor'>,
  req: Request,
  event: AuditMutationEvent,
  fn: () => Promise<T>,
): Promise<T> {
  const meta: JsonObject = { ...event.meta };
  if (event.entityRef) {
    meta.entityRef = event.entityRef;
  }
  const auditorEvent = await options.auditor.createEvent({
    eventId: event.eventId,
    // Backstage rates changes of records as medium (low is for reads), and
    // its default auditor logs medium at info: a governance change must be
    // in the log without raising the log level.
    severityLevel: 'medium',
    request: req,
    meta,
  });
  try {
    const result = await fn();
    await auditorEvent.success();
    return result;
  } catch (error) {
    await auditorEvent.fail({
      error: error instanceof Error ? error : new Error(String(error)),
    });
    throw error;
  }
}
