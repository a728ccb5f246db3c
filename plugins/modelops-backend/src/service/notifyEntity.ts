/*
 * notifyEntity: sends one notification to a user or group entity after the
 * change it reports has been committed. A notification service that fails
 * must not turn a recorded request, decision or report into an error (the
 * caller would retry and record it twice), so a failure is logged and
 * reported as `false`, never thrown. Feedback, change approvals and
 * ownership reviews all notify this way.
 */
import type { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import type { ModelOpsRouterOptions } from './types';

/**
 * Sends `payload` to the entity `recipient` (a user or group ref).
 *
 * @param failure - what the warning logged on failure says before the error,
 *   for example `Feedback notification to group:default/ml failed`
 * @returns whether the notification service accepted the notification
 */
export async function notifyEntity(
  options: Pick<ModelOpsRouterOptions, 'notifications' | 'logger'>,
  recipient: string,
  payload: NotificationSendOptions['payload'],
  failure: string,
): Promise<boolean> {
  try {
    await options.notifications.send({
      recipients: { type: 'entity', entityRef: recipient },
      payload,
    });
    return true;
  } catch (error) {
    options.logger.warn(`${failure}: ${error}`);
    return false;
  }
}
