import { useEffect, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { EmptyState, Progress } from '@backstage/core-components';
import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { PageFrame } from '../common/PageFrame';
import { useEntityTitles } from '../common/useEntityTitles';
import { DecisionHistoryTable } from './DecisionHistoryTable';

/** Props of {@link TeamDecisionHistoryPage}. */
export interface TeamDecisionHistoryPageProps {
  /** Drawn as a tab of the reviews section, without a page header. */
  embedded?: boolean;
}

/**
 * The decision history of the signed-in user's teams: one team at a time,
 * chosen among the groups the user belongs to.
 *
 * @public
 */
export function TeamDecisionHistoryPage(props: TeamDecisionHistoryPageProps) {
  const identityApi = useApi(identityApiRef);
  const { value: teams, loading } = useAsync(async () => {
    const identity = await identityApi.getBackstageIdentity();
    return identity.ownershipEntityRefs.filter(ref => {
      try {
        return parseEntityRef(ref).kind.toLocaleLowerCase('en-US') === 'group';
      } catch {
        return false;
      }
    });
  }, [identityApi]);
  const titles = useEntityTitles(teams ?? []);
  const [team, setTeam] = useState<string | undefined>();
  useEffect(() => {
    if (!team && teams && teams.length > 0) setTeam(teams[0]);
  }, [team, teams]);

  let body;
  if (loading) {
    body = <Progress />;
  } else if (!teams || teams.length === 0 || !team) {
    body = (
      <EmptyState
        missing="data"
        title="No team"
        description="You belong to no group in the catalog, so there is no team history to show."
      />
    );
  } else {
    body = <DecisionHistoryTable scope={{ team }} />;
  }
  return (
    <PageFrame
      title="Decision history"
      subtitle="Every waiver, production change and ownership decision about what your team owns"
      embedded={props.embedded}
      actions={
        teams && teams.length > 1 && team ? (
          <TextField
            select
            size="small"
            label="Team"
            value={team}
            onChange={event => setTeam(event.target.value)}
          >
            {teams.map(ref => (
              <MenuItem key={ref} value={ref}>
                {titles.get(ref) ?? ref}
              </MenuItem>
            ))}
          </TextField>
        ) : undefined
      }
    >
      {body}
    </PageFrame>
  );
}
