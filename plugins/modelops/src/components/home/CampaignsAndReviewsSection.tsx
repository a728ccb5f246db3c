import type { ReactNode } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { useApiHolder } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import { reviewApiRef } from '../../api/reviewApiRef';
import { scorecardApiRef } from '../../api/scorecardApiRef';
import { HomeSection } from './HomeSection';
import { isNotInstalled, sectionStatus } from './sectionStatus';
import { TimeLabel } from '../common/TimeLabel';
import { wrapText } from '../common/wrapText';

interface OpenWork {
  key: string;
  primary: string;
  secondary: ReactNode;
}

// A source that is not installed contributes nothing; any other failure is
// reported.
async function optional<T>(
  read: (() => Promise<T>) | undefined,
): Promise<T | undefined> {
  if (!read) return undefined;
  try {
    return await read();
  } catch (error) {
    if (isNotInstalled(error)) return undefined;
    throw error;
  }
}

/**
 * Open scorecard campaigns with their due dates and the ownership reviews
 * waiting for the user's groups; either part is left out when its feature
 * is not installed.
 */
export function CampaignsAndReviewsSection() {
  const apis = useApiHolder();
  const scorecardApi = apis.get(scorecardApiRef);
  const reviewApi = apis.get(reviewApiRef);

  const { value, loading, error } = useAsync(async () => {
    const [campaigns, reviews] = await Promise.all([
      optional(scorecardApi && (() => scorecardApi.listCampaigns())),
      optional(reviewApi && (() => reviewApi.getMyReviews())),
    ]);
    const work: OpenWork[] = [];
    for (const c of (campaigns ?? []).filter(x => x.status === 'open')) {
      work.push({
        key: `campaign-${c.id}`,
        primary: `Campaign: ${c.title}`,
        secondary: (
          <>
            Due <TimeLabel value={c.dueDate} />, {c.checkIds.length} checks, run
            by <EntityRefLink entityRef={c.owner} defaultKind="Group" />
          </>
        ),
      });
    }
    if (reviews) {
      const pending = reviews.items.filter(i => i.state === 'pending');
      const overdue = pending.filter(i => i.overdue).length;
      if (pending.length > 0) {
        work.push({
          key: 'reviews',
          primary: `Ownership review: ${pending.length} items to attest`,
          secondary: overdue > 0 ? `${overdue} overdue` : 'None overdue',
        });
      }
      if (reviews.incomingTransfers.length > 0) {
        work.push({
          key: 'transfers',
          primary: `Ownership transfers: ${reviews.incomingTransfers.length} waiting for your acceptance`,
          secondary: reviews.incomingTransfers
            .map(i => i.entityTitle)
            .join(', '),
        });
      }
    }
    return {
      work,
      installed: campaigns !== undefined || reviews !== undefined,
    };
  }, [scorecardApi, reviewApi]);

  return (
    <HomeSection
      title="Open campaigns and reviews"
      subheader="Governance work with a due date"
      status={sectionStatus({
        loading,
        error,
        available:
          Boolean(scorecardApi || reviewApi) && value?.installed !== false,
        isEmpty: value?.work.length === 0,
        emptyMessage:
          'No open campaigns and nothing for your groups to review.',
        unavailableMessage:
          'Campaigns and ownership reviews are not installed in this portal.',
      })}
    >
      <List dense aria-label="Open campaigns and reviews">
        {value?.work.map(w => (
          <ListItem key={w.key} disableGutters>
            <ListItemText
              sx={wrapText}
              primary={w.primary}
              secondaryTypographyProps={{ component: 'div' }}
              secondary={w.secondary}
            />
          </ListItem>
        ))}
      </List>
    </HomeSection>
  );
}
