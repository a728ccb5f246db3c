/*
 * EntityScorecardCard: the entity's level in each pack, its score, and
 * every check in words, grouped by pack: failing first, then waived,
 * passing and not applicable, each with what it expects, what was found,
 * why it exists and what to do; then its waivers. Owners with the waiver
 * request permission can ask for a waiver of a failing check that has no
 * waiver pending.
 */
import { useState } from 'react';
import { InfoCard, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  waiverApprovePermission,
  waiverRequestPermission,
  type CheckMetadata,
  type CheckResultView,
  type EntityScorecard,
  type PackScore,
  type WaiverStatus,
} from '@modelops/plugin-modelops-common';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Typography from '@mui/material/Typography';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { CheckResultRow } from './CheckResultRow';
import { LevelChip } from './LevelChip';
import { packTitle } from './packTitle';
import { RequestWaiverDialog } from './RequestWaiverDialog';
import { scorecardApiRef } from '../../api/scorecardApiRef';
import { RequestErrorPanel } from '../common/RequestErrorPanel';
import { TimeLabel } from '../common/TimeLabel';
import { useViewer } from '../common/useViewer';
import { WaiverDecision } from './WaiverDecision';
import { wrapText } from '../common/wrapText';

const WAIVER_STATUS_LABELS: Record<WaiverStatus, string> = {
  pending: 'Waiting for approval',
  approved: 'Approved',
  rejected: 'Rejected',
  withdrawn: 'Withdrawn',
  expired: 'Expired',
};

/** The entity's checks per pack, packs in name order, as the API sorts them. */
function groupByPack(value: EntityScorecard) {
  const groups = new Map<
    string,
    {
      pack: string;
      score?: PackScore;
      results: CheckResultView[];
      notApplicable: CheckMetadata[];
    }
  >();
  const group = (pack: string) => {
    let g = groups.get(pack);
    if (!g) {
      g = {
        pack,
        score: value.packs.find(p => p.pack === pack),
        results: [],
        notApplicable: [],
      };
      groups.set(pack, g);
    }
    return g;
  };
  for (const r of value.results) group(r.pack).results.push(r);
  for (const c of value.notApplicable) group(c.pack).notApplicable.push(c);
  return [...groups.values()].sort((a, b) => a.pack.localeCompare(b.pack));
}

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
  const { allowed: canDecide } = usePermission({
    permission: waiverApprovePermission,
  });
  const viewer = useViewer();
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
  const pendingWaiver = new Set(
    value.waivers.filter(w => w.status === 'pending').map(w => w.checkId),
  );
  const checkTitles = new Map<string, string>([
    ...value.results.map(r => [r.checkId, r.check.title] as const),
    ...value.notApplicable.map(c => [c.id, c.title] as const),
  ]);

  return (
    <InfoCard
      title="Scorecard"
      subheader={
        value.evaluatedAt ? (
          <span>
            Score {value.score} / 100, evaluated{' '}
            <TimeLabel value={value.evaluatedAt} />
          </span>
        ) : (
          'Not evaluated yet'
        )
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
      {value.evaluatedAt && (
        <Typography variant="body2" sx={{ mb: 1 }}>
          {value.passing} of {value.results.length} applicable checks pass
          {value.notApplicable.length > 0 &&
            `; ${value.notApplicable.length} do not apply to this entity`}
          .
        </Typography>
      )}
      {groupByPack(value).map(group => (
        <Box key={group.pack} mt={2} component="section">
          <Box display="flex" alignItems="center" gap={1}>
            <Typography variant="h6" component="h3">
              {packTitle(group.pack)}
            </Typography>
            {group.score && (
              <LevelChip level={group.score.level} label="Level" />
            )}
          </Box>
          <List dense aria-label={`${packTitle(group.pack)} checks`}>
            {group.results.map(r => (
              <CheckResultRow
                key={r.checkId}
                check={r.check}
                state={r.effectiveState}
                result={r}
                action={
                  r.effectiveState === 'fail' &&
                  canRequest &&
                  (pendingWaiver.has(r.checkId) ? (
                    <Chip size="small" label="waiver requested" />
                  ) : (
                    <Button
                      size="small"
                      sx={{ flexShrink: 0, whiteSpace: 'nowrap' }}
                      onClick={() => setWaiverFor(r)}
                    >
                      Request waiver
                    </Button>
                  ))
                }
              />
            ))}
            {group.notApplicable.map(c => (
              <CheckResultRow key={c.id} check={c} state="not-applicable" />
            ))}
          </List>
        </Box>
      ))}
      {value.waivers.length > 0 && (
        <Box mt={2}>
          <Typography variant="subtitle2">Waivers</Typography>
          <List dense aria-label="Waivers">
            {value.waivers.map(w => (
              <ListItem key={w.id} divider alignItems="flex-start">
                <ListItemText
                  sx={wrapText}
                  primary={`${checkTitles.get(w.checkId) ?? w.checkId}: ${
                    WAIVER_STATUS_LABELS[w.status]
                  }`}
                  secondaryTypographyProps={{
                    component: 'div',
                    sx: { whiteSpace: 'normal', overflowWrap: 'anywhere' },
                  }}
                  secondary={
                    <>
                      {w.reason} (requested by{' '}
                      <EntityRefLink
                        entityRef={w.requestedBy}
                        defaultKind="User"
                      />{' '}
                      <TimeLabel value={w.requestedAt} />
                      {w.decidedBy && (
                        <>
                          , {w.status} by{' '}
                          <EntityRefLink
                            entityRef={w.decidedBy}
                            defaultKind="User"
                          />
                        </>
                      )}
                      , until <TimeLabel value={w.expiresAt} absolute />)
                    </>
                  }
                />
                <Box ml={1}>
                  <WaiverDecision
                    waiver={w}
                    canDecide={canDecide}
                    viewer={viewer}
                    onDecided={retry}
                  />
                </Box>
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
