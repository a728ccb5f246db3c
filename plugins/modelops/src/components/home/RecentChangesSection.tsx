import useAsync from 'react-use/esm/useAsync';
import { useApiHolder } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { ChangeRequest } from '@modelops/plugin-modelops-common';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import { changeApiRef } from '../../api/changeApiRef';
import { HomeSection } from './HomeSection';
import { sectionStatus } from './sectionStatus';
import { TimeLabel } from '../common/TimeLabel';
import { wrapText } from '../common/wrapText';

function DescribeChange(props: { change: ChangeRequest }) {
  const { change } = props;
  const what =
    change.kind === 'promote'
      ? `Promotion to ${change.modelVersion}`
      : `Rollback to ${change.modelVersion}`;
  const pending = change.status === 'pending' || !change.decidedBy;
  return (
    <>
      {what} {pending ? 'requested' : change.status} by{' '}
      <EntityRefLink
        entityRef={pending ? change.requesterRef : change.decidedBy!}
        defaultKind="User"
      />
      , <TimeLabel value={change.decidedAt ?? change.createdAt} />
    </>
  );
}

/**
 * Recently changed models: the latest promotions and rollbacks requested or
 * decided, from the change approval records.
 */
export function RecentChangesSection() {
  const changeApi = useApiHolder().get(changeApiRef);
  const { value, loading, error } = useAsync(
    async () => (changeApi ? (await changeApi.listRecentChanges(8)).items : []),
    [changeApi],
  );
  return (
    <HomeSection
      title="Recently changed models"
      subheader="The latest promotions and rollbacks of production models"
      status={sectionStatus({
        loading,
        error,
        available: Boolean(changeApi),
        isEmpty: value?.length === 0,
        emptyMessage: 'No production change has been requested yet.',
        unavailableMessage:
          'Change approvals are not installed in this portal.',
      })}
    >
      <List dense aria-label="Recently changed models">
        {value?.map(change => (
          <ListItem key={change.id} disableGutters>
            <ListItemText
              sx={wrapText}
              primary={<EntityRefLink entityRef={change.entityRef} />}
              secondaryTypographyProps={{ component: 'div' }}
              secondary={<DescribeChange change={change} />}
            />
          </ListItem>
        ))}
      </List>
    </HomeSection>
  );
}
