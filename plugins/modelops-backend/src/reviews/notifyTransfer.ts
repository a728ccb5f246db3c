/*
 * notifyTransfer: tells the other side of a transfer what happened: the
 * receiving group when entities are offered to it, the former owners when the
 * transfer is accepted (their catalog-info still names them as owner until
 * somebody changes spec.owner). The decision is already committed when this
 * runs, so a failed notification is logged, never turned into an error
 * (see notifyEntity).
 */
import type { ReviewItem } from '@modelops/plugin-modelops-common';
import { notifyEntity } from '../service/notifyEntity';
import type { ModelOpsRouterOptions } from '../service/types';
import { REVIEW_PAGE_LINK } from './ReviewCycleRunner';

function describeItems(items: ReviewItem[]): string {
  const names = items.map(i => i.entityTitle ?? i.entityRef);
  return names.length <= 3
    ? names.join(', ')
    : `${names.slice(0, 3).join(', ')} and ${names.length - 3} more`;
}

/** Notifies the group on the other side of a transfer. */
export async function notifyTransfer(
  options: Pick<ModelOpsRouterOptions, 'notifications' | 'logger'>,
  event: 'offered' | 'accepted',
  items: ReviewItem[],
  actor: string,
): Promise<void> {
  const first = items[0];
  const recipient = event === 'offered' ? first?.transferTo : first?.ownerRef;
  if (!first || !recipient) {
    return;
  }
  await notifyEntity(
    options,
    recipient,
    event === 'offered'
      ? {
          title: `${
            first.ownerRef
          } offers your team ownership of ${describeItems(items)}`,
          description: `${actor} proposed the transfer${
            first.note ? `: ${first.note}` : ''
          }. A member of your team accepts it on the review page.`,
          link: REVIEW_PAGE_LINK,
          severity: 'normal',
          topic: 'modelops-reviews',
        }
      : {
          title: `${recipient} no longer owns ${describeItems(items)}`,
          description: `${actor} accepted the transfer to ${first.transferTo}. Change spec.owner in the catalog-info file to match.`,
          link: REVIEW_PAGE_LINK,
          severity: 'normal',
          topic: 'modelops-reviews',
        },
    `Could not notify ${recipient} of the ${event} transfer of ${first.entityRef}`,
  );
}
