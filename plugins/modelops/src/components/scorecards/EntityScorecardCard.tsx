/*
 * EntityScorecardCard: the entity's level in each pack, its score, the
 * failing checks with what to do about them, and its waivers. Owners with
 * the waiver request permission can ask for a waiver of a failing check.
 */
import { useState } from 'react';
import { InfoCard, Link, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  waiverRequestPermission,
  type CheckResultView,
} from '@modelops/plugin-modelops-common';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Typography from '@mui/material/Typography';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { LevelChip } from './LevelChip';
import { packTitle } from './packTitle';
import { RequestWaiverDialog } from './RequestWaiverDialog';
import { scorecardApiRef } from './scorecardApiRef';
import { RequestErrorPanel } from '../common/RequestErrorPanel';
import { EntityRefCell } from '../common/EntityRefCell';

const SEVERITY_COLOR = {
  critical: 'error',
  error: 'error',
  warning: 'warning',
  info: 'info',
} as const;

/**
 * Scorecard card for MLModel and Dataset entity pages.
 *
 * @public
 */
export function EntityScorecardCard() {
  const { entity } = useEntity();
  const api = useApi(scorecardApiRef);
  const entityRef = stringifyEntityRef(entity);
  const { allowed: canRequest } = usePermission({
    permission: waiverRequestPermission,
    resourceRef: entityRef,
  });
  const [waiverFor, setWaiverFor] = useState<CheckResultView | undefined>();
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.getEntityScorecard(entityRef),
    [api, entityRef],
  );

  if (loading) return <Progress />;
  if (error) {
    return (
      <RequestErrorPanel
        error={error}
        forbiddenMessage="This scorecard is visible to the owning team and the AI review board."
      />
    );
  }
  if (!value) return null;

  return (
    <InfoCard
      title="Scorecard"
      subheader={
        value.evaluatedAt
          ? `Score ${value.score} / 100, evaluated ${new Date(
              value.evaluatedAt,
            ).toLocaleString()}`
          : 'Not evaluated yet'
      }
    >
      <Box
        display="flex"
        gap={1}
        flexWrap="wrap"
        mb={2}
        aria-label="Levels per pack"
      >
        {value.packs.map(p => (
          <LevelChip key={p.pack} level={p.level} label={packTitle(p.pack)} />
        ))}
      </Box>
      {!value.evaluatedAt && (
        <Typography>
          The scheduled evaluation has not reached this entity yet; results
          appear here after the next run.
        </Typography>
      )}
      {value.evaluatedAt && value.failing.length === 0 && (
        <Typography>All {value.passing} applicable checks pass.</Typography>
      )}
      {value.failing.length > 0 && (
        <List dense aria-label="Failing checks">
          {value.failing.map(r => (
            // The waiver button sits in the row's flow rather than as an
            // absolutely placed secondary action, so the explanation wraps
            // beside it instead of running under it and off the card.
            <ListItem key={r.checkId} divider alignItems="flex-start">
              <ListItemText
                sx={{ minWidth: 0 }}
                secondaryTypographyProps={{
                  component: 'div',
                  sx: { whiteSpace: 'normal', overflowWrap: 'anywhere' },
                }}
                primary={
                  <Box
                    display="flex"
                    flexWrap="wrap"
                    gap={1}
                    alignItems="center"
                  >
                    <span>{r.check.title}</span>
                    <Chip
                      size="small"
                      color={SEVERITY_COLOR[r.severity]}
                      label={r.severity}
                    />
                    <Chip
                      size="small"
                      variant="outlined"
                      label={`${packTitle(r.pack)} · ${r.level}`}
                    />
                    {r.effectiveState === 'waived' && (
                      <Chip size="small" label="waived" />
                    )}
                  </Box>
                }
                secondary={
                  <>
                    {r.message && <span>{r.message}. </span>}
                    {r.check.remediation.text}{' '}
                    {r.check.remediation.link && (
                      <Link to={r.check.remediation.link}>How to fix</Link>
                    )}
                  </>
                }
              />
              {r.effectiveState === 'fail' && canRequest && (
                <Button
                  size="small"
                  sx={{ flexShrink: 0, ml: 1, whiteSpace: 'nowrap' }}
                  onClick={() => setWaiverFor(r)}
                >
                  Request waiver
                </Button>
              )}
            </ListItem>
          ))}
        </List>
      )}
      {value.waivers.length > 0 && (
        <Box mt={2}>
          <Typography variant="subtitle2">Waivers</Typography>
          <List dense aria-label="Waivers">
            {value.waivers.map(w => (
              <ListItem key={w.id}>
                <ListItemText
                  primary={`${w.checkId}: ${w.status}`}
                  secondaryTypographyProps={{ component: 'div' }}
                  secondary={
                    <>
                      {w.reason} (requested by{' '}
                      <EntityRefCell
                        entityRef={w.requestedBy}
                        defaultKind="User"
                      />
                      , expires {w.expiresAt.slice(0, 10)})
                    </>
                  }
                />
              </ListItem>
            ))}
          </List>
        </Box>
      )}
      {waiverFor && (
        <RequestWaiverDialog
          entityRef={entityRef}
          result={waiverFor}
          onClose={requested => {
            setWaiverFor(undefined);
            if (requested) retry();
          }}
        />
      )}
    </InfoCard>
  );
}
